package dev.saeexplorer.ui.training;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** One line of the SAE-vs-WSAE metrics table, cells already formatted. */
public record MetricRow(String metric, String sae, String wsae, String better) {
    static final List<String> COLUMNS = List.of("Metric", "SAE", "WSAE", "Better");

    /** The table for a finished run: the MATH.md metrics, then the training figures. */
    static List<MetricRow> of(LabOutcome o) {
        return List.of(
                row(o, "L_GT", m -> m.metrics().lossGT(), "lower"),
                row(o, "L_GT non-sparse", m -> m.metrics().lossGTNonSparse(), "lower"),
                row(o, "x_p reconstruction", m -> m.metrics().reconstructionXp(), "lower"),
                row(o, "Monosemanticity", m -> m.metrics().monosemanticity(), "higher"),
                row(o, "Avg. activated features", m -> m.metrics().avgActivatedFeatures(), "lower"),
                new MetricRow("Dead latents", String.valueOf(o.sae().metrics().deadLatents()),
                        String.valueOf(o.wsae().metrics().deadLatents()), "fewer"),
                row(o, "Mean cos(W_m, W_p)", ModelOutcome::meanMatchedCosine, "higher"),
                new MetricRow("WSAE weights γ, range", gammaRange(o.sae()), gammaRange(o.wsae()), "—"),
                row(o, "Samples per second", m -> m.result().training().samplesPerSecond(), "higher"));
    }

    private static MetricRow row(LabOutcome o, String name, Function<ModelOutcome, Double> value, String better) {
        return new MetricRow(name, format(value.apply(o.sae())), format(value.apply(o.wsae())), better);
    }

    /** The spread of Γ: near 1 – 1 the WSAE is the SAE, whatever α, which explains equal metrics. */
    private static String gammaRange(ModelOutcome m) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double g : m.result().training().weights().applied()) {
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        return String.format(Locale.ROOT, "%.3g–%.3g", min, max);
    }

    /** Four significant digits; "—" where the core reports no value (e.g. no alive latent). */
    static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "—";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : "%.4g", v);
    }

    List<String> cells() {
        return List.of(metric, sae, wsae, better);
    }
}
