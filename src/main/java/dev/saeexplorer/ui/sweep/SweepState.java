package dev.saeexplorer.ui.sweep;

/** Where the sweep stands. */
public enum SweepState {
    /** Nothing has run yet (or rows were restored from a session). */
    IDLE,
    RUNNING,
    /** Held between two training steps until resumed or cancelled. */
    PAUSED,
    /** Every run finished. */
    DONE,
    /** Stopped by the user; the rows finished so far stay. */
    CANCELLED,
    /** Stopped by an error, which was reported; the rows finished so far stay. */
    FAILED;

    /** Running or paused: a sweep is under way. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
