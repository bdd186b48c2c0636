package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.SpliceMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.checkpoint.CheckpointFormat;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.CheckpointStats;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.io.checkpoint.SparsityFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration table: what a checkpoint's files say (format, sizes, activation, hook, the project's training
 * record) and its weight statistics, with A and B side by side when comparing.
 */
final class ConfigRows {
    private ConfigRows() {
    }

    /** The rows of A and B, then A's (and B's) spliced metrics when the model has run with them. */
    static List<ConfigRow> of(InspectedCheckpoint a, InspectedCheckpoint b, SpliceMetrics.Result splicedA,
                              SpliceMetrics.Result splicedB) {
        List<ConfigRow> rows = new ArrayList<>(of(a, b));
        if (a != null && splicedA != null) {
            for (ProbePane.MetricRow m : ProbePane.rows(splicedA, splicedB)) {
                rows.add(new ConfigRow("Spliced: " + m.metric(), m.value(), b == null ? "" : m.valueB().isEmpty()
                        ? "—" : m.valueB()));
            }
        }
        return rows;
    }

    static List<ConfigRow> of(InspectedCheckpoint a, InspectedCheckpoint b) {
        Map<String, String> left = a == null ? Map.of() : describe(a);
        Map<String, String> right = b == null ? Map.of() : describe(b);
        List<String> keys = new ArrayList<>(left.keySet());
        right.keySet().stream().filter(k -> !left.containsKey(k)).forEach(keys::add);
        List<ConfigRow> rows = new ArrayList<>();
        for (String k : keys) {
            rows.add(new ConfigRow(k, left.getOrDefault(k, "—"), b == null ? "" : right.getOrDefault(k, "—")));
        }
        return rows;
    }

    static Map<String, String> describe(InspectedCheckpoint ic) {
        LoadedCheckpoint c = ic.checkpoint();
        CheckpointStats s = ic.stats();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Source", ic.source().label());
        m.put("Format", format(c.format()));
        m.put("d_in", Integer.toString(c.dIn()));
        m.put("d_sae", c.dSae() + (c.dSae() % c.dIn() == 0 ? " (" + c.dSae() / c.dIn() + " × d_in)" : ""));
        m.put("Architecture", c.architecture());
        m.put("Activation", c.model().activation().describe());
        c.model().activation().latentThresholds(c.dSae()).ifPresent(t -> {
            double min = Arrays.stream(t).min().orElse(0);
            double max = Arrays.stream(t).max().orElse(0);
            if (min < max) {
                m.put("Per-feature thresholds", number(min) + " – " + number(max));
            }
        });
        m.put("Hook", c.hookName() == null ? "not given" : c.hookName()
                + (c.hookLayer() == null ? "" : " (layer " + c.hookLayer() + ")"));
        m.put("Model", c.modelName() == null ? "not given" : c.modelName());
        m.put("apply_b_dec_to_input", Boolean.toString(c.applyBDecToInput()));
        m.put("Stored dtype", c.dtype());
        m.put("Decoder norm min / mean / max", summary(s.decoderNorm()));
        m.put("Enc/dec cosine min / mean / max", summary(s.encoderDecoderCosine()));
        m.put("Features with a zero vector", Integer.toString(s.zeroVectorLatents()));
        if (ic.hasDensity()) {
            m.put("Dead features (density ≤ 1e" + (int) SparsityFile.DEAD_LOG10 + ")",
                    percent(s.deadFraction()));
            m.put("Median log10 density", number(median(ic.log10Density())));
        } else {
            m.put("Activation density", ic.densityProblem() != null ? "unusable: " + ic.densityProblem()
                    : "no " + SparsityFile.NAME + " next to the weights");
        }
        record(c.config().path(CheckpointLoader.RECORD_KEY), m);
        for (int i = 0; i < c.inferred().size(); i++) {
            m.put("How it was read " + (i + 1), c.inferred().get(i));
        }
        for (int i = 0; i < c.notes().size(); i++) {
            m.put("Loader note " + (i + 1), c.notes().get(i));
        }
        return m;
    }

    /** The project's own training record (WSAE α, λ, sparsity, seed, metrics), when the checkpoint has one. */
    private static void record(JsonNode record, Map<String, String> m) {
        if (!record.isObject()) {
            return;
        }
        record.fields().forEachRemaining(e -> {
            if (e.getKey().equals("metrics") && e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(x -> {
                    if (!record.has(x.getKey())) {
                        put(m, "Training metric " + x.getKey(), x.getValue());
                    }
                });
            } else if (!e.getKey().equals("formatVersion")) {
                put(m, "Training " + e.getKey(), e.getValue());
            }
        });
    }

    private static void put(Map<String, String> m, String key, JsonNode v) {
        if (v.isNull()) {
            return;
        }
        if (v.isArray()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (JsonNode x : v) {
                min = Math.min(min, x.asDouble());
                max = Math.max(max, x.asDouble());
            }
            m.put(key, v.size() == 0 ? "none" : v.size() + " values, " + number(min) + " – " + number(max));
        } else if (v.isNumber()) {
            m.put(key, v.isIntegralNumber() ? v.asText() : number(v.asDouble()));
        } else if (v.isValueNode()) {
            m.put(key, v.asText());
        }
    }

    static String format(CheckpointFormat f) {
        return switch (f) {
            case SAELENS -> "SAELens ≥ 6";
            case SAELENS_LEGACY -> "SAELens < 6";
            case SPARSIFY -> "EleutherAI sparsify";
            case OPENAI -> "OpenAI sparse_autoencoder";
            case DICTIONARY_LEARNING -> "dictionary_learning";
            case GEMMA_SCOPE -> "Gemma Scope";
            case LLAMA_SCOPE -> "Llama Scope";
        };
    }

    private static String summary(CheckpointStats.Summary s) {
        if (s.mean() == null) {
            return "none";
        }
        return number(s.min()) + " / " + number(s.mean()) + " / " + number(s.max());
    }

    static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String percent(Double fraction) {
        return fraction == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** Four significant digits; the table is for reading, the CSV export keeps the same text. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
