package dev.saeexplorer.charts;

import dev.saeexplorer.core.experiment.SweepRow;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The paper's synthetic-data figures (section 5.1: Figure 2 and Figure 3 (a)–(d)) as JFreeChart charts built from sweep
 * rows. Each chart is an XY line chart over the sparsity S with one series per model (SAE first, then WSAE, then any
 * other model name in alphabetical order); a point is the mean over the seeds of that (S, model) cell and its error bar
 * spans ±1 sample standard deviation (n − 1 in the denominator; 0 for a single seed). Null and non-finite metric values
 * are skipped, so a cell whose values are all missing has no point.
 *
 * <p>Colours, lines and fonts come from {@link ChartStyle}: the SAE blue, the WSAE orange, as in every other chart.
 * AWT and JFreeChart only: the desktop UI wraps these charts in a ChartViewer, {@link ChartExport} writes them to PNG
 * or SVG. Building a chart does not touch the AWT toolkit.
 */
public final class SweepCharts {
    public static final String SAE = "SAE";
    public static final String WSAE = "WSAE";

    /** File stems of {@link #all}, in figure order. */
    public static final String FIGURE_2 = "figure2-avg-activated-features";
    public static final String FIGURE_3A = "figure3a-loss-gt";
    public static final String FIGURE_3B = "figure3b-loss-gt-nonsparse";
    public static final String FIGURE_3C = "figure3c-reconstruction-xp";
    public static final String FIGURE_3D = "figure3d-monosemanticity";

    static final String X_LABEL = "Sparsity S (probability a feature is 0)";

    private SweepCharts() {
    }

    /** Figure 2: the average number of ground-truth features that activate a latent (paper B.3), against S. */
    public static JFreeChart figure2AverageActivatedFeatures(List<SweepRow> rows) {
        return chart("Figure 2: average activated features per latent",
                "Lower is more monosemantic (paper B.3)",
                "Avg. activated features per latent", rows, SweepRow::avgActivatedFeatures);
    }

    /** Figure 3(a): L_GT, the ground-truth reconstruction error through the latent–feature matching. */
    public static JFreeChart figure3aLossGT(List<SweepRow> rows) {
        return chart("Figure 3(a): ground-truth reconstruction",
                "Lower is better",
                ChartStyle.text("L_GT = E‖x − P f(x_p)‖²", "L_GT = E||x - P f(x_p)||^2"), rows, r -> r.lossGT());
    }

    /** Figure 3(b): L_GT restricted to the coordinates where the ground truth is non-zero (x_i > 0). */
    public static JFreeChart figure3bLossGTNonSparse(List<SweepRow> rows) {
        return chart("Figure 3(b): L_GT on non-sparse dimensions",
                "Squared error over coordinates with x_i > 0; lower is better",
                "L_GT restricted to x_i > 0", rows, SweepRow::lossGTNonSparse);
    }

    /** Figure 3(c): the reconstruction error of the polysemantic input x_p. */
    public static JFreeChart figure3cReconstruction(List<SweepRow> rows) {
        return chart("Figure 3(c): reconstruction of the polysemantic input x_p",
                "Lower is better",
                ChartStyle.text("Reconstruction error E‖x_p − x̂_p‖²", "Reconstruction error E||x_p - x^_p||^2"), rows,
                r -> r.reconstructionXp());
    }

    /** Figure 3(d): monosemanticity as the mean per-latent activation variance. */
    public static JFreeChart figure3dMonosemanticity(List<SweepRow> rows) {
        return chart("Figure 3(d): monosemanticity",
                "Mean activation variance of alive latents; higher is more monosemantic",
                "Activation variance per latent", rows, SweepRow::monosemanticity);
    }

