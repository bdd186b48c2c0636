package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.ConfusionMetrics;
import dev.saeexplorer.core.pseval.PsEvalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** PS-Eval's Table 7 metrics as rows: each checkpoint beside the random-SAE baseline of its width. */
final class Table7 {
    /** One metric with its definition (design/MATH.md). */
    enum Metric {
        ACCURACY("Accuracy", "(TP + TN) / all pairs", ConfusionMetrics::accuracy),
        PRECISION("Precision", "TP / (TP + FP)", ConfusionMetrics::precision),
        RECALL("Recall", "TP / (TP + FN)", ConfusionMetrics::recall),
        F1("S-F1", "2·Recall·Precision / (Recall + Precision)", ConfusionMetrics::f1),
        SPECIFICITY("Specificity", "TN / (TN + FP)", ConfusionMetrics::specificity),
        SENSITIVITY("Sensitivity", "TN / (TN + FN), as the PS-Eval paper defines it", ConfusionMetrics::sensitivity),
        D_F1("D-F1", "2·Specificity·Sensitivity / (Specificity + Sensitivity)", ConfusionMetrics::dF1),
        AVERAGE_F1("Average F1", "(S-F1 + D-F1) / 2", ConfusionMetrics::averageF1);

        private final String label;
        private final String definition;
        private final Function<ConfusionMetrics, Double> value;

        Metric(String label, String definition, Function<ConfusionMetrics, Double> value) {
            this.label = label;
            this.definition = definition;
            this.value = value;
        }

        String label() {
            return label;
        }

        String definition() {
            return definition;
        }

        Double of(ConfusionMetrics m) {
            return m == null ? null : value.apply(m);
        }
    }

    /** A metric's row; values are null where undefined (a zero denominator) or absent (no B). */
    record Row(Metric metric, Double a, Double randomA, Double b, Double randomB) {
        List<String> cells(boolean compare) {
            List<String> c = new ArrayList<>(List.of(metric.label(), number(a), number(randomA)));
            if (compare) {
                c.add(number(b));
                c.add(number(randomB));
            }
            return c;
        }
    }

    private Table7() {
    }

    static List<Row> rows(PsEvalResult a, PsEvalResult b) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            rows.add(new Row(m, m.of(a.metrics()), m.of(a.baseline()), b == null ? null : m.of(b.metrics()),
                    b == null ? null : m.of(b.baseline())));
        }
        return rows;
    }

    static List<String> columns(String nameA, String nameB) {
        List<String> c = new ArrayList<>(List.of("Metric", nameA, "Random SAE" + (nameB == null ? "" : " (A)")));
        if (nameB != null) {
            c.add(nameB);
            c.add("Random SAE (B)");
        }
        return c;
    }

    /**
     * Three decimals, or two significant digits for a small non-zero value (a random baseline's 1/d_sae would read as
     * 0.000); "—" for a metric whose denominator is zero (never 0 or NaN).
     */
    static String number(Double v) {
        if (v == null) {
            return "—";
        }
        return v != 0 && Math.abs(v) < 0.0005 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
