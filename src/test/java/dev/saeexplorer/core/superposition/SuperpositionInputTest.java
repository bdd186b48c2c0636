package dev.saeexplorer.core.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is rejected with {@link InvalidInputException} and a message that names what is wrong. */
class SuperpositionInputTest {

    private static InvalidInputException rejects(Executable e) {
        return assertThrows(InvalidInputException.class, e);
    }

    private static void rejectsWp(double[][] wp) {
        InvalidInputException e = rejects(() -> Superposition.of(wp));
        assertTrue(e.getMessage().contains("W_p"), e.getMessage());
    }

    // ---------------------------------------------------------------- W_p

    @Test
    void wpWithNonFiniteEntriesIsRejected() {
        rejectsWp(new double[][] {{1, Double.NaN, 0}, {0, 1, 1}});
        rejectsWp(new double[][] {{1, 0, 0}, {0, Double.POSITIVE_INFINITY, 1}});
        rejectsWp(new double[][] {{Double.NEGATIVE_INFINITY, 0, 0}});
    }

    @Test
    void raggedWpIsRejected() {
        rejectsWp(new double[][] {{1, 0, 0}, {0, 1}});
        rejectsWp(new double[][] {{1, 0}, {0, 1, 0}});
        rejectsWp(new double[][] {{1, 0, 0}, null});
    }

    @Test
    void emptyWpIsRejected() {
        rejectsWp(new double[0][]);
        rejectsWp(new double[][] {{}});
        rejectsWp(null);
    }

    @Test
    void moreDimensionsThanFeaturesIsRejected() {
        rejectsWp(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        rejectsWp(new double[][] {{1}, {0}});
    }

    @Test
    void superpositionCopiesItsInput() {
        double[][] wp = {{1, 0, 0}, {0, 1, -1}};
        Superposition sp = Superposition.of(wp);
        wp[0][0] = 99;
        assertEquals(1.0, sp.entry(0, 0));
        double[][] out = sp.matrix();
        out[0][0] = 77;
        assertEquals(1.0, sp.entry(0, 0));
        assertEquals(2, sp.dims());
        assertEquals(3, sp.features());
    }

    // ---------------------------------------------------------------- closed form inputs

    @Test
    void closedFormRejectsXOfTheWrongLength() {
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        rejects(() -> cf.evaluate(new double[] {0.5, 1.0}, null));
        rejects(() -> cf.evaluate(new double[] {0.5, 1.0, 0.8, 0.1}, null));
        rejects(() -> cf.evaluate(new double[0], null));
        rejects(() -> cf.evaluate(null, null));
    }

    @Test
    void closedFormRejectsNonFiniteX() {
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        InvalidInputException e = rejects(() -> cf.evaluate(new double[] {0.5, Double.NaN, 0.8}, null));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
        rejects(() -> cf.evaluate(new double[] {0.5, Double.POSITIVE_INFINITY, 0.8}, null));
    }

    @Test
    void closedFormRejectsNegativeGroundTruth() {
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> cf.evaluate(new double[] {0.5, -0.1, 0.2}, null));
        assertTrue(e.getMessage().contains("x[1]"), e.getMessage());
    }

