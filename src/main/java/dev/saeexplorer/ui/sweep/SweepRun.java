package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SparsitySweep;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WpPerSeed;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sweep on a worker, and what it sends back to the UI thread: rows in batches (however fast they come, at most one
 * hand-over is pending) and the latest progress (at most one update pending). The core runs the sweep; this class
 * only chooses the backend and carries results. Pause and cancel go to the job, which the trainer checks between
 * every two steps.
 */
final class SweepRun {
    /** What a run reports, on the UI thread, only while it is the latest run. */
    interface Listener {
        void rows(List<SweepRow> batch);

        void progress(double fraction, String message);

        void finished(List<SweepRow> all);

        void failed(Throwable error);
    }

    private final BackgroundExecutor executor;
    private final LatestRun runs;

    SweepRun(BackgroundExecutor executor) {
        this.executor = executor;
        this.runs = new LatestRun(executor);
    }

    /** Starts {@code s}, replacing (and cancelling) a run still going. */
    void start(SweepSettings s, Listener listener) {
        LatestRun.Ticket ticket = runs.next();
        RowBatcher batcher = new RowBatcher(ticket, listener);
        ProgressPoster poster = new ProgressPoster(ticket, listener);
        ticket.submit("Sparsity sweep (" + s.totalRuns() + " runs)", monitor -> execute(s, monitor, batcher, poster),
                all -> {
                    batcher.flush();
                    listener.finished(all);
                }, error -> {
                    batcher.flush();
                    listener.failed(error);
                });
    }

    /** Asks the running sweep to stop (a paused one too); false when none is running. */
    boolean cancel() {
        return runs.cancel();
    }

    void pause() {
        if (runs.jobProperty().get() != null) {
            runs.jobProperty().get().pause();
        }
    }

    void resume() {
        if (runs.jobProperty().get() != null) {
            runs.jobProperty().get().resume();
        }
    }

    /** Ends a run now and ignores what it still sends (a session replaces the rows). */
    void abandon() {
        runs.abandon();
    }

    /** The running job, or null: for tests that wait until its training holds. */
    dev.saeexplorer.ui.jobs.Job job() {
        return runs.jobProperty().get();
    }

    /** Runs on the worker thread. */
    private static List<SweepRow> execute(SweepSettings s, TaskMonitor monitor, RowBatcher batcher,
                                          ProgressPoster poster) {
        TaskMonitor mine = new TaskMonitor((f, m) -> {
            monitor.report(f, m);
            poster.post(f, m);
        }, monitor.cancellation());
        ComputeBackend backend = ComputeBackend.select(s.device(), true);
        if (backend.notice() != null) {
            poster.post(0, backend.notice());
        }
        monitor.checkCancelled();
        World world = s.world().world();
        WpPerSeed wp = world != null ? WpPerSeed.fixed(world.superposition()) : switch (s.source()) {
            case PRESET -> WpPerSeed.fixed(s.preset().build());
            case TRAINED_TOY -> WpPerSeed.trainedToyModel(s.toy().config(0));
        };
        return new SparsitySweep().run(s.sparsities(), s.seeds(), wp, world, s.wsae().models(), s.saeConfig(wp.dims()),
                SweepSettings.EVAL_SAMPLES, backend.device().id(), mine, batcher::add);
    }

    /** Collects rows on the worker thread and hands them to the UI thread in batches. */
    private final class RowBatcher {
        private final LatestRun.Ticket ticket;
        private final Listener listener;
        private final ConcurrentLinkedQueue<SweepRow> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        RowBatcher(LatestRun.Ticket ticket, Listener listener) {
            this.ticket = ticket;
            this.listener = listener;
        }

        /** Worker thread. */
        void add(SweepRow row) {
            pending.add(row);
            if (scheduled.compareAndSet(false, true)) {
                executor.runOnUiThread(this::flush);
            }
        }

        /** UI thread. */
        void flush() {
            scheduled.set(false);
            List<SweepRow> batch = new ArrayList<>();
            for (SweepRow r; (r = pending.poll()) != null; ) {
                batch.add(r);
            }
            if (!batch.isEmpty() && ticket.isLatest()) {
                listener.rows(batch);
            }
        }
    }

    /** Keeps the latest progress of the worker and posts at most one update to the UI thread at a time. */
    private final class ProgressPoster {
        private final LatestRun.Ticket ticket;
        private final Listener listener;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile double fraction;
        private volatile String message = "";

        ProgressPoster(LatestRun.Ticket ticket, Listener listener) {
            this.ticket = ticket;
            this.listener = listener;
        }

        void post(double f, String m) {
            fraction = f;
            message = m;
            if (scheduled.compareAndSet(false, true)) {
                executor.runOnUiThread(() -> {
                    scheduled.set(false);
                    if (ticket.isLatest() && runs.isRunning()) {
                        listener.progress(Math.max(0, Math.min(1, fraction)), message);
                    }
                });
            }
        }
    }
}
