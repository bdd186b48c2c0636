package dev.saeexplorer;

import dev.saeexplorer.cli.Cli;

/**
 * The one process entry point for the CLI and (with no arguments) the desktop application. A plain class with a plain
 * {@code main}, so the JVM never needs JavaFX's launcher checks.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // Logs (ND4J's start-up banner included) go to stderr and stay quiet unless --debug asks for more.
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // A -Pcuda build probes the GPU when ND4J starts; start it here so a failed probe is one reason, not a trace.
        dev.saeexplorer.core.compute.Nd4jStart.start(debug);
        if (args.length == 0) {
            openDesktop(args);
            return;
        }
        System.exit(Cli.runWithInterruptHandling(args));
    }

    /** No arguments: the desktop window. Without a display, say how to use the command line instead. */
    private static void openDesktop(String[] args) {
        try {
            dev.saeexplorer.ui.GuiLauncher.launch(args);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("error: cannot open the desktop window (" + e.getMessage()
                    + "); run a command instead, e.g. 'sae-explorer demo' or 'sae-explorer --help'");
            System.exit(1);
        }
    }
}
