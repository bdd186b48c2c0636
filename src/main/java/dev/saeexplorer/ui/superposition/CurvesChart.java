package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.SampleStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
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
 * vertical marker.
 */
final class CurvesChart {
    static final String L_SAE = "L_SAE";
    static final String L_GT = "L_GT";
    static final String GAP_SAE = "Theorem 4 gap (L_SAE − L_GT)";
    static final String L_WSAE = "L_WSAE";
    static final String GAP_WSAE = "Theorem 5 gap (L_WSAE − L_GT)";
    static final String SHRUNK = "fraction shrunk";
    static final String VANISHED = "fraction vanished";

    private final XYSeriesCollection losses = new XYSeriesCollection();
    private final XYSeriesCollection fractions = new XYSeriesCollection();
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ValueMarker marker = new ValueMarker(0.5);
    private final TextTitle subtitle = new TextTitle("computing…");
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
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        style(lossRenderer, 0, new Color(0x1f77b4), false);
        style(lossRenderer, 1, new Color(0x333333), false);
        style(lossRenderer, 2, new Color(0x2ca02c), false);
        style(lossRenderer, 3, new Color(0x8c564b), false);
        style(lossRenderer, 4, new Color(0x9467bd), false);
        style(fractionRenderer, 0, StatusPalette.awt(dev.saeexplorer.core.superposition.FeatureStatus.SHRUNK), true);
        style(fractionRenderer, 1, StatusPalette.awt(dev.saeexplorer.core.superposition.FeatureStatus.VANISHED),
                true);
        marker.setPaint(new Color(0x555555));
        marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3},
                0));
        marker.setLabelFont(ChartText.font(Font.BOLD, 11));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(marker);
        chart = new JFreeChart("Monte-Carlo means over sparsity S", ChartText.font(Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        subtitle.setFont(ChartText.font(Font.PLAIN, 11));
        chart.addSubtitle(subtitle);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setItemFont(ChartText.font(Font.PLAIN, 11));
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
            losses.addSeries(series(ChartText.pick(GAP_SAE, GAP_SAE.replace('−', '-')), c, SampleStats::gapSAE));
            if (c.gamma() != null) {
                losses.addSeries(series(L_WSAE, c, SampleStats::lossWSAE));
                losses.addSeries(series(ChartText.pick(GAP_WSAE, GAP_WSAE.replace('−', '-')), c,
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
                    + "; gap = mean of eᵀ(G − I)e with e = x − x_m".replace("ᵀ", ChartText.pick("ᵀ", "^T")));
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

    private static void style(XYLineAndShapeRenderer r, int series, Color color, boolean dashed) {
        r.setSeriesPaint(series, color);
        r.setSeriesStroke(series, dashed
                ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0)
                : new BasicStroke(2f));
        r.setSeriesShape(series, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
}