    @Test
    void closedFormRejectsGammaOfTheWrongLength() {
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        double[] x = {0.5, 1.0, 0.8};
        InvalidInputException e = rejects(() -> cf.evaluate(x, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        rejects(() -> cf.evaluate(x, new double[] {1}));
        rejects(() -> cf.evaluate(x, new double[0]));
    }

    @Test
    void closedFormRejectsNegativeOrNonFiniteGamma() {
        ClosedForm cf = new ClosedForm(Presets.example1(), new Activation.Relu());
        double[] x = {0.5, 1.0, 0.8};
        InvalidInputException e = rejects(() -> cf.evaluate(x, new double[] {1, -0.5}));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        rejects(() -> cf.evaluate(x, new double[] {Double.NaN, 1}));
        rejects(() -> cf.evaluate(x, new double[] {1, Double.POSITIVE_INFINITY}));
        // Zero weights are allowed (≥ 0).
        assertEquals(0.0, cf.evaluate(x, new double[] {0, 0}).lossWSAE(), 0.0);
    }

    // ---------------------------------------------------------------- Monte Carlo inputs

    @Test
    void monteCarloRejectsFewerThanOneSample() {
        MonteCarlo mc = new MonteCarlo(new ClosedForm(Presets.example1(), new Activation.Relu()));
        rejects(() -> mc.run(0.5, 0, 1, null, TaskMonitor.none()));
        rejects(() -> mc.run(0.5, -5, 1, null, TaskMonitor.none()));
    }

    @Test
    void monteCarloRejectsBadSparsityAndGamma() {
        MonteCarlo mc = new MonteCarlo(new ClosedForm(Presets.example1(), new Activation.Relu()));
        rejects(() -> mc.run(1.5, 10, 1, null, TaskMonitor.none()));
        rejects(() -> mc.run(Double.NaN, 10, 1, null, TaskMonitor.none()));
        rejects(() -> mc.run(0.5, 10, 1, new double[] {1, 2, 3}, TaskMonitor.none()));
        rejects(() -> mc.run(0.5, 10, 1, new double[] {1, -2}, TaskMonitor.none()));
    }

    // ---------------------------------------------------------------- presets

    @Test
    void presetsRejectBadSizes() {
        rejects(() -> Presets.identity(0));
        rejects(() -> Presets.identity(-1));
        rejects(() -> Presets.digons(0));
        rejects(() -> Presets.regularPolygon(2));
        rejects(() -> Presets.regularPolygon(0));
        rejects(() -> Presets.randomNonPositive(0, 3, 1));
        rejects(() -> Presets.randomNonPositive(3, 0, 1));
        rejects(() -> Presets.randomNonPositive(3, 2, 1)); // n < n_p
        rejects(() -> Presets.randomNonPositive(3, 7, 1)); // n > 2·n_p
    }

    @Test
    void presetsHaveTheDocumentedShapes() {
        assertEquals(3, Presets.identity(3).features());
        assertEquals(3, Presets.identity(3).dims());
        assertEquals(2, Presets.digons(2).dims());
        assertEquals(4, Presets.digons(2).features());
        assertEquals(2, Presets.regularPolygon(7).dims());
        assertEquals(7, Presets.regularPolygon(7).features());
    }

    // ---------------------------------------------------------------- activations

    @Test
    void unknownActivationNameIsRejected() {
        InvalidInputException e = rejects(() -> Activation.parse("gelu", null, null));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
        rejects(() -> Activation.parse("", null, null));
    }

    @Test
    void knownActivationNamesParseCaseInsensitively() {
        assertInstanceOf(Activation.Relu.class, Activation.parse(null, null, null));
        assertInstanceOf(Activation.Relu.class, Activation.parse(" ReLU ", null, null));
        assertEquals(new Activation.TopK(3), Activation.parse("TopK", 3, null));
        assertEquals(new Activation.JumpRelu(0.25), Activation.parse("jumprelu", null, 0.25));
    }

    @Test
    void topKWithoutKIsRejected() {
        InvalidInputException e = rejects(() -> Activation.parse("topk", null, null));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }

    @Test
    void topKBelowOneIsRejected() {
        rejects(() -> Activation.parse("topk", 0, null));
        rejects(() -> Activation.parse("topk", -2, null));
        rejects(() -> new Activation.TopK(0));
    }

    @Test
    void topKLargerThanTheLatentsIsRejected() {
        Activation topk = Activation.parse("topk", 5, null);
        rejects(() -> topk.validateFor(4));
        topk.validateFor(5);
        rejects(() -> new ClosedForm(Presets.example1(), topk));
        rejects(() -> topk.apply(new double[] {1, 2, 3}));
    }

    @Test
    void negativeOrNonFiniteThetaIsRejected() {
        rejects(() -> Activation.parse("jumprelu", null, -0.1));
        rejects(() -> Activation.parse("jumprelu", null, Double.NaN));
        rejects(() -> Activation.parse("jumprelu", null, Double.POSITIVE_INFINITY));
        rejects(() -> new Activation.JumpRelu(-1));
    }
}
