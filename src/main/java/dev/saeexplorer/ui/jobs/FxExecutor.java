package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs jobs on daemon worker threads and lists the running ones for the status bar. Progress reaches the FX thread
 * coalesced: at most one pending update per job, so a fast loop never floods the FX event queue.
 */
public final class FxExecutor implements BackgroundExecutor {
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sae-explorer-job");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<Job> running = FXCollections.observableArrayList();

    /** Running jobs; modified on the FX thread only. */
    public ObservableList<Job> runningJobs() {
        return FXCollections.unmodifiableObservableList(running);
    }

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        Job job = new Job(title, token);
        running.add(job);
        CoalescingProgress progress = new CoalescingProgress(job);
        workers.submit(() -> {
            try {
                T result = work.run(new TaskMonitor(progress, token));
                Platform.runLater(() -> {
                    done(job);
                    onSuccess.accept(result);
                });
            } catch (Throwable e) {
                Platform.runLater(() -> {
                    done(job);
                    onFailure.accept(e);
                });
            }
        });
        return job;
    }

    private void done(Job job) {
        job.finish();
        running.remove(job);
    }

    @Override
    public void runOnUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    public void shutdown() {
        for (Job j : running) {
            j.cancel();
        }
        workers.shutdownNow();
    }

    /** Keeps only the latest progress value and posts one FX update at a time. */
    private static final class CoalescingProgress implements dev.saeexplorer.core.compute.Progress {
        private final Job job;
        private volatile double fraction;
        private volatile String message = "";
        private final AtomicLong pending = new AtomicLong();

        CoalescingProgress(Job job) {
            this.job = job;
        }

        @Override
        public void update(double f, String m) {
            fraction = f;
            message = m;
            if (pending.getAndIncrement() == 0) {
                Platform.runLater(() -> {
                    pending.set(0);
                    job.update(fraction, message);
                });
            }
        }
    }
}
