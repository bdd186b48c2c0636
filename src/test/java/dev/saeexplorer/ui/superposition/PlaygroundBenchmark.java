package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times the playground's recomputation per change with n = 200 features and 20,000 Monte-Carlo samples: what a drag
 * event costs (closed form + geometry, on the FX thread) and what the curves cost (off it), for a W_p change and an S
 * change, in full and as the reduced-sample drag preview. Run: {@code java -cp <test classpath>
 * dev.saeexplorer.ui.superposition.PlaygroundBenchmark [reps]}. Not a test: timings depend on the machine.
 */
public final class PlaygroundBenchmark {
    private static final int FEATURES = 200;
    private static final int SAMPLES = 20_000;

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf("cores: %d, n = %d, samples = %d, grid = %d points + current S%n",
                Runtime.getRuntime().availableProcessors(), FEATURES, SAMPLES, CurveCalculator.GRID.length);
        for (int dims : new int[] {20, 2}) {
            run(dims, reps);
        }
    }

    private static void run(int dims, int reps) {
        SplittableRandom random = new SplittableRandom(7);
        double[] x = new SparseSampler(FEATURES, 0.5, 1).next();
        double[] frame = new double[reps];
        double[] wpFull = new double[reps];
        double[] wpPreview = new double[reps];
        double[] sFull = new double[reps];
        double[] sPreview = new double[reps];
        for (int rep = -1; rep < reps; rep++) { // rep −1 warms the JIT up
            Superposition sp = Superposition.of(randomWp(dims, random));
            long t0 = System.nanoTime();
            new ClosedForm(sp, new Activation.Relu()).evaluate(x, null);
            Geometry.of(sp);
            long t1 = System.nanoTime();
            CurveSet full = CurveCalculator.compute(sp, PlaygroundWorlds.PAPER, null, 0, SAMPLES, SAMPLES, 0.5, null, TaskMonitor.none());
            long t2 = System.nanoTime();
            CurveSet preview = CurveCalculator.compute(sp, PlaygroundWorlds.PAPER, null, 0, PlaygroundViewModel.PREVIEW_SAMPLES, SAMPLES, 0.5,
                    null, TaskMonitor.none());
            long t3 = System.nanoTime();
            double s = 0.41 + 0.01 * Math.max(rep, 0);
            CurveCalculator.compute(sp, PlaygroundWorlds.PAPER, null, 0, SAMPLES, SAMPLES, s, full, TaskMonitor.none());
            long t4 = System.nanoTime();
            CurveCalculator.compute(sp, PlaygroundWorlds.PAPER, null, 0, PlaygroundViewModel.PREVIEW_SAMPLES, SAMPLES, s + 0.005, full,
                    TaskMonitor.none());
            long t5 = System.nanoTime();
            if (rep >= 0) {
                frame[rep] = (t1 - t0) / 1e6;
                wpFull[rep] = (t1 - t0 + t2 - t1) / 1e6;
                wpPreview[rep] = (t1 - t0 + t3 - t2) / 1e6;
                sFull[rep] = (t1 - t0 + t4 - t3) / 1e6;
                sPreview[rep] = (t1 - t0 + t5 - t4) / 1e6;
            }
            if (preview.grid().size() != CurveCalculator.GRID.length) {
                throw new IllegalStateException("unexpected grid");
            }
        }
        System.out.printf("n_p = %d: median ms per change (of %d)%n", dims, reps);
        System.out.printf("  per drag event, closed form at x + geometry (FX thread): %8.2f%n", median(frame));
        System.out.printf("  W_p change, curves in full (%d samples/point):        %8.1f%n", SAMPLES, median(wpFull));
        System.out.printf("  W_p change, drag preview (%d samples/point):            %8.1f%n",
                PlaygroundViewModel.PREVIEW_SAMPLES, median(wpPreview));
        System.out.printf("  S change, grid reused, current S in full:                 %8.1f%n", median(sFull));
        System.out.printf("  S change during a slider drag (preview point):            %8.1f%n", median(sPreview));
    }

    private static double[][] randomWp(int dims, SplittableRandom random) {
        double[][] m = new double[dims][FEATURES];
        for (double[] row : m) {
            for (int i = 0; i < FEATURES; i++) {
                row[i] = random.nextGaussian() / Math.sqrt(dims);
            }
        }
        return m;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
