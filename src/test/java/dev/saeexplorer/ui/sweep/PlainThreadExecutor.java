package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.Job;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs work on a plain worker thread and delivers callbacks on a single "UI" thread, like the FX executor but without
 * JavaFX: a view model under test is only touched from {@link #onUi}.
 */
final class PlainThreadExecutor implements BackgroundExecutor, AutoCloseable {
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> Job submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CancellationToken token = new CancellationToken();
        Job job = new Job(title, token);
        Thread worker = new Thread(() -> {
            try {
                T result = work.run(new TaskMonitor((f, m) -> { }, token));
                ui.execute(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                ui.execute(() -> onFailure.accept(e));
            }
        }, "test-worker");
        worker.setDaemon(true);
        worker.start();
        return job;
    }

    @Override
    public void runOnUiThread(Runnable action) {
        ui.execute(action);
    }

    /**
     * Runs {@code action} on the UI thread and returns its result. The bound is far above any machine's need; it only
     * keeps a broken build from hanging the suite.
     */
    <T> T onUi(Callable<T> action) throws Exception {
        return ui.submit(action).get(5, TimeUnit.MINUTES);
    }

    /** Waits until {@code condition} holds on the UI thread, checked after each change of {@code source}. */
    void await(javafx.beans.Observable source, Callable<Boolean> condition) throws Exception {
        java.util.concurrent.CountDownLatch met = new java.util.concurrent.CountDownLatch(1);
        javafx.beans.InvalidationListener check = o -> {
            try {
                if (condition.call()) {
                    met.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        onUi(() -> {
            source.addListener(check);
            check.invalidated(source);
            return null;
        });
        try {
            if (!met.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the awaited state never came");
            }
        } finally {
            onUi(() -> {
                source.removeListener(check);
                return null;
            });
        }
    }

    @Override
    public void close() {
        ui.shutdownNow();
    }
}
