package io.jawait;

/**
 * Code run on the loop thread around every step of every task (a step runs a task's code from its
 * start or from an await to its next suspension or its end), for libraries that keep context in
 * the thread: a tracing scope, a security context. Install one with
 * {@link Diagnostics#addStepListener}; while none is installed, steps pay one well-predicted check.
 * For a logging MDC, {@link TaskLocal#mirror} is simpler: it also follows {@code set} within a step.
 *
 * <p>{@code beforeStep} runs with the task's task-locals in place, and its result is handed to the
 * matching {@code afterStep}. Steps can nest (a task that completes another's awaited task may
 * resume it directly), always last-in first-out, so saving what was there and restoring it is
 * correct:
 * <pre>{@code
 * static final TaskLocal<Context> TRACE = new TaskLocal<>("trace", Context.root());
 * Diagnostics.addStepListener(new StepListener() {
 *     public Object beforeStep(Task<?> task) { return TRACE.get().makeCurrent(); }   // a Scope
 *     public void afterStep(Task<?> task, Object scope) { ((Scope) scope).close(); }
 * });
 * }</pre>
 * A listener that throws is logged to the {@code System.Logger} "io.jawait" and the step runs anyway.
 */
public interface StepListener {
    /** Called before a step of {@code task}; the result goes to {@link #afterStep}. */
    Object beforeStep(Task<?> task);

    /** Called after that step, whether the task suspended, completed or failed in it. */
    void afterStep(Task<?> task, Object fromBefore);
}
