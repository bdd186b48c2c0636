package dev.saeexplorer.ui.workspace;

import dev.saeexplorer.ui.jobs.BackgroundExecutor;

/**
 * What the shell hands every workspace: the executor for background work and a way to tell the user about an error.
 *
 * @param executor  runs core operations off the FX thread (a {@code DirectExecutor} in view-model tests)
 * @param errors    shows an error for people: a dialog in the app, a recorder in tests
 * @param synchronous true in tests: interactive recomputation ({@code LatestWins}) runs inline
 */
public record WorkspaceContext(BackgroundExecutor executor, ErrorReporter errors, boolean synchronous) {

    /** Shows a problem to the user: a title and a message that says what to do. */
    @FunctionalInterface
    public interface ErrorReporter {
        void report(String title, String message);
    }
}
