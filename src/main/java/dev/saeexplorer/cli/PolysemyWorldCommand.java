package dev.saeexplorer.cli;

import dev.saeexplorer.core.polysemy.PolysemyEncoder;
import dev.saeexplorer.core.polysemy.PolysemyEvaluation;
import dev.saeexplorer.core.polysemy.PolysemyResult;
import dev.saeexplorer.core.polysemy.PolysemyWorld;
import dev.saeexplorer.core.pseval.ConfusionMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "polysemy-world", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "PS-Eval on a synthetic language of polysemous words in superposition: an SAE, a WSAE, the "
                + "closed-form SAE, the true features and the random baseline (core.polysemy.PolysemyWorld).")
public final class PolysemyWorldCommand implements Callable<Integer> {
    /** Contexts per training step (not a flag: the world is small). */
    static final int BATCH = PolysemyEvaluation.Settings.DEFAULT_BATCH;

    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--words", defaultValue = "20", description = "W, polysemous words (default: ${DEFAULT-VALUE}).")
    int words;

    @Option(names = "--senses", defaultValue = "2", description = "K ≥ 2 senses per word (default: ${DEFAULT-VALUE}).")
    int senses;

    @Option(names = "--background", defaultValue = "20", description = "B background features (default: ${DEFAULT-VALUE}).")
    int background;

    @Option(names = "--dims", defaultValue = "40", description = "n_p, dimensions the n = W + W·K + B features are superposed into (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--sparsity", defaultValue = "0.9", description = "S in [0, 1): a background feature is active with probability 1 − S (default: ${DEFAULT-VALUE}).")
    double sparsity;

    @Option(names = "--sense-strength", defaultValue = "1", description = "R > 0, the sense feature's value; the word feature's is 1 (default: ${DEFAULT-VALUE}).")
    double senseStrength;

    @Option(names = "--latents", description = "SAE and WSAE latents (default: n, the number of true features).")
    Integer latents;

    @Option(names = "--steps", defaultValue = "2000", description = "Adam steps of the SAE and of the WSAE, " + BATCH + " contexts each (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--pairs", defaultValue = "1000", description = "PS-Eval pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of W_p, the pairs and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    public PolysemyWorldCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        PolysemyWorld world = new PolysemyWorld(words, senses, background, dims, sparsity, senseStrength, seed);
        PolysemyEvaluation.Settings settings = new PolysemyEvaluation.Settings(
                latents == null ? world.features() : latents, steps, BATCH, pairs, seed);
        PolysemyResult result = PolysemyEvaluation.run(world, settings, ctx.monitor());
        if (common.json) {
            ctx.printJson(toJson(result));
        } else {
            printTable(world, settings, result);
        }
        return Cli.OK;
    }

    static Map<String, Object> toJson(PolysemyResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pairs", r.pairs());
        Map<String, Object> results = new LinkedHashMap<>();
        for (Map.Entry<PolysemyEncoder, PolysemyResult.Score> e : r.results().entrySet()) {
            PolysemyResult.Score s = e.getValue();
            ConfusionMetrics m = s.metrics();
            Map<String, Object> counts = new LinkedHashMap<>();
            // The random baseline's counts are expectations, so fractional; the others are whole numbers.
            counts.put("tp", s.counts() == null ? (Object) m.tp() : (Object) s.counts().tp());
            counts.put("fp", s.counts() == null ? (Object) m.fp() : (Object) s.counts().fp());
            counts.put("tn", s.counts() == null ? (Object) m.tn() : (Object) s.counts().tn());
            counts.put("fn", s.counts() == null ? (Object) m.fn() : (Object) s.counts().fn());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("counts", counts);
            one.put("metrics", PsEvalCommand.metrics(m));
            results.put(e.getKey().id(), one);
        }
        json.put("results", results);
        return json;
    }

    private void printTable(PolysemyWorld world, PolysemyEvaluation.Settings settings, PolysemyResult r) {
        var o = ctx.out();
        o.printf(Locale.ROOT, "n = %d features (W %d, K %d, B %d) in n_p = %d dimensions%s; %d latents, %d steps%n",
                world.features(), world.words(), world.senses(), world.background(), world.dims(),
                world.superposed() ? " (superposed)" : " (orthonormal, no superposition)", settings.latents(),
                settings.steps());
        o.printf(Locale.ROOT, "%d pairs, %d with the same sense%n", r.pairs(), r.same());
        o.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %10s %10s %10s %10s %12s %10s%n", "encoder", "TP", "FP", "TN", "FN",
                "accuracy", "precision", "recall", "F1", "specificity", "Avg F1");
        for (Map.Entry<PolysemyEncoder, PolysemyResult.Score> e : r.results().entrySet()) {
            ConfusionMetrics m = e.getValue().metrics();
            o.printf(Locale.ROOT, "%-11s %8s %8s %8s %8s %10s %10s %10s %10s %12s %10s%n", e.getKey().id(),
                    count(m.tp()), count(m.fp()), count(m.tn()), count(m.fn()), Tables.number(m.accuracy()),
                    Tables.number(m.precision()), Tables.number(m.recall()), Tables.number(m.f1()),
                    Tables.number(m.specificity()), Tables.number(m.averageF1()));
        }
        o.println("random: expected counts of a max feature uniform over the latents");
    }

    private static String count(double c) {
        return c == Math.rint(c) ? String.format(Locale.ROOT, "%d", (long) c) : String.format(Locale.ROOT, "%.1f", c);
    }
}
