package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.jobs.Job;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The state the evaluation and the training share: one background job at a time, its progress bar, a status line and
 * cancel. Each run gets a ticket; callbacks of a run that is no longer the latest are ignored. UI thread only.
 */
final class BackgroundRun {
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status;
    private Job job;
    private long id;

    BackgroundRun(String initialStatus) {
        status = new ReadOnlyStringWrapper(this, "status", initialStatus);
    }

    /** Marks a new run as started, with its status line; returns its ticket. */
    long begin(String statusLine) {
        long mine = ++id;
        running.set(true);
        progress.set(0);
        status.set(statusLine);
        return mine;
    }

    /** Whether {@code ticket} is the latest run's (its callbacks still count). */
    boolean isLatest(long ticket) {
        return ticket == id;
    }

    /**
     * Lets a submitted job feed the bar and the status line ("prefix message"). The direct executor has finished the
     * job (and may have failed it) by the time it returns; only a job still running is followed.
     */
    void follow(long ticket, Job started, String prefix) {
        if (ticket == id && running.get()) {
            job = started;
            progress.bind(started.progressProperty());
            started.messageProperty().addListener((obs, old, now) -> {
                if (ticket == id && running.get() && !now.isEmpty()) {
                    status.set(prefix + " " + now);
                }
            });
        }
    }

    /** The run ended (finished, failed or cancelled): the bar stays where it was until set. */
    void done() {
        progress.unbind();
        running.set(false);
        job = null;
    }

    /** Asks the running job to stop at its next check. */
    void cancel() {
        if (running.get() && job != null) {
            status.set("Cancelling…");
            job.cancel();
        }
    }

    /** Stops the job when the workspace closes. */
    void shutdown() {
        if (job != null) {
            job.cancel();
        }
    }

    void setProgress(double value) {
        progress.set(value);
    }

    void setStatus(String line) {
        status.set(line);
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
