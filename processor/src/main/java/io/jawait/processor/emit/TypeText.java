package io.jawait.processor.emit;

import com.palantir.javapoet.TypeName;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Source text of a (denotable) type, fully qualified, for generated declarations and casts. */
public final class TypeText {
    private TypeText() {
    }

    public static TypeName name(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR || type.getKind() == TypeKind.NONE
                || type.getKind() == TypeKind.NULL) {
            return com.palantir.javapoet.ClassName.OBJECT;
        }
        return TypeName.get(type);
    }

    public static String of(TypeMirror type) {
        return name(type).toString();
    }
}
