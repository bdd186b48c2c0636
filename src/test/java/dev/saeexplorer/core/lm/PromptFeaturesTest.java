package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-token features against the float64 features of {@code bench/lm/splice_reference.py}. */
class PromptFeaturesTest {
    private static final Path LM = Path.of("src/test/resources/lm").toAbsolutePath();

    @Test
    void everyTokensFeaturesAreTheReferencesLargestFirst() throws Exception {
        JsonNode ref = Json.mapper().readTree(Files.readString(LM.resolve("tiny-b-sae/splice-reference.json")));
        Gpt2Model model = Gpt2Model.load(LM.resolve("tiny-b"));
        LoadedCheckpoint sae = CheckpointLoader.load(LM.resolve("tiny-b-sae"));
        int[] sequence = SpliceMetricsTest.contexts(ref).get(0);
        PromptFeatures.Result all = PromptFeatures.ofSequence(model, HookPoint.parse(sae.hookName()), sae.model(),
                sequence, 100, id -> "t" + id);
        JsonNode expected = ref.get("features");
        assertEquals(sequence.length - 1, all.top().size(), "BOS is left out");
        assertEquals("t" + sequence[1], all.tokens().get(0));
        for (int i = 0; i < expected.size(); i++) {
            List<PromptFeatures.Activation> got = all.top().get(i);
            assertEquals(expected.get(i).size(), got.size(), "active features at token " + i);
            for (int r = 0; r < got.size(); r++) {
                assertEquals(expected.get(i).get(r).get(0).asInt(), got.get(r).feature(), "token " + i + " rank " + r);
                assertEquals(expected.get(i).get(r).get(1).asDouble(), got.get(r).activation(), 1e-4);
            }
        }
        PromptFeatures.Result two = PromptFeatures.ofSequence(model, HookPoint.parse(sae.hookName()), sae.model(),
                sequence, 2, id -> "t" + id);
        for (int i = 0; i < two.top().size(); i++) {
            assertEquals(all.top().get(i).subList(0, Math.min(2, all.top().get(i).size())), two.top().get(i));
        }
        assertEquals(Param.TOP, assertThrows(InvalidInputException.class, () -> PromptFeatures.ofSequence(model,
                HookPoint.parse(sae.hookName()), sae.model(), sequence, 0, id -> "")).parameter());
    }
}
