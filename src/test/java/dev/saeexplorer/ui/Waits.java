package dev.saeexplorer.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How UI tests wait for work on real threads (the FX thread, a loader, a training pool): for a state, never for a time.
 * The limit is far above what any machine needs, slow or busy; it only keeps a broken build from hanging the suite.
 * How fast something happens is measured in benchmarks, or proved step by step in core tests, not here.
 */
public final class Waits {
    public static final long GENEROUS_SECONDS = 300;

    private Waits() {
    }

    /** Waits until {@code condition} holds, then lets the FX thread finish what it has queued. */
    public static void until(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
