package dev.saeexplorer.ui.jobs;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * "Latest wins" recomputation for interactive views (slider drags): each request cancels the one before it; only the
 * newest result is delivered, on the UI thread, and stale ones are dropped. One worker thread, so requests never pile up.
 * With a {@link DirectExecutor}-style ui runner and {@code synchronous = true} it runs inline for tests.
 */
public final class LatestWins<T> {
    private final ExecutorService worker;
    private final BackgroundExecutor ui;
    private final AtomicLong generation = new AtomicLong();
    private volatile CancellationToken current = new CancellationToken();

    public LatestWins(BackgroundExecutor ui, boolean synchronous) {
        this.ui = ui;
        this.worker = synchronous ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sae-explorer-latest-wins");
            t.setDaemon(true);
            return t;
        });
    }

    /** Computes {@code work} and delivers its result unless a newer request arrived meanwhile. */
    public void request(BackgroundExecutor.Work<T> work, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        long mine = generation.incrementAndGet();
        current.cancel();
        CancellationToken token = new CancellationToken();
        current = token;
        Runnable task = () -> {
            if (mine != generation.get()) {
                return;
            }
            try {
                T result = work.run(new TaskMonitor(dev.saeexplorer.core.compute.Progress.NONE, token));
                ui.runOnUiThread(() -> {
                    if (mine == generation.get()) {
                        onResult.accept(result);
                    }
                });
            } catch (CancelledException stale) {
                // A newer request replaced this one.
            } catch (Exception e) {
                ui.runOnUiThread(() -> {
                    if (mine == generation.get()) {
                        onFailure.accept(e);
                    }
                });
            }
        };
        if (worker == null) {
            task.run();
        } else {
            worker.submit(task);
        }
    }

    public void shutdown() {
        current.cancel();
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
