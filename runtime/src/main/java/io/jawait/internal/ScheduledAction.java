package io.jawait.internal;

/**
 * A timer that runs an action when it fires ({@code EventLoop.schedule}); its task completes
 * after the action ran, or fails with what the action threw, so nothing is silently lost.
 */
final class ScheduledAction extends SleepTask {
    private Runnable action;

    ScheduledAction(long deadline, Runnable action) {
        this.deadline = deadline;
        this.action = action;
    }

    @Override
    void fire() {
        Runnable a = action;
        action = null;
        try {
            a.run();
        } catch (Throwable e) {
            fail(e);
            return;
        }
        complete(null);
    }

    @Override
    protected boolean onCancel() {
        boolean cancelled = super.onCancel();
        action = null;
        return cancelled;
    }

    @Override
    public String taskName() {
        return "scheduled";
    }
}
