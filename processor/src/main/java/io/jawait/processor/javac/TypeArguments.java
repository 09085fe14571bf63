package io.jawait.processor.javac;

import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.ListBuffer;
import java.util.function.UnaryOperator;

/** Rebuilding a type with its type arguments replaced, for the generated code's versions of a type. */
final class TypeArguments {
    private TypeArguments() {
    }

    /**
     * The type with each of its type arguments, and those of its enclosing types and of an array's
     * element type, replaced by {@code argument}'s answer; the type itself when nothing changed.
     */
    static Type map(Type t, UnaryOperator<Type> argument) {
        if (t instanceof Type.ArrayType array) {
            Type element = map(array.elemtype, argument);
            return element == array.elemtype ? t : new Type.ArrayType(element, array.tsym);
        }
        if (!(t instanceof Type.ClassType ct) || t.isCompound()) {
            return t;
        }
        Type outer = ct.getEnclosingType() instanceof Type.ClassType ? map(ct.getEnclosingType(), argument) : ct.getEnclosingType();
        boolean changed = outer != ct.getEnclosingType();
        ListBuffer<Type> args = new ListBuffer<>();
        for (Type arg : ct.getTypeArguments()) {
            Type replaced = argument.apply(arg);
            changed |= replaced != arg;
            args.add(replaced);
        }
        return changed ? new Type.ClassType(outer, args.toList(), ct.tsym) : t;
    }
}
