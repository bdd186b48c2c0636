package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.superposition.FeatureStatus;
import dev.saeexplorer.core.superposition.SampleStats;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Monte-Carlo means over S: the losses and the Theorem 4 (and, with Γ, Theorem 5) gap on the left axis, the fractions
 * of active features that shrink or vanish on the right axis (dashed, in their status colours), the current S as a
 * vertical marker. In the chart style's roles: L_SAE is the SAE's blue, L_WSAE the WSAE's orange, L_GT the reference
 * and both gaps theory (dashed grey; Theorem 4's with round points, Theorem 5's with square ones).
 */
final class CurvesChart {
    static final String L_SAE = "L_SAE";
    static final String L_GT = "L_GT";
    static final String GAP_SAE = "Theorem 4 gap (L_SAE − L_GT)";
    static final String L_WSAE = "L_WSAE";
    static final String GAP_WSAE = "Theorem 5 gap (L_WSAE − L_GT)";
    static final String SHRUNK = "fraction shrunk";
    static final String VANISHED = "fraction vanished";
    private static final Shape ROUND = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
    private static final Shape SQUARE = new Rectangle2D.Double(-2.5, -2.5, 5, 5);

    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection fractions = new XYSeriesCollection();
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ValueMarker marker = new ValueMarker(0.5);
    private final TextTitle subtitle = ChartStyle.subtitle("computing…");
    private final XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);

    CurvesChart() {
        NumberAxis s = new NumberAxis("sparsity S (probability that a feature is 0)");
        s.setRange(0, 1);
        NumberAxis lossAxis = new NumberAxis("mean loss per sample (squared error, unitless)");
        lossAxis.setAutoRangeIncludesZero(true);
        NumberAxis fractionAxis = new NumberAxis("fraction of active features (0–1)");
        fractionAxis.setRange(0, 1.02);
        plot = new XYPlot(losses, s, lossAxis, lossRenderer);
        plot.setRangeAxis(1, fractionAxis);
        plot.setDataset(1, fractions);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        XYLineAndShapeRenderer fractionRenderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(1, fractionRenderer);
        style(lossRenderer, 0, ChartStyle.Role.SAE, ROUND);
        style(lossRenderer, 1, ChartStyle.Role.REFERENCE, ROUND);
        style(lossRenderer, 2, ChartStyle.Role.THEORY, ROUND);
        style(lossRenderer, 3, ChartStyle.Role.WSAE, ROUND);
        style(lossRenderer, 4, ChartStyle.Role.THEORY, SQUARE);
        fraction(fractionRenderer, 0, FeatureStatus.SHRUNK);
        fraction(fractionRenderer, 1, FeatureStatus.VANISHED);
        marker.setPaint(ChartStyle.CURSOR);
        marker.setStroke(ChartStyle.CURSOR_LINE);
        marker.setLabelFont(ChartStyle.TICK.deriveFont(Font.BOLD));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(marker);
        chart = new JFreeChart("Monte-Carlo means over sparsity S", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        chart.addSubtitle(subtitle);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    }

    JFreeChart chart() {
        return chart;
    }

    /** Moves the marker at once (the slider's feedback does not wait for the Monte-Carlo). */
    void markSparsity(double s) {
        marker.setValue(s);
        marker.setLabel(String.format(Locale.ROOT, "S = %.2f", s));
    }

    void update(CurveSet c) {
        chart.setNotify(false);
        try {
            losses.removeAllSeries();
            fractions.removeAllSeries();
            losses.addSeries(series(L_SAE, c, SampleStats::lossSAE));
            losses.addSeries(series(L_GT, c, SampleStats::lossGT));
            losses.addSeries(series(ChartStyle.text(GAP_SAE, GAP_SAE.replace('−', '-')), c, SampleStats::gapSAE));
            if (c.gamma() != null) {
                losses.addSeries(series(L_WSAE, c, SampleStats::lossWSAE));
                losses.addSeries(series(ChartStyle.text(GAP_WSAE, GAP_WSAE.replace('−', '-')), c,
                        SampleStats::gapWSAE));
            }
            fractions.addSeries(series(SHRUNK, c, SampleStats::fractionShrunk));
            fractions.addSeries(series(VANISHED, c, SampleStats::fractionVanished));
            markSparsity(c.sparsity());
            NumberFormat f = NumberFormat.getIntegerInstance(Locale.ROOT);
            subtitle.setText(c.preview()
                    ? "preview while dragging: " + f.format(Math.min(c.gridSamples(), c.current().samples()))
                    + " samples per point; full count on release"
                    : f.format(c.gridSamples()) + " samples per point, seed " + c.seed()
                    + "; gap = mean of eᵀ(G − I)e with e = x − x_m".replace("ᵀ", ChartStyle.text("ᵀ", "^T")));
        } finally {
            chart.setNotify(true);
        }
    }

    private static XYSeries series(String name, CurveSet c, Function<SampleStats, Double> metric) {
        XYSeries s = new XYSeries(name, true, false);
        for (SampleStats p : c.points()) {
            Double v = metric.apply(p);
            if (v != null && Double.isFinite(v)) {
                s.add(p.sparsity(), v);
            }
        }
        return s;
    }

    private static void style(XYLineAndShapeRenderer r, int series, ChartStyle.Role role, Shape point) {
        ChartStyle.series(r, series, role);
        r.setSeriesShape(series, point);
    }

    /** A fraction of active features: its status colour, dashed. */
    private static void fraction(XYLineAndShapeRenderer r, int series, FeatureStatus status) {
        r.setSeriesPaint(series, StatusPalette.awt(status));
        r.setSeriesStroke(series, ChartStyle.DASHED);
        r.setSeriesShape(series, ROUND);
    }
}
