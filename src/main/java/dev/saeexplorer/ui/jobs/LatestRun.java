package dev.saeexplorer.ui.jobs;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The background runs of one purpose (loading the model, opening checkpoint A, the evaluation), one at a time, the
 * latest one counting: starting a run abandons the one before it, which is cancelled and whose callbacks are then
 * ignored, so a slow old load can never overwrite a newer one or report a failure nobody is waiting for. It keeps the
 * running {@link Job} (to cancel it, to follow its progress) and a running flag.
 *
 * <p>Why one class: every workspace needs this bookkeeping, and each hand-written copy (a generation counter, a job
 * field, "is this callback still the latest's?", "the direct executor has already finished the job when submit
 * returns, so do not keep it") got one of those details differently. The runs go through the workspace's
 * {@link BackgroundExecutor}, so they show in the status bar and run synchronously under {@link DirectExecutor} in
 * tests. {@link LatestWins} is the other tool: cheap interactive recomputation on a private worker thread, with no job
 * for people to see or cancel.
 *
 * <p>Read and changed on the UI thread only, where the executor delivers the callbacks; what the work itself posts to
 * the UI thread is guarded with {@link Ticket#ifLatest}.
 */
public final class LatestRun {
    private final BackgroundExecutor executor;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(this, "job");
    private DoubleProperty followed;
    private long latest;

    public LatestRun(BackgroundExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * The ticket of the next run, which abandons the current one. Take it first when the work needs its own ticket
     * (to guard what it posts to the UI thread), then {@link Ticket#submit} at once.
     */
    public Ticket next() {
        abandon();
        return new Ticket(latest);
    }

    /** Starts {@code work} as the latest run: {@code next().submit(...)}. */
    public <T> Ticket start(String title, BackgroundExecutor.Work<T> work, Consumer<? super T> onSuccess,
                            Consumer<? super Throwable> onFailure) {
        return next().submit(title, work, onSuccess, onFailure);
    }

    /**
     * Asks the running job to stop at its next check. The run still ends through its failure callback, with a
     * {@code CancelledException}, so the workspace can say it was cancelled. Returns whether a job was running.
     */
    public boolean cancel() {
        Job j = job.get();
        if (j == null) {
            return false;
        }
        j.cancel();
        return true;
    }

    /** Ends the run now: its job is cancelled and its callbacks are ignored (a load replaced, a model unloaded). */
    public void abandon() {
        Job j = job.get();
        latest++;
        end();
        if (j != null) {
            j.cancel();
        }
    }

    private void end() {
        if (followed != null) {
            followed.unbind(); // the bar stays where the job left it until the workspace sets it
            followed = null;
        }
        job.set(null);
        running.set(false);
    }

    /** True from a run's submit until its callback or until it is abandoned. */
    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The running job (progress, message, cancel), or null. */
    public ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    /** One run: whether it is still the latest, and its job. */
    public final class Ticket {
        private final long id;
        private Job submitted;

        private Ticket(long id) {
            this.id = id;
        }

        /**
         * Submits the run's work. The callbacks are called on the UI thread only while this is the latest run, after
         * the run has ended (not running, no job), so they may start the next run.
         */
        public <T> Ticket submit(String title, BackgroundExecutor.Work<T> work, Consumer<? super T> onSuccess,
                                 Consumer<? super Throwable> onFailure) {
            if (submitted != null) {
                throw new IllegalStateException("a ticket submits one job");
            }
            if (!isLatest()) {
                throw new IllegalStateException("a newer run began before this one was submitted");
            }
            running.set(true);
            Job started = executor.submit(title, work, result -> {
                if (isLatest()) {
                    end();
                    onSuccess.accept(result);
                }
            }, error -> {
                if (isLatest()) {
                    end();
                    onFailure.accept(error);
                }
            });
            submitted = started;
            // The direct executor has finished the job (and called back) by now: only a job still running is kept.
            if (isLatest() && running.get()) {
                job.set(started);
            }
            return this;
        }

        /**
         * Lets the running job feed a progress bar (bound until the run ends, then left where it was) and a status
         * line (each non-empty message while this run is the one running). Nothing to follow once the run has ended.
         */
        public Ticket follow(DoubleProperty progress, Consumer<String> messages) {
            Job j = job.get();
            if (!isLatest() || j == null || j != submitted) {
                return this;
            }
            if (followed != null) {
                followed.unbind();
            }
            followed = progress;
            progress.bind(j.progressProperty());
            j.messageProperty().addListener((obs, old, now) -> {
                if (job.get() == j && !now.isEmpty()) {
                    messages.accept(now);
                }
            });
            return this;
        }

        /** Whether no newer run has begun and this one was not abandoned: its results still count. */
        public boolean isLatest() {
            return id == latest;
        }

        /** {@code action} run only while this is the latest run: for what the work posts to the UI thread. */
        public Runnable ifLatest(Runnable action) {
            return () -> {
                if (isLatest()) {
                    action.run();
                }
            };
        }

        /** The job submitted for this run (finished or not), or null before {@link #submit}. */
        public Job job() {
            return submitted;
        }
    }
}
