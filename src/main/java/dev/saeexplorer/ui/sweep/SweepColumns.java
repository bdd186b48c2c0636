package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.experiment.SweepRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The columns of the results table and of its CSV export: every field of a {@link SweepRow}, formatted for people. */
public final class SweepColumns {

    /**
     * One column: its header, the raw value (numbers sort numerically), whether the table shows it before the user
     * asks, its width in the table and a shorter header for the table's narrow column.
     */
    public record Column(String header, Function<SweepRow, Object> value, boolean numeric, boolean shownByDefault,
                         double width, String tableHeader) {
        Column(String header, Function<SweepRow, Object> value, boolean numeric, boolean shownByDefault, double width) {
            this(header, value, numeric, shownByDefault, width, header);
        }

        /** The cell's text: numbers with up to five significant digits, an empty cell for a missing value. */
        public String format(SweepRow row) {
            return SweepColumns.format(value.apply(row));
        }
    }

    public static final List<Column> ALL = List.of(
            new Column("S", SweepRow::sparsity, true, true, 54),
            new Column("Seed", SweepRow::seed, true, true, 56),
            new Column("Model", SweepRow::model, false, true, 68),
            new Column("L_GT", SweepRow::lossGT, true, true, 76),
            new Column("L_GT (x_i > 0)", SweepRow::lossGTNonSparse, true, false, 90),
            new Column("Recon. x_p", SweepRow::reconstructionXp, true, false, 80),
            new Column("Monosemanticity", SweepRow::monosemanticity, true, false, 100),
            new Column("Avg. activated features", SweepRow::avgActivatedFeatures, true, true, 96, "Avg. feat."),
            new Column("Dead latents", SweepRow::deadLatents, true, false, 80),
            new Column("Samples/s", SweepRow::samplesPerSecond, true, false, 90),
            new Column("Steps", SweepRow::steps, true, false, 60),
            new Column("Device", SweepRow::device, false, false, 60),
            new Column("Weighting", SweepRow::weighting, false, false, 80),
            new Column("α", SweepRow::alpha, true, false, 50),
            new Column("Weights γ", SweepRow::weights, false, false, 200));

    private SweepColumns() {
    }

    public static List<String> headers() {
        List<String> h = new ArrayList<>();
        for (Column c : ALL) {
            h.add(c.header());
        }
        return h;
    }

    /** Every row as formatted cells, in column order. */
    public static List<List<String>> cells(List<SweepRow> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (SweepRow r : rows) {
            List<String> line = new ArrayList<>(ALL.size());
            for (Column c : ALL) {
                line.add(c.format(r));
            }
            out.add(line);
        }
        return out;
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof double[]) {
            StringBuilder sb = new StringBuilder();
            for (double v : (double[]) value) {
                sb.append(sb.length() == 0 ? "" : " ").append(number(v));
            }
            return sb.toString();
        }
        return value.toString();
    }

    /** Five significant digits; scientific notation for very small or large magnitudes; empty for NaN/∞. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(5)).stripTrailingZeros().toPlainString();
        return s;
    }
}
