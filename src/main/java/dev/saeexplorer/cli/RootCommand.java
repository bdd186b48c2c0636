package dev.saeexplorer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sae-explorer", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = {"See inside sparse autoencoders: superposition, SAE against WSAE, PS-Eval.",
                "With no command, opens the desktop application."},
        subcommands = {ClosedFormCommand.class, SampleStatsCommand.class, ToyModelCommand.class, TrainCommand.class,
                SweepCommand.class, FiguresCommand.class, InspectCommand.class, ActivationsCommand.class, LogitLensCommand.class, PsEvalCommand.class, TrainLmSaeCommand.class, DemoCommand.class, BenchCommand.class,
                BenchForwardCommand.class, SaeMetricsCommand.class, FeaturesOfCommand.class, FeatureStoreCommand.class,
                TopExamplesCommand.class, EncodeCommand.class, PolysemyWorldCommand.class,
                CommandLine.HelpCommand.class})
public final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Cli.OK;
    }

    /** The version from the jar's manifest (the build writes it), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"sae-explorer " + (v == null ? "development" : v)};
        }
    }
}
