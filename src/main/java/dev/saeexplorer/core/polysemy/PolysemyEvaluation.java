package dev.saeexplorer.core.polysemy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SyntheticExperiment;
import dev.saeexplorer.core.pseval.Balance;
import dev.saeexplorer.core.pseval.ContextEncoder;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalRow;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.core.pseval.RandomBaseline;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.HostSaeEncoder;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.SaeTrainer;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.sae.WsaeWeights;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * PS-Eval on the polysemy world. The pairs of {@link PolysemySamples#pairs} become {@link PsEvalRow}s (label known
 * from the senses) and each encoder runs behind {@link PsEvaluation}'s {@link ContextEncoder} seam: the protocol's max
 * feature per context (lowest index on ties, an all-zero vector counts as "different"), the confusion counts and the
 * Table 7 metrics are PsEvaluation's own, with every row evaluated ({@link Balance#NONE}). The random baseline is
 * {@link RandomBaseline#expected} with d_sae = the SAE's latents and the pairs' label counts.
 *
 * <p>Seeds, from the one {@code seed} of {@link Settings}: pairs {@code seed}; training contexts {@code seed + 1}
 * (the SAE and the WSAE see the same stream); the WSAE's variance sample {@code seed + 2}; the SAEs' initialisation
 * {@code seed}. The world's W_p has its own seed.
 */
public final class PolysemyEvaluation {
    /** Contexts used to estimate the per-dimension variance of x_p for the WSAE weights (as the train command). */
    public static final int VARIANCE_SAMPLES = SyntheticExperiment.VARIANCE_SAMPLES;

    /**
     * @param latents d_sae of the trained SAE and WSAE
     * @param steps   Adam steps of each
     * @param batch   contexts per step
     * @param pairs   PS-Eval pairs
     * @param seed    the seed of pairs and training (see the class comment)
     */
    public record Settings(int latents, int steps, int batch, int pairs, long seed) {
        /** Contexts per training step where nothing else is asked for (the world is small). */
        public static final int DEFAULT_BATCH = 256;

        public Settings {
            if (latents < 1) {
                throw InvalidInputException.of(Param.LATENTS, "must be at least 1, got " + latents);
            }
            if (steps < 1) {
                throw InvalidInputException.of(Param.STEPS, "must be at least 1, got " + steps);
            }
            if (batch < 1) {
                throw InvalidInputException.of(Param.BATCH, "must be at least 1, got " + batch);
            }
            if (pairs < 1) {
                throw InvalidInputException.of(Param.PAIRS, "must be at least 1, got " + pairs);
            }
        }

        /** The SAE configuration: the paper's synthetic setting (ReLU, λ = 0.1, untied with biases, Adam lr 1e-3). */
        public SaeConfig saeConfig(int inputDim, Weighting weighting) {
            return new SaeConfig(inputDim, latents, new Activation.Relu(), 0.1, weighting, 1.0, false, 0.0, 1000, steps,
                    batch, 1e-3, seed);
        }
    }

    private PolysemyEvaluation() {
    }

    /** All five encoders. */
    public static PolysemyResult run(PolysemyWorld world, Settings settings, TaskMonitor monitor) {
        return run(world, settings, java.util.EnumSet.allOf(PolysemyEncoder.class), monitor);
    }

    /**
     * The chosen encoders (the trained ones cost the time; tests of the world leave them out). The random baseline
     * needs only the label counts.
     */
    public static PolysemyResult run(PolysemyWorld world, Settings settings, java.util.Set<PolysemyEncoder> encoders,
                                     TaskMonitor monitor) {
        TaskMonitor m = monitor == null ? TaskMonitor.none() : monitor;
        // Every setting is checked before anything runs.
        SaeConfig sae = settings.saeConfig(world.dims(), Weighting.NONE);
        SaeConfig wsae = settings.saeConfig(world.dims(), Weighting.VARIANCE);
        List<PolysemyPair> pairs = PolysemySamples.pairs(world, settings.pairs(), settings.seed());
        long same = pairs.stream().filter(p -> p.label() == 1).count();
        Map<PolysemyEncoder, PolysemyResult.Score> results = new EnumMap<>(PolysemyEncoder.class);
        // Training is where the time goes: each trained encoder fills an equal stretch of the progress.
        long trainedCount = encoders.stream().filter(e -> e == PolysemyEncoder.SAE || e == PolysemyEncoder.WSAE).count();
        double share = trainedCount == 0 ? 0 : 1.0 / trainedCount;
        double done = 0;
        for (PolysemyEncoder e : PolysemyEncoder.values()) {
            if (!encoders.contains(e)) {
                continue;
            }
            m.checkCancelled();
            TaskMonitor part = SubTask.of(m, done, share, e == PolysemyEncoder.SAE ? "SAE" : "WSAE");
            Function<double[], float[]> features = switch (e) {
                case SAE -> trained(world, sae, settings, part);
                case WSAE -> trained(world, wsae, settings, part);
                case CLOSED_FORM -> x -> closedForm(world, x);
                case ORACLE -> PolysemyEvaluation::toFloat;
                case RANDOM -> null;
            };
            if (e == PolysemyEncoder.SAE || e == PolysemyEncoder.WSAE) {
                done += share;
            }
            results.put(e, features == null
                    ? new PolysemyResult.Score(null, RandomBaseline.expected(settings.latents(), same, pairs.size() - same))
                    : score(pairs, features));
        }
        return new PolysemyResult(pairs.size(), same, results);
    }

    /** f = ReLU(W_pᵀ x_p), x_p = W_p x. */
    static float[] closedForm(PolysemyWorld world, double[] x) {
        double[] pre = world.transposeTimes(world.observe(x));
        float[] f = new float[pre.length];
        for (int i = 0; i < pre.length; i++) {
            f[i] = (float) Math.max(0.0, pre[i]);
        }
        return f;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Trains on random contexts and returns the SAE's features of a context's x_p. */
    private static Function<double[], float[]> trained(PolysemyWorld world, SaeConfig cfg, Settings settings,
                                                       TaskMonitor monitor) {
        WsaeWeights weights = WsaeWeights.of(cfg.weighting(), cfg.inputDim(), cfg.alpha(),
                () -> PolysemySamples.inputVariance(world, VARIANCE_SAMPLES, settings.seed() + 2), null);
        var model = new SaeTrainer().train(cfg, weights,
                PolysemySamples.batches(world, cfg.batch(), settings.seed() + 1), monitor, TrainingListener.NONE).model();
        HostSaeEncoder encoder = HostSaeEncoder.of(model);
        return x -> encoder.encode(new float[][] {toFloat(world.observe(x))})[0];
    }

    /** The PS-Eval protocol over the pairs, with {@code features} as the context encoder. */
    static PolysemyResult.Score score(List<PolysemyPair> pairs, Function<double[], float[]> features) {
        List<PsEvalRow> rows = new ArrayList<>(pairs.size());
        Map<String, double[]> contexts = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            PolysemyPair p = pairs.get(i);
            String c1 = "context " + (2 * i);
            String c2 = "context " + (2 * i + 1);
            contexts.put(c1, p.x1());
            contexts.put(c2, p.x2());
            rows.add(PsEvalRow.of("pair " + i, "word " + p.word(), p.label(), c1, c2));
        }
        ContextEncoder encoder = (prompt, targetWord) -> {
            double[] x = contexts.get(prompt);
            if (x == null) {
                throw new IllegalStateException("no context named " + prompt);
            }
            return ContextEncoder.Result.of(features.apply(x), null);
        };
        PsEvalResult r = PsEvaluation.run(rows, encoder,
                new PsEvaluation.Options(Balance.NONE, new PromptTemplate("{context}"), null), TaskMonitor.none());
        return new PolysemyResult.Score(r.counts(), r.metrics());
    }
}
