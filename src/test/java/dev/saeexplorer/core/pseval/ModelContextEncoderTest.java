package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ModelContextEncoderTest {
    private static final Path FAKE_GPT2 = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2").normalize();

    @Test
    void theTargetIsTheLastPositionHoldingItsSingleToken() {
        assertEquals(3, ModelContextEncoder.targetPosition(new int[] {50256, 7, 9, 7, 2}, new int[] {7}));
        assertEquals(-1, ModelContextEncoder.targetPosition(new int[] {50256, 7, 9}, new int[] {8}));
        assertEquals(-1, ModelContextEncoder.targetPosition(new int[] {50256, 7, 9}, new int[] {7, 9}));
    }

    @Test
    void encodesTheActivationAtTheTemplatesCopyOfTheTarget() {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        Gpt2Model model = Gpt2Model.load(FAKE_GPT2);
        Gpt2Tokenizer tok = Gpt2Tokenizer.r50k();
        // An SAE with d_in = 2 whose features are +a0, −a0, +a1, −a1 (identity-like, ReLU): features are readable by hand.
        SaeModel sae = new SaeModel(Nd4j.create(new float[][] {{1, -1, 0, 0}, {0, 0, 1, -1}}),
                Nd4j.zeros(DataType.FLOAT, 1, 4), Nd4j.create(new float[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}),
                Nd4j.zeros(DataType.FLOAT, 1, 2), new Activation.Relu(), false);
        HookPoint hook = HookPoint.parse("blocks.0.hook_resid_post", 1);
        ModelContextEncoder encoder = new ModelContextEncoder(model, tok, hook, sae);
        String prompt = PromptTemplate.DEFAULT.fill("The bank was closed.", "bank");
        ContextEncoder.Result r = encoder.encode(prompt, "bank");
        assertTrue(!r.skipped());
        int[] tokens = tok.encodeWithBos(prompt);
        int position = ModelContextEncoder.targetPosition(tokens, tok.encode(" bank"));
        assertTrue(position > 3, "the template's copy, not the context's, is used");
        float[] expected = model.run(tokens, hook)[position];
        assertArrayEquals(expected, r.features().activation(), 1e-5f);
        assertArrayEquals(new float[] {Math.max(expected[0], 0), Math.max(-expected[0], 0), Math.max(expected[1], 0),
                Math.max(-expected[1], 0)}, r.features().features(), 1e-6f);

        assertEquals(ModelContextEncoder.NOT_A_SINGLE_TOKEN, encoder.encode(
                PromptTemplate.DEFAULT.fill("An antidisestablishmentarianism debate.", "antidisestablishmentarianism"),
                "antidisestablishmentarianism").skipReason());
        SaeModel wrongWidth = new SaeModel(Nd4j.zeros(DataType.FLOAT, 3, 4), Nd4j.zeros(DataType.FLOAT, 1, 4),
                Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 1, 3), new Activation.Relu(), false);
        assertThrows(InvalidInputException.class, () -> new ModelContextEncoder(model, tok, hook, wrongWidth));
    }
}
