package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogitLensTest {
    // vocab 4, d_model 2
    private static final float[][] WTE = {{1, 0}, {0, 1}, {1, 1}, {-2, 3}};
    private static final float[] LN_F = {2, -1};
    private static final String[] TEXT = {"a", "b", "c", "d"};

    private static LogitLens lens() {
        return new LogitLens(LN_F, WTE, id -> TEXT[id]);
    }

    @Test
    void foldsLnFinalWeightAndCentresOverTheVocabulary() {
        // d = (1, 1): d ∘ g = (2, -1); raw logits = (2, -1, 1, -7), mean = -5/4
        float[] l = lens().logits(new float[] {1, 1});
        assertArrayEquals(new float[] {3.25f, 0.25f, 2.25f, -5.75f}, l, 1e-6f);
        // d = (0.5, -2): d ∘ g = (1, 2); raw = (1, 2, 3, 4), mean 2.5
        assertArrayEquals(new float[] {-1.5f, -0.5f, 0.5f, 1.5f}, lens().logits(new float[] {0.5f, -2}), 1e-6f);
    }

    @Test
    void topAndBottomK() {
        LogitLens.Result r = lens().topBottom(new float[] {1, 1}, 2);
        assertEquals(List.of(new LogitLens.TokenLogit(0, "a", 3.25f), new LogitLens.TokenLogit(2, "c", 2.25f)),
                r.top());
        assertEquals(List.of(new LogitLens.TokenLogit(3, "d", -5.75f), new LogitLens.TokenLogit(1, "b", 0.25f)),
                r.bottom());
        assertEquals(4, lens().topBottom(new float[] {1, 1}, 10).top().size());
        assertEquals(0, lens().topBottom(new float[] {1, 1}, 0).bottom().size());
    }

    @Test
    void tiesPreferTheLowerTokenId() {
        // d = (0, 0): every logit is 0
        LogitLens.Result r = lens().topBottom(new float[] {0, 0}, 2);
        assertEquals(List.of(0, 1), r.top().stream().map(LogitLens.TokenLogit::tokenId).toList());
        assertEquals(List.of(0, 1), r.bottom().stream().map(LogitLens.TokenLogit::tokenId).toList());
    }

    @Test
    void wrongSizesAreInputErrors() {
        assertThrows(InvalidInputException.class, () -> lens().logits(new float[3]));
        assertThrows(InvalidInputException.class, () -> lens().topBottom(new float[2], -1));
        assertThrows(InvalidInputException.class, () -> new LogitLens(new float[3], WTE, id -> ""));
    }

    @Test
    void lensOfALoadedModelUsesItsEmbeddingAndLnFinal() {
        Gpt2Model m = Gpt2Model.load(Gpt2ForwardTest.fixture("tiny-b"));
        float[] dir = new float[m.dModel()];
        dir[3] = 1f;
        LogitLens lens = LogitLens.of(m, Gpt2Tokenizer.r50k());
        float[] l = lens.logits(dir);
        assertEquals(m.config().vocabSize(), l.length);
        double sum = 0;
        for (float v : l) {
            sum += v;
        }
        assertEquals(0, sum, 1e-4);
        float g = m.lnFinalWeight()[3];
        // difference of two logits is independent of the centring: g·(wte[5][3] − wte[7][3])
        assertEquals(g * (m.wte()[5][3] - m.wte()[7][3]), l[5] - l[7], 1e-5);
    }

    /** The batched lens (one GEMM over W_U, 70 directions = two batches) equals the one-direction lens. */
    @Test
    void batchedDirectionsEqualOneAtATime() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        int d = 19;
        int vocab = 300;
        float[][] wte = new float[vocab][d];
        float[] lnF = new float[d];
        for (int j = 0; j < d; j++) {
            lnF[j] = (float) (0.5 + rng.nextDouble());
        }
        for (float[] row : wte) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        LogitLens lens = new LogitLens(lnF, wte, id -> "t" + id);
        List<float[]> directions = new java.util.ArrayList<>();
        for (int f = 0; f < 70; f++) {
            float[] dir = new float[d];
            for (int j = 0; j < d; j++) {
                dir[j] = (float) rng.nextGaussian();
            }
            directions.add(dir);
        }
        List<LogitLens.Result> batched = lens.topBottom(directions, 4);
        assertEquals(70, batched.size());
        for (int f = 0; f < directions.size(); f++) {
            LogitLens.Result one = lens.topBottom(directions.get(f), 4);
            for (int r = 0; r < 4; r++) {
                assertEquals(one.top().get(r).tokenId(), batched.get(f).top().get(r).tokenId(), "direction " + f);
                assertEquals(one.top().get(r).logit(), batched.get(f).top().get(r).logit(), 1e-4f);
                assertEquals(one.bottom().get(r).tokenId(), batched.get(f).bottom().get(r).tokenId());
            }
        }
        assertThrows(InvalidInputException.class, () -> lens.topBottom(List.of(new float[d + 1]), 3));
    }
}
