package dev.saeexplorer.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print exactly one JSON document on stdout.")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces of unexpected failures and more logging.")
    boolean debug;
}
