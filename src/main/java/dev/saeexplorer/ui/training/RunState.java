package dev.saeexplorer.ui.training;

/** Where the training lab's run stands. */
public enum RunState {
    IDLE, RUNNING, PAUSED, FINISHED, CANCELLED, FAILED;

    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
