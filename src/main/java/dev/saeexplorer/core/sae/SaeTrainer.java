package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains an SAE or WSAE with Adam (design/MATH.md): loss = ‖Γ(x − x̂)‖² + λ‖f‖₁ (+ the dead-latent auxiliary loss),
 * averaged over the batch. Decoder rows are renormalised to unit norm after each step when λ > 0 (untied form only).
 * The steps run on a {@link TrainingEngine}; both engines start from the same {@link SaeModel#initialise} parameters.
 */
public final class SaeTrainer {
    /** Snapshots per run for the live curve. */
    private static final int SNAPSHOTS = 200;

    private final TrainingEngine engine;

    public SaeTrainer() {
        this(TrainingEngine.JVM);
    }

    public SaeTrainer(TrainingEngine engine) {
        this.engine = engine;
    }

    public TrainingResult train(SaeConfig cfg, WsaeWeights weights, BatchSource data, TaskMonitor monitor,
                                TrainingListener listener) {
        if (data.inputDim() != cfg.inputDim()) {
            throw new InvalidInputException("the data has " + data.inputDim() + " dimensions but the SAE expects "
                    + cfg.inputDim());
        }
        if (weights.applied().length != cfg.inputDim()) {
            throw new InvalidInputException("there are " + weights.applied().length + " WSAE weights for "
                    + cfg.inputDim() + " input dimensions");
        }
        SaeModel init = SaeModel.initialise(cfg);
        int reportEvery = Math.max(1, cfg.steps() / SNAPSHOTS);
        int[] sinceFired = new int[cfg.latents()];
        List<TrainingSnapshot> history = new ArrayList<>();
        Clock clock = new Clock();
        try (TrainingKernel kernel = engine == TrainingEngine.JVM ? new JvmKernel(cfg, init, weights)
                : new Nd4jKernel(cfg, init, weights)) {
            for (int s = 0; s < cfg.steps(); s++) {
                float[] x = data.next();
                boolean last = s == cfg.steps() - 1;
                // A pause shows where it holds: the step it stopped at gets a snapshot of its own.
                boolean report = s % reportEvery == 0 || last || monitor.pauseRequested();
                TrainingKernel.StepOutcome outcome = kernel.step(x, deadLatents(sinceFired, cfg), report);
                updateFiring(sinceFired, outcome.firedPerLatent());
                if (report) {
                    checkFinite(outcome.loss(), s + 1);
                    double seconds = clock.seconds();
                    double rate = seconds > 0 ? (s + 1.0) * cfg.batch() / seconds : 0;
                    TrainingSnapshot snap = new TrainingSnapshot(s + 1, cfg.steps(), outcome.loss(),
                            outcome.reconstruction(), outcome.meanL0(), countDead(sinceFired, cfg), rate, seconds);
                    history.add(snap);
                    listener.onSnapshot(snap);
                    monitor.report((s + 1.0) / cfg.steps(), String.format("step %d/%d, loss %.5f", s + 1,
                            cfg.steps(), outcome.loss()));
                }
                // Pause and cancel act here, between two steps.
                clock.leaveOut(monitor.betweenSteps());
            }
            double seconds = clock.seconds();
            SaeModel model = kernel.model();
            for (org.nd4j.linalg.api.ndarray.INDArray p : List.of(model.wEnc(), model.bEnc(), model.wDec(), model.bDec())) {
                checkFinite(p.amaxNumber().doubleValue(), cfg.steps());
            }
            return new TrainingResult(cfg, model, weights, List.copyOf(history),
                    cfg.steps() * (double) cfg.batch() / seconds);
        }
    }

    /** Wall-clock time since the start with the paused stretches left out. */
    private static final class Clock {
        private final long start = System.nanoTime();
        private long paused;

        void leaveOut(long pausedNanos) {
            paused += pausedNanos;
        }

        double seconds() {
            return (System.nanoTime() - start - paused) / 1e9;
        }
    }

    /** A loss that is no longer a number means the optimiser diverged; nothing it produced is worth saving. */
    static void checkFinite(double loss, int step) {
        if (!Double.isFinite(loss)) {
            throw InvalidInputException.worded(Param.LEARNING_RATE, "training diverged: the loss became " + loss
                    + " at step " + step + "; lower the ", Param.LEARNING_RATE);
        }
    }

    /** The latents the auxiliary loss revives, or null when it is off or none is dead. */
    private static boolean[] deadLatents(int[] sinceFired, SaeConfig cfg) {
        if (cfg.auxCoefficient() == 0 || countDead(sinceFired, cfg) == 0) {
            return null;
        }
        boolean[] dead = new boolean[sinceFired.length];
        for (int j = 0; j < dead.length; j++) {
            dead[j] = sinceFired[j] >= cfg.deadWindow();
        }
        return dead;
    }

    private static int countDead(int[] sinceFired, SaeConfig cfg) {
        int dead = 0;
        for (int v : sinceFired) {
            if (v >= cfg.deadWindow()) {
                dead++;
            }
        }
        return dead;
    }

    private static void updateFiring(int[] sinceFired, float[] fired) {
        for (int j = 0; j < sinceFired.length; j++) {
            sinceFired[j] = fired[j] > 0 ? 0 : sinceFired[j] + 1;
        }
    }
}
