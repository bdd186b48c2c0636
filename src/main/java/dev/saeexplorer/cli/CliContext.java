package dev.saeexplorer.cli;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.Progress;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.Json;
import java.io.PrintWriter;

/** What every command shares: the output streams, the cancellation token and the --debug flag. */
public final class CliContext {
    private final PrintWriter out;
    private final PrintWriter err;
    private final CancellationToken cancellation;
    private boolean debug;

    CliContext(PrintWriter out, PrintWriter err, CancellationToken cancellation) {
        this.out = out;
        this.err = err;
        this.cancellation = cancellation;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    boolean debug() {
        return debug;
    }

    void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** A monitor that draws a progress bar on stderr when a person is watching (an interactive console). */
    public TaskMonitor monitor() {
        Progress progress = System.console() != null ? new StderrProgressBar(err) : Progress.NONE;
        return new TaskMonitor(progress, cancellation);
    }

    /** Prints exactly one JSON document on stdout. */
    public void printJson(Object value) {
        try {
            out.println(Json.pretty().writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the result", e);
        }
    }
}
