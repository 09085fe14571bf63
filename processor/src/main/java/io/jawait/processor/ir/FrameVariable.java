package io.jawait.processor.ir;

import java.util.Set;

/**
 * A local variable of the generated step method that lives across states: a local of the
 * user's method (under its own name where it can), a parameter, or a temporary of the transform.
 *
 * <p>It is declared once at the top of the step method, so that a debugger shows it by name on every
 * line of the method, and it is an ordinary Java local while the method runs. Only when the machine
 * suspends are the variables live there copied into fields of the same names (and the fields of
 * dead ones cleared); the next step starts by copying them back (see Liveness).
 *
 * @param index    position in {@link StateMachine#variables()}, for the bit sets of the liveness analysis
 * @param constant for a constant variable of the user's (JLS 4.12.4), the literal it is declared
 *                 with; it is never stored in a field
 * @param intersection for a variable of an intersection type, the type as a cast writes it (it is
 *                 declared {@code var v = (A & B) ...}); {@code type} is then its field's type, the
 *                 first bound
 * @param exactCast for a temporary of a type written with the step method's type variables
 *                 (TemporaryTypes), the casts every value stored in it goes through, {@code
 *                 (java.util.List<$I0>) (java.util.List) }: it is declared {@code var v = <casts> ...};
 *                 {@code type} is then its field's type, the erasure
 */
public record FrameVariable(int index, String name, String type, Kind kind, String constant, String intersection,
        String exactCast) {
    /** Where the variable comes from. */
    public enum Kind {
        /** A parameter of the method: the constructor stores it in its field for the first step. */
        PARAMETER,
        /** A local of the user's method. */
        LOCAL,
        /** A value the transform keeps between states. */
        TEMPORARY,
        /** A constant variable of the user's, declared {@code final} with its value. */
        CONSTANT,
        /**
         * A local of the user's that lives in a field of the state machine, read and written there
         * (captured by a local class used across awaits, see CaptureHolder), mirrored in a frame
         * variable of its name only so that a debugger shows it: loaded from the field at the top,
         * assigned with the field; no code reads it, so it is never spilled.
         */
        MIRROR
    }

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "char", "int", "long", "float",
            "double");

    public boolean isReference() {
        return !PRIMITIVES.contains(type);
    }

    /** The start of a statement storing a value in the variable: {@code v = }, and its casts if any. */
    public String assignment() {
        return name + " = " + (exactCast == null ? "" : exactCast);
    }

    /** The value the variable starts with when it has no field to start from. */
    public String defaultValue() {
        if (isReference()) {
            return "null";
        }
        return type.equals("boolean") ? "false" : "0";
    }
}
