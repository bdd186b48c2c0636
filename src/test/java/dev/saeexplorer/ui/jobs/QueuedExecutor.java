package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Holds submitted work until the test runs it, on the test's thread: a job can be followed, cancelled or replaced
 * before (or between) its steps, with no thread and no waiting. Progress reaches the job at once, and the job finishes
 * before its callback, as with the real executors. UI-thread actions run at once.
 */
public final class QueuedExecutor implements BackgroundExecutor {
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        Job job = new Job(title, token);
        pending.add(() -> {
            T result;
            try {
                result = work.run(new TaskMonitor(job::update, token));
            } catch (Exception e) {
                job.finish();
                onFailure.accept(e);
                return;
            }
            job.finish();
            onSuccess.accept(result);
        });
        return job;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        action.run();
    }

    /** How many submitted jobs have not run yet. */
    public int pending() {
        return pending.size();
    }

    /** Runs the oldest job not yet run; false when there is none. */
    public boolean runNext() {
        Runnable next = pending.poll();
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    /** Runs everything submitted so far, and whatever that submits, in order. */
    public void runAll() {
        while (runNext()) {
            // each job may submit more
        }
    }
}
