package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.function.Consumer;

/** Runs work synchronously on the calling thread: deterministic view-model tests without a stage or an FX thread. */
public final class DirectExecutor implements BackgroundExecutor {
    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        Job job = new Job(title, token);
        try {
            T result = work.run(new TaskMonitor(job::update, token));
            job.finish();
            onSuccess.accept(result);
        } catch (Exception e) {
            job.finish();
            onFailure.accept(e);
        }
        return job;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }
}
