package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.Job;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Holds submitted work until the test runs it, so a job can be cancelled before (or between) its steps. */
final class DeferredExecutor implements BackgroundExecutor {
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        Job job = new Job(title, token);
        pending.add(() -> {
            T result;
            try {
                result = work.run(new TaskMonitor((f, m) -> { }, token));
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        });
        return job;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }

    /** Runs everything submitted so far, and whatever that submits, in order. */
    void runAll() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }
}