    /** Every figure, keyed by the file stem it is exported under, in figure order. */
    public static Map<String, JFreeChart> all(List<SweepRow> rows) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put(FIGURE_2, figure2AverageActivatedFeatures(rows));
        charts.put(FIGURE_3A, figure3aLossGT(rows));
        charts.put(FIGURE_3B, figure3bLossGTNonSparse(rows));
        charts.put(FIGURE_3C, figure3cReconstruction(rows));
        charts.put(FIGURE_3D, figure3dMonosemanticity(rows));
        return charts;
    }

    /**
     * The chart data: one series per model (SAE, WSAE, then others alphabetically; a model appears when any row has
     * it, even if all its values of this metric are missing), one item per sparsity with y = mean over seeds and
     * [yLow, yHigh] = mean ∓ sample standard deviation.
     */
    public static YIntervalSeriesCollection dataset(List<SweepRow> rows, Function<SweepRow, Double> metric) {
        Map<String, TreeMap<Double, List<Double>>> byModel = new LinkedHashMap<>();
        for (String model : orderedModels(rows)) {
            byModel.put(model, new TreeMap<>());
        }
        for (SweepRow r : rows) {
            Double v = metric.apply(r);
            if (v == null || !Double.isFinite(v) || !Double.isFinite(r.sparsity())) {
                continue;
            }
            byModel.get(modelName(r)).computeIfAbsent(r.sparsity(), s -> new ArrayList<>()).add(v);
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> e : byModel.entrySet()) {
            YIntervalSeries series = new YIntervalSeries(e.getKey(), true, false);
            for (Map.Entry<Double, List<Double>> cell : e.getValue().entrySet()) {
                double mean = mean(cell.getValue());
                double sd = sampleStd(cell.getValue(), mean);
                series.add(cell.getKey(), mean, mean - sd, mean + sd);
            }
            dataset.addSeries(series);
        }
        return dataset;
    }

    static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }

    /** Sample standard deviation (n − 1); 0 for fewer than two values. */
    static double sampleStd(List<Double> values, double mean) {
        if (values.size() < 2) {
            return 0;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (values.size() - 1));
    }

    private static List<String> orderedModels(List<SweepRow> rows) {
        Set<String> present = new TreeSet<>();
        for (SweepRow r : rows) {
            present.add(modelName(r));
        }
        List<String> ordered = new ArrayList<>();
        for (String known : List.of(SAE, WSAE)) {
            if (present.remove(known)) {
                ordered.add(known);
            }
        }
        ordered.addAll(present);
        return ordered;
    }

    private static String modelName(SweepRow r) {
        return r.model() == null || r.model().isBlank() ? "(unnamed)" : r.model().trim();
    }

    private static int seedCount(List<SweepRow> rows) {
        Set<Long> seeds = new TreeSet<>();
        for (SweepRow r : rows) {
            seeds.add(r.seed());
        }
        return seeds.size();
    }

    private static JFreeChart chart(String title, String meaning, String yLabel, List<SweepRow> rows,
                                    Function<SweepRow, Double> metric) {
        YIntervalSeriesCollection dataset = dataset(rows, metric);

        NumberAxis x = new NumberAxis(X_LABEL);
        x.setRange(-0.03, 1.03);
        x.setTickUnit(new NumberTickUnit(0.1, new java.text.DecimalFormat("0.0",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(1e-9);

        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(true);
        renderer.setCapLength(8.0);
        renderer.setErrorStroke(ChartStyle.ERROR_BAR);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setDefaultShapesFilled(true);
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(true);
        renderer.setDefaultOutlinePaint(ChartStyle.BACKGROUND);
        renderer.setDefaultOutlineStroke(ChartStyle.HAIRLINE);
        int other = 0;
        for (int s = 0; s < dataset.getSeriesCount(); s++) {
            String name = String.valueOf(dataset.getSeriesKey(s));
            Paint paint = SAE.equals(name) ? ChartStyle.Role.SAE.colour()
                    : WSAE.equals(name) ? ChartStyle.Role.WSAE.colour() : ChartStyle.other(other++);
            renderer.setSeriesPaint(s, paint);
            renderer.setSeriesStroke(s, ChartStyle.FIGURE_LINE);
            renderer.setSeriesShape(s, shape(s));
        }

        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setNoDataMessage("No values for this figure in the sweep");

        JFreeChart chart = new JFreeChart(title, ChartStyle.FIGURE_TITLE, plot, true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        int seeds = seedCount(rows);
        TextTitle sub = new TextTitle(meaning + ". Mean ± 1 standard deviation over " + seeds + (seeds == 1 ? " seed." : " seeds."));
        sub.setPadding(new RectangleInsets(2, 4, 6, 4));
        chart.addSubtitle(sub);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setHorizontalAlignment(HorizontalAlignment.CENTER);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
        ChartStyle.applyFigure(chart);
        return chart;
    }

    private static Shape shape(int series) {
        double r = 4.5;
        if (series % 2 == 0) {
            return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
        }
        return new Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /** The names of the series of a chart built here, in order (for tests and the UI's legends). */
    static List<String> seriesNames(JFreeChart chart) {
        YIntervalSeriesCollection d = (YIntervalSeriesCollection) chart.getXYPlot().getDataset();
        List<String> names = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            names.add(String.valueOf(d.getSeriesKey(s)));
        }
        return Collections.unmodifiableList(names);
    }
}
