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

class FlagNamesTest {

    @Test
    void everyParameterHasItsOwnFlag() {
        Set<String> seen = new HashSet<>();
        for (Param p : Param.values()) {
            String flag = FlagNames.of(p);
            assertTrue(flag.startsWith("--"), flag);
            assertTrue(seen.add(flag), "two parameters share " + flag);
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
