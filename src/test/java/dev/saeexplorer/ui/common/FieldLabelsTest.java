package dev.saeexplorer.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldLabelsTest {

    @Test
    void everyParameterHasOneLabelOfItsOwnAndNoneIsAFlag() {
        Set<String> seen = new HashSet<>();
        for (Param p : Param.values()) {
            String label = FieldLabels.of(p);
            assertFalse(label.isBlank(), p.key());
            assertFalse(label.startsWith("-"), label);
            assertTrue(seen.add(label), "two parameters share the label " + label);
        }
    }

    @Test
    void aRefusalIsWordedWithTheLabelsAndKeepsTheirCase() {
        InvalidInputException e = InvalidInputException.worded(Param.K, Param.K, " (9) is larger than the number of"
                + " latents, ", Param.LATENTS, " (4)");
        assertEquals("k (9) is larger than the number of latents, Latents (4).",
                ErrorText.forPeople(e, FieldLabels.TABLE));
        assertEquals("The data has 3 dimensions.",
                ErrorText.forPeople(new InvalidInputException("the data has 3 dimensions"), FieldLabels.TABLE));
    }

    @Test
    void otherFailuresAreNamedWithoutAStackTrace() {
        assertEquals("Unexpected IllegalStateException: boom.",
                ErrorText.forPeople(new IllegalStateException("boom"), FieldLabels.TABLE));
        assertTrue(ErrorText.forPeople(new OutOfMemoryError(), FieldLabels.TABLE).contains("-Xmx"));
        assertEquals("Disk full.", ErrorText.forPeople(new java.io.UncheckedIOException(
                new java.io.IOException("disk full")), FieldLabels.TABLE));
    }
}
