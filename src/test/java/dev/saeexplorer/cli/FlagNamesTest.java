package dev.saeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FlagNamesTest {

    @Test
    void everyParameterHasItsOwnFlagAndEveryFlagIsAnOption() {
        Set<String> options = new HashSet<>();
        collect(Cli.commandLine(new CliContext(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new dev.saeexplorer.core.compute.CancellationToken())),
                options);
        Set<String> seen = new HashSet<>();
        for (Param p : Param.values()) {
            String flag = FlagNames.of(p);
            assertTrue(seen.add(flag), "two parameters share " + flag);
            assertTrue(options.contains(flag), flag + " is no option of any command");
        }
        assertEquals("--dead-window", FlagNames.of(Param.DEAD_WINDOW));
        assertEquals("--lr", FlagNames.of(Param.LEARNING_RATE));
        assertEquals("--fallback-cpu", FlagNames.of(Param.FALLBACK_CPU));
    }

    private static void collect(CommandLine cmd, Set<String> options) {
        for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
            options.addAll(java.util.List.of(o.names()));
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            collect(sub, options);
        }
    }

    @Test
    void aCoreErrorNamesTheFlagsItMentions() {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> new SaeConfig(2, 3, new Activation.Relu(), 0.1, Weighting.NONE, 1, true, 0.1, 1000, 10, 8, 1e-3, 0));
        assertEquals(Param.AUX, e.parameter());
        assertEquals("--aux does not apply to --tied: the theory's tied SAE has no auxiliary loss",
                e.message(FlagNames.TABLE));
        assertEquals("aux does not apply to tied: the theory's tied SAE has no auxiliary loss", e.getMessage());
    }
}
