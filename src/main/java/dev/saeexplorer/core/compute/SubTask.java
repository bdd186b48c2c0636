package dev.saeexplorer.core.compute;


/** A part of a longer operation: its progress fills one stretch of the whole's bar, sharing the whole's cancellation. */
public final class SubTask {
    private SubTask() {
    }

    /**
     * A monitor whose progress f ∈ [0, 1] is reported to {@code outer} as {@code from + span · f}, with messages
     * prefixed by {@code what} ("training: step 10/200").
     */
    public static TaskMonitor of(TaskMonitor outer, double from, double span, String what) {
        return new TaskMonitor((f, m) -> outer.report(from + span * f, what + ": " + m), outer.cancellation());
    }
}
