package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs the command line (design/CLI.md): picocli parses, the commands run, and every failure becomes an exit code with
 * one line on stderr: 2 for wrong input or usage, 1 for an unexpected failure, 130 when cancelled.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int CANCELLED = 130;

    private Cli() {
    }

    /** Runs the CLI in this process with the given streams; for tests and for {@link #runWithInterruptHandling}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, CancellationToken cancellation) {
        CliContext context = new CliContext(out, err, cancellation);
        CommandLine cl = commandLine(context);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage().replace(System.lineSeparator(), " "));
            if (!(ex instanceof CommandLine.UnmatchedArgumentException)
                    || !((CommandLine.UnmatchedArgumentException) ex).getUnmatched().isEmpty()) {
                err.println("Run with --help for usage.");
            }
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err, context));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static int handle(Exception ex, PrintWriter err, CliContext context) {
        Throwable t = ex;
        while ((t instanceof RuntimeException) && t.getCause() instanceof InvalidInputException) {
            t = t.getCause();
        }
        if (t instanceof InvalidInputException) {
            err.println("error: " + oneLine(((InvalidInputException) t).message(FlagNames.TABLE)));
            return BAD_INPUT;
        }
        if (t instanceof CancelledException) {
            err.println("cancelled: no output was written");
            return CANCELLED;
        }
        err.println("error: unexpected failure: " + oneLine(String.valueOf(t)) + (context.debug() ? "" : " (run with --debug for details)"));
        if (context.debug()) {
            t.printStackTrace(err);
        }
        return FAILURE;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Runs with System.out/err; Ctrl-C cancels the running command, waits for it to clean up (atomic outputs leave
     * nothing half-written) and the JVM then exits with 130.
     */
    public static int runWithInterruptHandling(String[] args) {
        CancellationToken token = new CancellationToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            token.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        try {
            return run(args, out, err, token);
        } finally {
            finished.countDown();
        }
    }

    /** Gives every command the shared {@link CliContext} through its constructor. */
    /** The command tree, each command built with the shared context. */
    static CommandLine commandLine(CliContext context) {
        return new CommandLine(new RootCommand(), new ContextFactory(context));
    }

    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }
}
