package io.jawait.processor.javac;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import javax.lang.model.element.TypeElement;

/**
 * The implicitly declared class of a compact source file (JDK 25, JEP 512), which no code can name:
 * its member types are written by their simple names, which are in scope throughout it.
 */
public final class ImplicitClasses {
    /** javac's flag for it: IMPLICIT_CLASS since JDK 23, UNNAMED_CLASS in 21 and 22, none in 17. */
    private static final long FLAG = flag();

    private ImplicitClasses() {
    }

    /** True when {@code type} is the implicitly declared class of a compact source file. */
    public static boolean isImplicit(TypeElement type) {
        return FLAG != 0 && type instanceof ClassSymbol c && (c.flags() & FLAG) != 0;
    }

    private static long flag() {
        for (String name : new String[] {"IMPLICIT_CLASS", "UNNAMED_CLASS"}) {
            try {
                return Flags.class.getField(name).getLong(null);
            } catch (ReflectiveOperationException e) {
                // not on this JDK: try the older name
            }
        }
        return 0;
    }
}
