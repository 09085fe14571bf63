package io.jawait.processor;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.ClassPrepareRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The variables IntelliJ IDEA's debugger shows for the top frame at a line breakpoint, read through
 * JDI as it reads them (its {@code JavaStackFrame.buildVariables}): the frame's visible locals, then
 * each synthetic field {@code val$k} declared by the class of {@code this}, when that class declares
 * the method and is nested, under the name {@code k} (a local class's captured value). Values are
 * shown as text: a string's contents in quotes, a primitive's value, else the type's name. Also
 * the fields of {@code this} (those of its class and its superclasses, as the view's {@code this}
 * node lists them).
 */
final class FrameView {
    /** The variables by name, in the view's order, and the fields of {@code this} by name (empty in a static method). */
    record Shown(Map<String, String> variables, Map<String, String> fieldsOfThis) {
    }

    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(90);
    private static final String CAPTURED = "val$";

    private FrameView() {
    }

    /**
     * Runs {@code mainClass}, compiled into {@code dir}, under JDI until the first breakpoint hit on
     * {@code line} of its source, and returns what the variables view shows there.
     */
    static Shown at(Path dir, String mainClass, int line) throws Exception {
        LaunchingConnector launcher = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> args = launcher.defaultArguments();
        args.get("options").setValue("-cp \"" + Jdb.classPath(dir) + "\"");
        args.get("main").setValue(mainClass);
        VirtualMachine vm = launcher.launch(args);
        try {
            ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
            prepared.addClassFilter(mainClass + "*");
            prepared.enable();
            vm.resume();
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                EventSet events = vm.eventQueue().remove(WAIT_MILLIS);
                if (events == null) {
                    break;
                }
                for (Event e : events) {
                    if (e instanceof ClassPrepareEvent p) {
                        breakAt(vm, p.referenceType(), line);
                    } else if (e instanceof BreakpointEvent b) {
                        return view(b.thread().frame(0));
                    } else if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                        fail("the program ended without stopping at line " + line);
                    }
                }
                events.resume();
            }
            return fail("no breakpoint hit at line " + line + " within " + WAIT_MILLIS + " ms");
        } finally {
            try {
                vm.exit(0);
            } catch (RuntimeException gone) {
                // the VM ended already
            }
            vm.process().destroyForcibly().waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void breakAt(VirtualMachine vm, ReferenceType type, int line) {
        try {
            for (Location l : type.locationsOfLine(line)) {
                vm.eventRequestManager().createBreakpointRequest(l).enable();
            }
        } catch (AbsentInformationException noLines) {
            // a class without debug information has no line to stop at
        }
    }

    private static Shown view(StackFrame frame) throws AbsentInformationException {
        Map<String, String> shown = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (LocalVariable v : frame.visibleVariables()) {
            shown.put(v.name(), text(frame.getValue(v)));
        }
        ObjectReference self = frame.thisObject();
        if (self != null) {
            for (Field f : self.referenceType().allFields()) {
                fields.put(f.name(), text(self.getValue(f)));
            }
        }
        Location at = frame.location();
        if (self != null && self.referenceType() instanceof ClassType type && type.equals(at.declaringType())
                && type.name().contains("$")) {
            for (Field f : type.fields()) {
                if (f.isSynthetic() && f.name().startsWith(CAPTURED)) {
                    shown.putIfAbsent(f.name().substring(CAPTURED.length()), text(self.getValue(f)));
                }
            }
        }
        return new Shown(shown, fields);
    }

    private static String text(Value v) {
        if (v == null) {
            return "null";
        }
        return v instanceof StringReference s ? "\"" + s.value() + "\"" : v instanceof ObjectReference o
                ? o.referenceType().name() : v.toString();
    }
}
