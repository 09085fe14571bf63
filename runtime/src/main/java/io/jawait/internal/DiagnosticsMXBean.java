package io.jawait.internal;

/**
 * The JMX face of {@link io.jawait.Diagnostics}, registered as {@code io.jawait:type=Diagnostics}
 * (see {@link ManagementHooks}): call {@code dumpTasks} from jconsole, VisualVM or Mission Control
 * to see every loop's waiting tasks without changing the program.
 */
public interface DiagnosticsMXBean {
    /** Every open loop's waiting tasks as trees of who awaits whom. */
    String dumpTasks();

    /** Event loops open in this JVM. */
    int getOpenLoops();

    /** Steps that hold their loop longer are reported; 0: never. */
    long getSlowStepThresholdMillis();

    void setSlowStepThresholdMillis(long millis);

    /** Whether each task's creation site is recorded (for dumps and unhandled-failure reports). */
    boolean isDebugMode();

    void setDebugMode(boolean on);
}
