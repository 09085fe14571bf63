package io.jawait.internal;

import io.jawait.Task;

/**
 * A combinator whose inputs have an order, the order of its arguments ({@code gather(a, b)}), so that a
 * task dump lists them in that order rather than in the order it happens to find them.
 */
interface OrderedInputs {
    /** Where {@code input} stands among the inputs still pending, or -1 if it is not one of them. */
    int inputIndex(Task<?> input);

    /** The index of {@code task} in {@code inputs} by identity; -1 if absent or {@code inputs} is null. */
    static int indexOf(Task<?>[] inputs, Task<?> task) {
        if (inputs != null) {
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] == task) {
                    return i;
                }
            }
        }
        return -1;
    }
}
