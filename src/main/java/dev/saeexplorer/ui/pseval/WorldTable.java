package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.polysemy.PolysemyEncoder;
import dev.saeexplorer.core.polysemy.PolysemyResult;
import dev.saeexplorer.core.pseval.ConfusionMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The polysemy world's results as rows, the five encoders side by side: the confusion counts, then PS-Eval's Table 7
 * metrics ({@link Table7.Metric}, named and defined as everywhere in the browser).
 */
final class WorldTable {
    /** One row: a count or a metric, its definition and each encoder's value as shown. */
    record Row(String label, String definition, Map<PolysemyEncoder, String> cells) {
        List<String> cells(List<PolysemyEncoder> encoders) {
            List<String> c = new ArrayList<>(List.of(label));
            encoders.forEach(e -> c.add(cells.getOrDefault(e, "")));
            return c;
        }
    }

    /** The confusion counts, in the order of the CLI's table. */
    private enum Count {
        TP("TP", "Same sense, same max feature", ConfusionMetrics::tp),
        FP("FP", "Different senses, same max feature", ConfusionMetrics::fp),
        TN("TN", "Different senses, different max features", ConfusionMetrics::tn),
        FN("FN", "Same sense, different max features", ConfusionMetrics::fn);

        private final String label;
        private final String definition;
        private final Function<ConfusionMetrics, Double> value;

        Count(String label, String definition, Function<ConfusionMetrics, Double> value) {
            this.label = label;
            this.definition = definition;
            this.value = value;
        }
    }

    private WorldTable() {
    }

    static List<Row> rows(PolysemyResult r) {
        List<Row> rows = new ArrayList<>();
        for (Count c : Count.values()) {
            rows.add(row(r, c.label, c.definition + " (the random SAE's are expected counts)",
                    m -> count(c.value.apply(m))));
        }
        for (Table7.Metric m : Table7.Metric.values()) {
            rows.add(row(r, m.label(), m.definition(), metrics -> Table7.number(m.of(metrics))));
        }
        return rows;
    }

    private static Row row(PolysemyResult r, String label, String definition,
                           Function<ConfusionMetrics, String> cell) {
        Map<PolysemyEncoder, String> cells = new EnumMap<>(PolysemyEncoder.class);
        r.results().forEach((encoder, score) -> cells.put(encoder, cell.apply(score.metrics())));
        return new Row(label, definition, cells);
    }

    /** A whole count with grouping; the random baseline's expectation with one decimal. */
    static String count(double c) {
        return c == Math.rint(c) ? String.format(Locale.ROOT, "%,d", (long) c) : String.format(Locale.ROOT, "%,.1f", c);
    }

    /** The column header of an encoder. */
    static String header(PolysemyEncoder e) {
        return switch (e) {
            case SAE -> "SAE";
            case WSAE -> "WSAE";
            case CLOSED_FORM -> "Closed form";
            case ORACLE -> "Oracle";
            case RANDOM -> "Random SAE";
        };
    }

    /** What an encoder is, for its header's tooltip. */
    static String description(PolysemyEncoder e) {
        return switch (e) {
            case SAE -> "An SAE trained on the world's observations x_p = W_p x.";
            case WSAE -> "The same with the WSAE's variance weights (α = 1).";
            case CLOSED_FORM -> "The closed-form SAE f = ReLU(W_pᵀ x_p): W_m = W_pᵀ, no training.";
            case ORACLE -> "Reads the true features x themselves: what the max-feature protocol can do at best.";
            case RANDOM -> "A random SAE of the same width: expected counts of a max feature uniform over the latents.";
        };
    }

    static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("Metric"));
        for (PolysemyEncoder e : PolysemyEncoder.values()) {
            c.add(header(e));
        }
        return c;
    }
}
