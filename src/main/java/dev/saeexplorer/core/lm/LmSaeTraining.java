package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.SaeCheckpoint;
import dev.saeexplorer.core.io.TrainingRecord;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeTrainer;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.TrainingResult;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.sae.WsaeWeights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SAE or WSAE trained on a language model's activations at one hook point, the one pipeline behind both
 * {@code train-lm-sae} and the GUI's training panel: WSAE weights from the per-dimension variance of the first
 * {@value #VARIANCE_ROWS} activation vectors, Adam on the streamed activations, then a SAELens-layout checkpoint with
 * the training record and {@code metrics.json}. Both passes report progress and can be cancelled.
 */
public final class LmSaeTraining {
    /** Activation vectors used to estimate the WSAE's per-dimension variance. */
    public static final int VARIANCE_ROWS = 4096;
    private static final int VARIANCE_BATCH = 64;

    /**
     * What to train.
     *
     * @param expansion  d_sae = expansion · d_model
     * @param activation σ (the GUI trains ReLU; the CLI also offers TopK and JumpReLU)
     * @param weighting  {@link Weighting#NONE} (SAE) or {@link Weighting#VARIANCE} (WSAE)
     */
    public record Settings(HookPoint hook, int expansion, Activation activation, double l1, Weighting weighting,
                           double alpha, int steps, int batch, double learningRate, long seed) {
        public Settings {
            Objects.requireNonNull(hook, "hook");
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(weighting, "weighting");
            if (expansion < 1) {
                throw new InvalidInputException("the expansion must be at least 1, got " + expansion);
            }
            if (weighting == Weighting.ORACLE) {
                throw new InvalidInputException("oracle weights need a known W_p: use none (SAE) or variance (WSAE)"
                        + " for a language model");
            }
        }

        /** The SAE configuration for a model of width {@code dModel} (untied, no auxiliary loss). */
        public SaeConfig config(int dModel) {
            return new SaeConfig(dModel, expansion * dModel, activation, l1, weighting, alpha, false, 0,
                    1000, steps, batch, learningRate, seed);
        }
    }

    /** A finished run: the trained model with its configuration, weights and the metrics written beside it. */
    public record Outcome(TrainingResult result, SaeConfig config, WsaeWeights weights, HookPoint hook,
                          Map<String, Object> metrics) {
    }

    private LmSaeTraining() {
    }

    /**
     * Trains on {@code texts} (one model run per text, BOS excluded). Progress: the variance pass (WSAE only) is the
     * first tenth, training the rest; cancellation is checked between activation batches and training steps.
     *
     * @param device the compute device's id recorded in the metrics ("cpu", or what the CLI's --device selected)
     */
    public static Outcome train(Gpt2Model lm, Gpt2Tokenizer tokenizer, List<String> texts, Settings s, String device,
                                TaskMonitor monitor, TrainingListener listener) {
        s.hook().checkAgainst(lm.config().nLayer());
        SaeConfig cfg = s.config(lm.dModel());
        boolean wsae = s.weighting().fromVariance();
        WsaeWeights weights = WsaeWeights.of(s.weighting(), lm.dModel(), s.alpha(),
                () -> variance(new ActivationStream(lm, tokenizer, s.hook(), texts, VARIANCE_BATCH), VARIANCE_ROWS,
                        SubTask.of(monitor, 0, 0.1, "estimating activation variance")), null);
        double from = wsae ? 0.1 : 0;
        TrainingResult result = new SaeTrainer().train(cfg, weights,
                new ActivationStream(lm, tokenizer, s.hook(), texts, s.batch()),
                SubTask.of(monitor, from, 1 - from, "training"), listener);
        return new Outcome(result, cfg, weights, s.hook(), metrics(result, s.hook(), device));
    }

    /** The training texts of a UTF-8 text file: its non-blank lines, stripped (callers word their own errors). */
    public static List<String> readTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                texts.add(line.strip());
            }
        }
        return texts;
    }

    /** Writes the checkpoint folder atomically (nothing is left behind on failure). */
    public static void write(Path out, boolean force, Outcome o, String modelName) {
        AtomicFiles.writeDirectory(out, force, dir -> {
            SaeCheckpoint.writeInto(dir, o.result().model(), modelName, o.hook().name(),
                    TrainingRecord.of(o.config(), o.weights(), null, o.metrics()));
            AtomicFiles.writeString(dir.resolve("metrics.json"), Json.pretty().writeValueAsString(o.metrics()));
        });
    }

    /** Per-dimension population variance over the first {@code rows} activation vectors (Welford). */
    static double[] variance(ActivationStream source, int rows, TaskMonitor monitor) {
        int d = source.inputDim();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        int n = 0;
        while (n < rows) {
            monitor.betweenSteps();
            float[] batch = source.next();
            for (int b = 0; b < source.batch() && n < rows; b++) {
                n++;
                for (int i = 0; i < d; i++) {
                    double v = batch[b * d + i];
                    double delta = v - mean[i];
                    mean[i] += delta / n;
                    m2[i] += delta * (v - mean[i]);
                }
            }
            monitor.report(n / (double) rows, "activation variance: " + n + " of " + rows + " vectors");
        }
        double[] var = new double[d];
        for (int i = 0; i < d; i++) {
            var[i] = m2[i] / rows;
        }
        return var;
    }

    /** The metrics written to {@code metrics.json} and printed by {@code train-lm-sae --json} (a CLI contract). */
    private static Map<String, Object> metrics(TrainingResult r, HookPoint hook, String device) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hookName", hook.name());
        json.put("dIn", r.config().inputDim());
        json.put("dSae", r.config().latents());
        json.put("reconstruction", r.last().reconstruction());
        json.put("meanL0", r.last().meanL0());
        json.put("deadLatents", r.last().deadLatents());
        json.put("samplesPerSecond", r.samplesPerSecond());
        json.put("steps", r.config().steps());
        json.put("device", device);
        json.put("weighting", r.config().weighting().id());
        json.put("alpha", r.config().alpha());
        json.put("weights", r.weights().applied());
        return json;
    }
}
