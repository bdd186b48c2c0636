package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled PS-Eval sample (sample-data/pseval): usable offline by the protocol as written. */
class SamplePairsTest {
    private static final Path PAIRS = Path.of("sample-data/pseval/sample-pairs.jsonl");

    @Test
    void everyPairLoadsWithBothLabelsNounsAndVerbs() {
        PsEvalDataset data = AuthorsJsonLoader.load(PAIRS);
        assertTrue(data.skipped().isEmpty(), data.skipped().toString());
        assertTrue(data.rows().size() >= 40);
        assertEquals(data.rows().size() / 2, data.countLabel(1), "balanced labels");
        Set<String> pos = data.rows().stream().map(PsEvalRow::pos).collect(Collectors.toSet());
        assertEquals(Set.of("N", "V"), pos);
        for (PsEvalRow r : data.rows()) {
            assertEquals(r.targetWord(), r.span1().of(r.context1()), r.id());
            assertEquals(r.targetWord(), r.span2().of(r.context2()), r.id());
        }
    }

    @Test
    void everyTargetIsASingleGpt2TokenInTheTemplate() {
        Gpt2Tokenizer tok = Gpt2Tokenizer.r50k();
        for (PsEvalRow r : AuthorsJsonLoader.load(PAIRS).rows()) {
            int[] target = tok.encode(" " + r.targetWord());
            assertEquals(1, target.length, r.targetWord() + " must be one token with its leading space");
            for (String context : new String[] {r.context1(), r.context2()}) {
                int[] tokens = tok.encodeWithBos(PromptTemplate.DEFAULT.fill(context, r.targetWord()));
                assertTrue(ModelContextEncoder.targetPosition(tokens, target) > 0, r.id());
            }
        }
    }
}
