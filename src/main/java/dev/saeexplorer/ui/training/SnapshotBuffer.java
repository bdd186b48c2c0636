package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.sae.TrainingSnapshot;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Carries snapshots from the training threads to the UI thread in batches: however fast they come, at most one drain
 * is pending on the UI thread, and it hands over everything that arrived meanwhile in one list per model (one chart
 * redraw instead of one per snapshot).
 */
final class SnapshotBuffer {
    private final ConcurrentLinkedQueue<Tagged> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final BackgroundExecutor ui;
    private final BiConsumer<ModelKind, List<TrainingSnapshot>> sink;

    private record Tagged(ModelKind kind, TrainingSnapshot snapshot) {
    }

    SnapshotBuffer(BackgroundExecutor ui, BiConsumer<ModelKind, List<TrainingSnapshot>> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    /** Called on a training thread. */
    void offer(ModelKind kind, TrainingSnapshot snapshot) {
        queue.add(new Tagged(kind, snapshot));
        if (scheduled.compareAndSet(false, true)) {
            ui.runOnUiThread(this::drain);
        }
    }

    /** Hands over what is queued; synchronised because a direct executor drains on the training threads. */
    synchronized void drain() {
        scheduled.set(false);
        List<TrainingSnapshot> sae = new ArrayList<>();
        List<TrainingSnapshot> wsae = new ArrayList<>();
        for (Tagged t = queue.poll(); t != null; t = queue.poll()) {
            (t.kind() == ModelKind.SAE ? sae : wsae).add(t.snapshot());
        }
        if (!sae.isEmpty()) {
            sink.accept(ModelKind.SAE, sae);
        }
        if (!wsae.isEmpty()) {
            sink.accept(ModelKind.WSAE, wsae);
        }
    }
}
