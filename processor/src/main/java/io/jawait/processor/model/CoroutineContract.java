package io.jawait.processor.model;

import java.util.List;

/**
 * The names generated code uses: the members of the runtime base class
 * {@code io.jawait.internal.Coroutine} it calls or overrides, and the members and locals it
 * declares itself. Spelled once here; CoroutineContractTest checks that each runtime member exists.
 *
 * <p>Every name starts with {@code $} (except {@link #TASK_NAME}, a public method), which user code
 * rarely uses. Java allows it all the same: the step method's parameter ({@link #MACHINE}) and its
 * variables ({@link #CATCHING}, {@link #RETURN_VALUE}, {@link #finallyTarget}, ...) get another name
 * where the body names something so, since they would hide a field of that name or clash with a local.
 */
public final class CoroutineContract {
    // ---- members of io.jawait.internal.Coroutine

    /** Runs the state machine until its first suspension and returns it as the task. */
    public static final String START = "$start";
    /** Runs the next part of the method, overridden by each generated class to call its step method. */
    public static final String STEP = "$step";
    /** Awaits a Task or CompletionStage: true when the coroutine suspended. */
    public static final String AWAIT = "$await";
    /** The value of the last await, or its exception thrown. */
    public static final String RESULT = "$result";
    /** Completes the task with a value. */
    public static final String COMPLETE = "$complete";
    /** Completes the task like another task ({@code return task;}). */
    public static final String COMPLETE_WITH = "$completeWith";
    /** Fails the task with an exception. */
    public static final String FAIL = "$fail";
    /** Overridden to clear the fields of a completed task. */
    public static final String RELEASE = "$release";
    /** The exception for a state number the machine does not have. */
    public static final String CORRUPT_STATE = "$corruptState";
    /** Overridden with a table of the source line where the task waits, by state, for task dumps. */
    public static final String LINE = "$line";
    /** Overridden with the method's name, for task dumps and messages. */
    public static final String TASK_NAME = "taskName";
    /** Initializes the class of a {@code new} whose arguments await, before they are evaluated. */
    public static final String INITIALIZE = "$initialize";
    /** Checks the qualifier of {@code outer.new Inner(...)} whose arguments await, before they are evaluated. */
    public static final String NON_NULL = "$nonNull";

    /** The methods above, all declared by the runtime's Coroutine. */
    public static final List<String> RUNTIME_METHODS = List.of(START, STEP, AWAIT, RESULT, COMPLETE, COMPLETE_WITH,
            FAIL, RELEASE, CORRUPT_STATE, LINE, TASK_NAME, INITIALIZE, NON_NULL);

    /**
     * The methods above that the step method calls on the state machine: public in Coroutine, since
     * the step method is in the user's class, no subclass of it.
     */
    public static final List<String> CALLED_BY_STEP_METHOD = List.of(AWAIT, RESULT, COMPLETE, COMPLETE_WITH, FAIL,
            CORRUPT_STATE, INITIALIZE, NON_NULL);

    // ---- declared by the generated class

    /**
     * The parameter of the step method (the method of the user's class that holds the body): the
     * state machine, through which the body reaches its state, its spilled variables and the runtime.
     * Another name where the body names something {@code $m} (MethodContext#machine).
     */
    public static final String MACHINE = "$m";
    /** What the step method's name is made of: the method's name, this, and the class's number if any. */
    public static final String STEP_METHOD_SUFFIX = "$step";
    /** What the state machine class's name is made of: the method's name, this, and a number if needed. */
    public static final String CLASS_SUFFIX = "$Coroutine";
    /** The state to continue at when the step method runs next. */
    public static final String STATE = "$state";
    /** The instance an interface's default method was called on. */
    public static final String SELF = "$self";
    /** Label of the dispatch loop of the step method. */
    public static final String DISPATCH = "$dispatch";
    /** The exception caught by the dispatch loop. */
    public static final String CAUGHT = "$e";
    /** The exception a catch clause that spans awaits receives. */
    public static final String CATCHING = "$ex";
    /** The value a return inside a try region completes with, after the finally blocks. */
    public static final String RETURN_VALUE = "$value";
    /** The task a return inside a try region completes like, after the finally blocks. */
    public static final String RETURN_TASK = "$task";
    /** Prefix of temporaries (values evaluated before an await, results of split expressions). */
    public static final String TEMPORARY = "$t";
    /**
     * Prefix of the step method's type variables that stand for intersections nested in a local's type
     * and for the captured wildcards of an intersection's class bound ({@code List<$I0>}, see
     * IntersectionVariables), followed by a number.
     */
    public static final String INTERSECTION_VARIABLE = "$I";
    /** Prefix of the type variables of a read of a local whose intersection names a local type (NestedIntersectionLocals#read). */
    public static final String LOCAL_INTERSECTION_VARIABLE = "$L";
    /** The generic method that reads such a local as its exact type. */
    public static final String EXACT_READ = "$exact";

    /** Names generated code declares in the step method or in the class; user names must avoid them. */
    public static final List<String> GENERATED = List.of(STATE, SELF, MACHINE, DISPATCH, CAUGHT, CATCHING, RETURN_VALUE,
            RETURN_TASK, STEP);

    private CoroutineContract() {
    }

    /** The state to continue at after the finally of try region {@code index}, or -1 to rethrow. */
    public static String finallyTarget(int index) {
        return "$f" + index;
    }

    /** The exception the finally of try region {@code index} rethrows when its target is -1. */
    public static String finallyError(int index) {
        return "$fx" + index;
    }
}
