package io.jawait.processor.analyse;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import io.jawait.processor.analyse.LocalVariables.Hoisted;
import io.jawait.processor.javac.MethodAttribution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The local class that the local classes used across awaits are declared in, when any of them
 * captures a local: it holds the captured values, one final field per local, and each instance of
 * such a class reaches them through its enclosing instance of the holder.
 *
 * <p>Those classes are declared at the top of the step method, where no local of the method is in
 * scope, so they cannot capture the locals themselves. javac passes a local class's captured values
 * to its constructor and stores them before the superclass constructor runs; an inner class's
 * enclosing instance is passed and stored the same way. So each creation outside the holder,
 * {@code new L(...)}, becomes {@code new Holder(values).new L(...)} with the values current where it
 * is made (a lambda's or class's own copies there), and the code of the classes themselves creates
 * instances with its own enclosing holder, which holds the values the creating instance was given:
 * what javac gives each instance.
 *
 * <p>A class's captures include those of every class of the holder it names (which it may create
 * or extend), as javac's include those of the local classes it creates; records, enums and
 * interfaces are static and capture nothing. All the hoisted classes go into the holder once there
 * is one, so that they can name each other in any order.
 */
public final class CaptureHolder {
    private final String name;
    private final Map<Hoisted, String> fields;
    private final Map<Element, Set<Hoisted>> captures;

    private CaptureHolder(String name, Map<Hoisted, String> fields, Map<Element, Set<Hoisted>> captures) {
        this.name = name;
        this.fields = fields;
        this.captures = captures;
    }

    /**
     * @param classes  the hoisted local classes, by symbol
     * @param captured the hoisted local each identifier inside a lambda or class body reads
     */
    static CaptureHolder of(Map<Element, ClassTree> classes, Map<Tree, Hoisted> captured, MethodAttribution attribution,
            NameAllocator names) {
        Map<Element, Set<Hoisted>> direct = new HashMap<>();
        Map<Element, Set<Element>> named = new HashMap<>();
        for (Map.Entry<Element, ClassTree> c : classes.entrySet()) {
            Set<Hoisted> reads = new LinkedHashSet<>();
            Set<Element> mentions = new LinkedHashSet<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void p) {
                    Hoisted h = captured.get(node);
                    if (h != null) {
                        reads.add(h);
                    }
                    Element sym = attribution.referent(node);
                    if (sym != null && classes.containsKey(sym) && !sym.equals(c.getKey())) {
                        mentions.add(sym);
                    }
                    return null;
                }
            }.scan(c.getValue(), null);
            direct.put(c.getKey(), reads);
            named.put(c.getKey(), mentions);
        }
        Map<Element, Set<Hoisted>> closed = new IdentityHashMap<>();
        for (Element c : classes.keySet()) {
            closed.put(c, c.getKind() == ElementKind.CLASS ? new LinkedHashSet<>(direct.get(c)) : Set.of());
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Element c : classes.keySet()) {
                if (c.getKind() != ElementKind.CLASS) {
                    continue;
                }
                for (Element m : named.get(c)) {
                    changed |= closed.get(c).addAll(closed.get(m));
                }
            }
        }
        Set<Hoisted> all = new LinkedHashSet<>();
        for (Element c : classes.keySet()) {
            all.addAll(closed.get(c));
        }
        if (all.isEmpty()) {
            return new CaptureHolder(null, Map.of(), Map.of());
        }
        Map<Hoisted, String> fields = new LinkedHashMap<>();
        for (Hoisted h : all) {
            fields.put(h, names.fresh(h.name() + "$c"));
        }
        return new CaptureHolder(names.claim("$Captures"), fields, closed);
    }

    /** True when the method's local classes need a holder: one of them captures a local. */
    public boolean exists() {
        return name != null;
    }

    /** The holder's name, a local class of the step method; null when there is none. */
    public String name() {
        return name;
    }

    /** The holder's fields: each captured local with the field's name, in a fixed order. */
    public Map<Hoisted, String> fields() {
        return fields;
    }

    /** The locals an instance of the hoisted class needs in its holder (empty for other classes). */
    public Set<Hoisted> capturesOf(Element hoistedClass) {
        return captures.getOrDefault(hoistedClass, Set.of());
    }

    /** True for a hoisted class that is an inner class of the holder, whose creation needs a holder instance. */
    public boolean isInner(Element hoistedClass) {
        return exists() && hoistedClass != null && captures.containsKey(hoistedClass)
                && hoistedClass.getKind() == ElementKind.CLASS;
    }

    /** The names the holder declares, so that later generated names avoid them. */
    Collection<String> names() {
        List<String> all = new ArrayList<>(fields.values());
        if (name != null) {
            all.add(name);
        }
        return all;
    }
}
