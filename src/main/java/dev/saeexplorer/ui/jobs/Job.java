package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.CancellationToken;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A running background job as the status bar shows it: title, progress, message, running flag, cancel. */
public final class Job {
    private final String title;
    private final CancellationToken token;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);

    public Job(String title, CancellationToken token) {
        this.title = title;
        this.token = token;
    }

    public String title() {
        return title;
    }

    public void cancel() {
        token.cancel();
    }

    public boolean isCancelled() {
        return token.isCancelled();
    }

    /** Holds the work at its next step boundary (work that calls {@code TaskMonitor.betweenSteps}). */
    public void pause() {
        token.pause();
    }

    public void resume() {
        token.resume();
    }

    /** The job's cancel/pause token, for waiting until its work holds ({@link CancellationToken#awaitHeld}). */
    public CancellationToken control() {
        return token;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Updates from the executor, on the UI thread. */
    void update(double fraction, String text) {
        progress.set(fraction);
        message.set(text);
    }

    void finish() {
        running.set(false);
    }
}
