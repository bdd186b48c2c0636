package dev.saeexplorer.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.CancelledException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleDoubleProperty;
import org.junit.jupiter.api.Test;

/** The one background-run bookkeeping of the workspaces, driven step by step: no threads, no waiting. */
class LatestRunTest {
    private final List<String> heard = new ArrayList<>();

    private void success(Object result) {
        heard.add("ok " + result);
    }

    private void failure(Throwable error) {
        heard.add("failed " + error.getClass().getSimpleName());
    }

    @Test
    void aNewerRunAbandonsTheOneStillRunningWhoseResultIsThenIgnored() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        Job first = runs.start("first", m -> "a", this::success, this::failure).job();
        Job second = runs.start("second", m -> "b", this::success, this::failure).job();

        assertTrue(first.isCancelled(), "the replaced run is asked to stop");
        assertFalse(second.isCancelled());
        assertSame(second, runs.jobProperty().get());
        assertTrue(runs.isRunning());

        executor.runAll(); // the first finishes anyway (it never checked), then the second
        assertEquals(List.of("ok b"), heard, "only the latest run's result is delivered");
        assertFalse(runs.isRunning());
        assertNull(runs.jobProperty().get());
    }

    @Test
    void aRunningJobFeedsTheBarAndTheStatusLineAndEndsCancelledWhenAsked() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        SimpleDoubleProperty progress = new SimpleDoubleProperty(0);
        List<String> lines = new ArrayList<>();
        runs.start("steps", m -> {
            m.report(0.5, "half way");
            m.report(0.75, "");
            m.checkCancelled();
            return "done";
        }, this::success, this::failure).follow(progress, lines::add);
        assertTrue(progress.isBound());

        assertTrue(runs.cancel(), "a running job was asked to stop");
        assertTrue(runs.isRunning(), "it runs until it notices");
        executor.runAll();

        assertEquals(0.75, progress.get(), "the bar stays where the job left it");
        assertFalse(progress.isBound(), "and is the workspace's again");
        assertEquals(List.of("half way"), lines, "empty messages leave the line as it is");
        assertEquals(List.of("failed CancelledException"), heard, "a cancelled run still says so");
        assertFalse(runs.isRunning());
        assertFalse(runs.cancel(), "nothing is running any more");
    }

    @Test
    void abandoningEndsTheRunAtOnceAndSilencesIt() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        SimpleDoubleProperty progress = new SimpleDoubleProperty(0);
        List<String> lines = new ArrayList<>();
        LatestRun.Ticket ticket = runs.start("slow", m -> {
            m.report(0.9, "late");
            return "late result";
        }, this::success, this::failure).follow(progress, lines::add);

        assertEquals(-1, progress.get(), "bound to a job that has not said how far it is");
        runs.abandon();
        assertFalse(runs.isRunning());
        assertNull(runs.jobProperty().get());
        assertFalse(ticket.isLatest());
        assertTrue(ticket.job().isCancelled());
        assertFalse(progress.isBound());

        executor.runAll();
        assertEquals(List.of(), heard);
        assertEquals(List.of(), lines);
        assertEquals(-1, progress.get(), "an abandoned job no longer moves the bar");
    }

    @Test
    void whatTheWorkPostsToTheUiThreadCountsOnlyWhileItsRunIsTheLatest() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        List<String> posted = new ArrayList<>();
        LatestRun.Ticket old = runs.next();
        old.submit("old", m -> {
            executor.runOnUiThread(old.ifLatest(() -> posted.add("old batch")));
            return 1;
        }, this::success, this::failure);
        LatestRun.Ticket now = runs.next();
        now.submit("new", m -> {
            executor.runOnUiThread(now.ifLatest(() -> posted.add("new batch")));
            return 2;
        }, this::success, this::failure);

        executor.runAll();
        assertEquals(List.of("new batch"), posted);
        assertEquals(List.of("ok 2"), heard);
        assertTrue(now.isLatest(), "a run that ended stays the latest until the next begins");
    }

    @Test
    void underTheDirectExecutorTheRunHasEndedBeforeStartReturns() {
        LatestRun runs = new LatestRun(new DirectExecutor());
        SimpleDoubleProperty progress = new SimpleDoubleProperty(0);
        List<Boolean> runningInCallback = new ArrayList<>();
        LatestRun.Ticket ticket = runs.start("direct", m -> {
            m.report(0.5, "working");
            return "x";
        }, r -> {
            runningInCallback.add(runs.isRunning() || runs.jobProperty().get() != null);
            success(r);
        }, this::failure).follow(progress, m -> heard.add("line " + m));

        assertEquals(List.of("ok x"), heard);
        assertEquals(List.of(false), runningInCallback, "a callback sees the run ended");
        assertFalse(runs.isRunning());
        assertNull(runs.jobProperty().get(), "a finished job is not kept");
        assertNotNull(ticket.job(), "but the ticket knows it");
        assertFalse(ticket.job().runningProperty().get());
        assertFalse(progress.isBound(), "nothing left to follow");
    }

    @Test
    void aCallbackMayStartTheNextRun() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        runs.start("first", m -> "a", r -> {
            success(r);
            runs.start("second", m -> "b", this::success, this::failure);
        }, this::failure);

        executor.runNext();
        assertEquals(List.of("ok a"), heard);
        assertTrue(runs.isRunning(), "the second run is on");
        assertNotNull(runs.jobProperty().get());
        executor.runNext();
        assertEquals(List.of("ok a", "ok b"), heard);
        assertFalse(runs.isRunning());
    }

    @Test
    void aFailureOfTheLatestRunIsDelivered() {
        LatestRun runs = new LatestRun(new DirectExecutor());
        runs.start("fails", m -> {
            throw new IllegalStateException("broken");
        }, this::success, e -> {
            assertInstanceOf(IllegalStateException.class, e);
            failure(e);
        });
        assertEquals(List.of("failed IllegalStateException"), heard);
        assertFalse(runs.isRunning());
    }

    @Test
    void aTicketSubmitsOneJobAndOnlyWhileItIsTheLatest() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        LatestRun.Ticket ticket = runs.next().submit("once", m -> 1, this::success, this::failure);
        assertThrows(IllegalStateException.class, () -> ticket.submit("twice", m -> 2, this::success, this::failure));

        LatestRun.Ticket stale = runs.next();
        runs.next();
        assertThrows(IllegalStateException.class, () -> stale.submit("late", m -> 3, this::success, this::failure));
        assertEquals(1, executor.pending(), "neither refused submit reached the executor");
    }

    @Test
    void cancellingBeforeTheJobRunsStopsItAtItsFirstCheck() {
        QueuedExecutor executor = new QueuedExecutor();
        LatestRun runs = new LatestRun(executor);
        runs.start("checks", m -> {
            m.checkCancelled();
            return "never";
        }, this::success, e -> heard.add(e instanceof CancelledException ? "cancelled" : "other"));
        runs.cancel();
        executor.runAll();
        assertEquals(List.of("cancelled"), heard);
    }
}
