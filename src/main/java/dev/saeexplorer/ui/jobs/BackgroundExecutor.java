package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.function.Consumer;

/**
 * Runs long core operations off the JavaFX thread and delivers their outcome on it. The seam lets view models be tested
 * without a stage: {@link DirectExecutor} runs everything on the calling thread.
 */
public interface BackgroundExecutor {

    /**
     * Starts {@code work} in the background.
     *
     * @param title      shown in the status bar's job list
     * @param work       the core operation; it receives a monitor whose progress feeds the job's progress bar and whose
     *                   cancellation token the job's cancel button cancels
     * @param onSuccess  called on the FX thread with the result
     * @param onFailure  called on the FX thread with the exception (a {@code CancelledException} when cancelled)
     * @return a handle to cancel the job
     */
    <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code action} on the UI thread (immediately for the direct executor). */
    void runOnUiThread(Runnable action);

    /** A unit of background work. */
    @FunctionalInterface
    interface Work<T> {
        T run(TaskMonitor monitor) throws Exception;
    }
}
