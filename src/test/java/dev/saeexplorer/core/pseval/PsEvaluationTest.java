package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsEvaluationTest {
    private static final double EPS = 1e-12;
    private static final int D = 8;
    private static final PsEvaluation.Options PLAIN = PsEvaluation.Options.defaults()
            .withTemplate(new PromptTemplate("{context}"));

    /**
     * Contexts name their max feature: "fK" → feature K = 1.0 and feature (K+1) mod 8 = 0.5; "tie" → features 1 and 2
     * both 2.0 (max = 1); "zero" → all zero; "skip" → the encoder refuses with "target is not a single token".
     */
    static final class FakeEncoder implements ContextEncoder {
        final List<String> prompts = new ArrayList<>();

        @Override
        public Result encode(String prompt, String targetWord) {
            prompts.add(prompt);
            float[] v = new float[D];
            switch (prompt) {
                case "skip":
                    return Result.skip("target is not a single token");
                case "zero":
                    break;
                case "tie":
                    v[1] = 2f;
                    v[2] = 2f;
                    break;
                default:
                    int k = Integer.parseInt(prompt.substring(1));
                    v[k] = 1f;
                    v[(k + 1) % D] = 0.5f;
            }
            return Result.of(v, new float[] {1f, 0f});
        }
    }

    private static PsEvalRow row(String id, int label, String c1, String c2) {
        return PsEvalRow.of(id, "w", label, c1, c2);
    }

    /** File order: label 1 rows r0 r2 r5 r7 r8, label 0 rows r1 r3 r4 r6 r9; r2 and r4 are skipped. */
    private static final List<PsEvalRow> ROWS = List.of(
            row("r0", 1, "f1", "f1"),    // same       → TP
            row("r1", 0, "f2", "f3"),    // different  → TN
            row("r2", 1, "skip", "f1"),  // skipped (context 1)
            row("r3", 0, "f4", "f4"),    // same       → FP
            row("r4", 0, "f1", "skip"),  // skipped (context 2)
            row("r5", 1, "f5", "f6"),    // different  → FN
            row("r6", 0, "zero", "zero"), // no max feature → different → TN, flagged
            row("r7", 1, "f2", "f2"),    // same       → TP
            row("r8", 1, "tie", "f1"),   // tie → max 1 → same → TP
            row("r9", 0, "f1", "f2"));   // different  → TN

    @Test
    void officialBalance() {
        FakeEncoder enc = new FakeEncoder();
        PsEvalResult r = PsEvaluation.run(ROWS, enc, PLAIN, TaskMonitor.none());
        // label 0: r1 r3 r4 r6 r9 evaluated, r4 skipped → c0 = 4; label 1: the first 4 (r0 r2 r5 r7), r2 skipped,
        // r8 not reached.
        assertEquals(new ConfusionCounts(2, 1, 1, 3), r.counts());
        assertEquals(List.of("r0", "r1", "r3", "r5", "r6", "r7", "r9"),
                r.pairs().stream().map(PairRecord::id).toList());
        assertEquals(1, r.notEvaluated());
        assertEquals(1, r.noMaxFeature());
        assertEquals(List.of(new SkippedPair(2, "r2", 1, "context 1: target is not a single token"),
                new SkippedPair(4, "r4", 0, "context 2: target is not a single token")), r.skipped());
        assertFalse(enc.prompts.contains("tie"), "r8 is never encoded");
        assertEquals(List.of("f2", "f3", "f4", "f4", "f1", "skip", "zero", "zero", "f1", "f2",
                "f1", "f1", "skip", "f5", "f6", "f2", "f2"), enc.prompts, "label 0 first, then label 1");

        ConfusionMetrics m = r.metrics();
        assertEquals(5.0 / 7, m.accuracy(), EPS);
        assertEquals(2.0 / 3, m.recall(), EPS);
        assertEquals(2.0 / 3, m.precision(), EPS);
        assertEquals(2.0 / 3, m.f1(), EPS);
        assertEquals(0.75, m.specificity(), EPS);
        assertEquals(0.75, m.sensitivity(), EPS);
        assertEquals(0.75, m.dF1(), EPS);
        assertEquals(17.0 / 24, m.averageF1(), EPS);

        assertEquals(D, r.dSae());
        ConfusionMetrics b = r.baseline();
        assertEquals(3.0 / 8, b.tp(), EPS);
        assertEquals(21.0 / 8, b.fn(), EPS);
        assertEquals(4.0 / 8, b.fp(), EPS);
        assertEquals(28.0 / 8, b.tn(), EPS);
        assertEquals(Balance.OFFICIAL, r.balance());
        assertEquals(10, r.inputRows());
    }

    @Test
    void officialBalanceWithFewerLabelOneRowsThanC0() {
        List<PsEvalRow> rows = List.of(row("a", 0, "f1", "f2"), row("b", 0, "f1", "f1"), row("c", 0, "f3", "f4"),
                row("d", 1, "skip", "f0"), row("e", 1, "f0", "f0"));
        PsEvalResult r = PsEvaluation.run(rows, new FakeEncoder(), PLAIN, TaskMonitor.none());
        // c0 = 3 but only 2 label-1 rows, one skipped
        assertEquals(new ConfusionCounts(1, 0, 1, 2), r.counts());
        assertEquals(0, r.notEvaluated());
        assertEquals(1, r.skipped().size());
    }

    @Test
    void officialBalanceWithAllLabelZeroSkipped() {
        List<PsEvalRow> rows = List.of(row("a", 0, "skip", "f2"), row("b", 1, "f1", "f1"));
        PsEvalResult r = PsEvaluation.run(rows, new FakeEncoder(), PLAIN, TaskMonitor.none());
        assertEquals(new ConfusionCounts(0, 0, 0, 0), r.counts());
        assertEquals(1, r.notEvaluated());
        assertNull(r.dSae());
        assertNull(r.baseline());
        assertNull(r.metrics().accuracy());
    }

    @Test
    void noBalance() {
        PsEvalResult r = PsEvaluation.run(ROWS, new FakeEncoder(), PLAIN.withBalance(Balance.NONE),
                TaskMonitor.none());
        assertEquals(new ConfusionCounts(3, 1, 1, 3), r.counts());
        assertEquals(8, r.pairs().size());
        assertEquals(2, r.skipped().size());
        assertEquals(0, r.notEvaluated());
        PairRecord tie = r.pairs().stream().filter(p -> p.id().equals("r8")).findFirst().orElseThrow();
        assertEquals(1, tie.maxFeature1());
        assertEquals(2f, tie.maxActivation1());
        assertEquals(1, tie.maxFeature2());
        assertTrue(tie.same());
        assertEquals(Outcome.TP, tie.outcome());
        assertEquals(List.of(new FeatureActivation(1, 2f), new FeatureActivation(2, 2f)), tie.top1());
        ConfusionMetrics b = r.baseline();
        assertEquals(4.0 / 8, b.tp(), EPS);
        assertEquals(4.0 / 8, b.fp(), EPS);
    }

    @Test
    void limitTakesTheFirstRowsBeforeBalancing() {
        PsEvalResult none = PsEvaluation.run(ROWS, new FakeEncoder(), PLAIN.withBalance(Balance.NONE).withLimit(4),
                TaskMonitor.none());
        assertEquals(new ConfusionCounts(1, 0, 1, 1), none.counts());
        assertEquals(4, none.inputRows());
        PsEvalResult official = PsEvaluation.run(ROWS, new FakeEncoder(), PLAIN.withLimit(4), TaskMonitor.none());
        // label 0 r1 r3 → c0 = 2; label 1 r0 r2 → r2 skipped
        assertEquals(new ConfusionCounts(1, 0, 1, 1), official.counts());
        assertEquals(PsEvaluation.run(ROWS, new FakeEncoder(), PLAIN.withLimit(100), TaskMonitor.none()).counts(),
                new ConfusionCounts(2, 1, 1, 3));
        assertThrows(InvalidInputException.class, () -> PLAIN.withLimit(0));
    }

    @Test
    void allZeroVectorsHaveNoMaxFeatureAndCountAsDifferent() {
        PsEvalResult r = PsEvaluation.run(List.of(row("z", 1, "zero", "zero"), row("h", 1, "f3", "zero")),
                new FakeEncoder(), PLAIN.withBalance(Balance.NONE), TaskMonitor.none());
        assertEquals(new ConfusionCounts(0, 2, 0, 0), r.counts());
        assertEquals(2, r.noMaxFeature());
        PairRecord z = r.pairs().get(0);
        assertNull(z.maxFeature1());
        assertNull(z.maxActivation1());
        assertNull(z.maxFeature2());
        assertTrue(z.noMaxFeature());
        assertFalse(z.same());
        assertEquals(Outcome.FN, z.outcome());
        assertTrue(z.top1().isEmpty());
        assertNull(z.saeDistinction(), "cos of a zero vector is undefined");
        assertEquals(0.0, z.llmDistinction(), EPS);
        PairRecord h = r.pairs().get(1);
        assertEquals(3, h.maxFeature1());
        assertNull(h.maxFeature2());
        assertTrue(h.noMaxFeature());
    }

    @Test
    void perPairRecordsAndDistinctions() {
        ContextEncoder enc = (prompt, target) -> switch (prompt) {
            case "a" -> ContextEncoder.Result.of(new float[] {1, 0, 0, 0, 0, 0, 0}, new float[] {1, 0});
            case "b" -> ContextEncoder.Result.of(new float[] {1, 1, 0, 0, 0, 0, 0}, new float[] {0, 2});
            case "c" -> ContextEncoder.Result.of(new float[] {0.5f, 2, 0.25f, 3, 0, 2, 1}, new float[] {-3, 0});
            case "d" -> ContextEncoder.Result.of(new float[] {0, 0, 0, 0, 0, 0, 4}, null);
            default -> throw new AssertionError(prompt);
        };
        PsEvalResult r = PsEvaluation.run(List.of(row("ab", 0, "a", "b"), row("ac", 1, "a", "c"),
                row("ad", 0, "a", "d")), enc, PLAIN.withBalance(Balance.NONE), TaskMonitor.none());
        PairRecord ab = r.pairs().get(0);
        assertEquals(0, ab.maxFeature1());
        assertEquals(0, ab.maxFeature2()); // tie of 1 and 1 → lowest index
        assertEquals(Outcome.FP, ab.outcome());
        assertEquals(1 - 1 / Math.sqrt(2), ab.saeDistinction(), 1e-9);
        assertEquals(1.0, ab.llmDistinction(), EPS);
        PairRecord ac = r.pairs().get(1);
        assertEquals(3, ac.maxFeature2());
        assertEquals(3f, ac.maxActivation2());
        assertEquals(Outcome.FN, ac.outcome());
        assertEquals(List.of(new FeatureActivation(3, 3f), new FeatureActivation(1, 2f), new FeatureActivation(5, 2f),
                new FeatureActivation(6, 1f), new FeatureActivation(0, 0.5f)), ac.top2());
        assertEquals(List.of(new FeatureActivation(0, 1f)), ac.top1());
        // cos(a, c) = 0.5 / sqrt(0.25 + 4 + 0.0625 + 9 + 4 + 1) = 0.5 / sqrt(18.3125)
        assertEquals(1 - 0.5 / Math.sqrt(18.3125), ac.saeDistinction(), 1e-9);
        assertEquals(2.0, ac.llmDistinction(), EPS); // opposite activations: 1 − (−1)
        PairRecord ad = r.pairs().get(2);
        assertEquals(1.0, ad.saeDistinction(), EPS);
        assertNull(ad.llmDistinction(), "no activation exposed");
        assertEquals(7, r.dSae());
    }

    @Test
    void theDefaultTemplateIsWhatTheEncoderSees() {
        List<String> seen = new ArrayList<>();
        ContextEncoder enc = (prompt, target) -> {
            seen.add(prompt + "|" + target);
            return ContextEncoder.Result.of(new float[] {1, 0}, null);
        };
        PsEvaluation.run(List.of(PsEvalRow.of("x", "board", 0, "Room and board.", "He nailed boards.")), enc,
                PsEvaluation.Options.defaults(), null);
        assertEquals(List.of("Room and board. The board means|board", "He nailed boards. The board means|board"),
                seen);
    }

    @Test
    void nanFeaturesAreSkippedAndWidthChangesAreEncoderBugs() {
        ContextEncoder nan = (prompt, target) -> ContextEncoder.Result.of(
                prompt.equals("n") ? new float[] {Float.NaN, 1} : new float[] {1, 0}, null);
        PsEvalResult r = PsEvaluation.run(List.of(row("a", 0, "n", "x"), row("b", 0, "x", "x")), nan,
                PLAIN.withBalance(Balance.NONE), TaskMonitor.none());
        assertEquals("context 1: the feature vector contains NaN", r.skipped().get(0).reason());
        assertEquals(1, r.pairs().size());
        ContextEncoder widths = (prompt, target) -> ContextEncoder.Result.of(new float[prompt.length()], null);
        assertThrows(IllegalStateException.class, () -> PsEvaluation.run(List.of(row("a", 0, "x", "xx")), widths,
                PLAIN, TaskMonitor.none()));
    }

    @Test
    void progressAndCancellation() {
        List<Double> fractions = new ArrayList<>();
        PsEvaluation.run(ROWS, new FakeEncoder(), PLAIN,
                new TaskMonitor((f, msg) -> fractions.add(f), CancellationToken.none()));
        assertEquals(10, fractions.size()); // 9 attempted rows + the final report
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), EPS);

        CancellationToken token = new CancellationToken();
        int[] calls = {0};
        ContextEncoder enc = (prompt, target) -> {
            if (++calls[0] == 3) {
                token.cancel();
            }
            return ContextEncoder.Result.of(new float[] {1, 0}, null);
        };
        assertThrows(CancelledException.class, () -> PsEvaluation.run(ROWS, enc, PLAIN,
                new TaskMonitor((f, m) -> { }, token)));
        assertEquals(4, calls[0], "stops before the third pair");
    }

    @Test
    void emptyInputAndBalanceNames() {
        assertThrows(InvalidInputException.class, () -> PsEvaluation.run(List.of(), new FakeEncoder(), PLAIN, null));
        assertEquals(Balance.OFFICIAL, Balance.parse("official"));
        assertEquals(Balance.NONE, Balance.parse(" None "));
        assertThrows(InvalidInputException.class, () -> Balance.parse("half"));
    }

    @Test
    void theResultSerialisesWithNullsForUndefinedRatios() throws Exception {
        PsEvalResult r = PsEvaluation.run(List.of(row("z", 0, "zero", "f1")), new FakeEncoder(), PLAIN,
                TaskMonitor.none());
        String json = dev.saeexplorer.core.io.Json.mapper().writeValueAsString(r);
        assertTrue(json.contains("\"precision\":null") && json.contains("\"maxFeature1\":null")
                && json.contains("\"outcome\":\"TN\""), json);
    }

    @Test
    void helpers() {
        assertEquals(2, PsEvaluation.argmax(new float[] {-1, 0, 3, 3}));
        assertNull(PsEvaluation.argmax(new float[] {0, -0f, 0}));
        assertEquals(1, PsEvaluation.argmax(new float[] {-2, 0, -1}));
        assertNull(PsEvaluation.cosine(new float[] {0, 0}, new float[] {1, 0}));
        assertEquals(0.0, PsEvaluation.distinction(new float[] {2, 0}, new float[] {3, 0}), EPS);
        assertEquals(2, PsEvaluation.top(new float[] {0, 1, 0, 2}, 5).size());
    }
}
