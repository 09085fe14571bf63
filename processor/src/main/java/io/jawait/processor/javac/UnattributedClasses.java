package io.jawait.processor.javac;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes of the compilation that javac has not attributed yet, and a way to keep javac from
 * attributing them while the processor attributes a copy of a method body.
 *
 * <p>Attributing a class attributes its superclass and its owner first: an anonymous or local class
 * in the copy that extends a member class of the method's own class would make javac attribute
 * that whole class in place, user trees included, before the transform has rewritten them (and
 * add to them, e.g. the constructor of an anonymous class). The copy needs only those classes'
 * members, which javac completes on demand anyway; the classes themselves are attributed after
 * annotation processing, from fresh flags.
 */
final class UnattributedClasses {
    private final List<ClassSymbol> classes = new ArrayList<>();

    UnattributedClasses(JavacSession session) {
        for (ClassSymbol c : session.symtab.getAllClasses()) {
            if ((c.flags_field & Flags.UNATTRIBUTED) != 0) {
                classes.add(c);
            }
        }
    }

    /** Marks the classes attributed until the returned handle is closed. */
    Pause pause() {
        List<ClassSymbol> paused = new ArrayList<>();
        for (ClassSymbol c : classes) {
            if ((c.flags_field & Flags.UNATTRIBUTED) != 0) {
                c.flags_field &= ~Flags.UNATTRIBUTED;
                paused.add(c);
            }
        }
        return new Pause(paused);
    }

    /** Restores the flag on the classes it was taken from. */
    static final class Pause implements AutoCloseable {
        private final List<ClassSymbol> paused;

        private Pause(List<ClassSymbol> paused) {
            this.paused = paused;
        }

        @Override
        public void close() {
            for (ClassSymbol c : paused) {
                c.flags_field |= Flags.UNATTRIBUTED;
            }
        }
    }
}
