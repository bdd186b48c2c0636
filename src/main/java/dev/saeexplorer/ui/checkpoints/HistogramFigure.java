package dev.saeexplorer.ui.checkpoints;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** One distribution as a histogram: A's bars, and B's overlaid (translucent) when comparing. */
final class HistogramFigure {
    private final Distribution distribution;
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final XYBarRenderer renderer = new XYBarRenderer(0.08);
    private final JFreeChart chart;

    HistogramFigure(Distribution distribution) {
        this.distribution = distribution;
        NumberAxis x = new NumberAxis(distribution.axis());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("features");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setNoDataMessage("nothing to draw");
        plot.setNoDataMessageFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.ITALIC, 12));
        plot.setNoDataMessagePaint(java.awt.Color.GRAY);
        chart = new JFreeChart(distribution.title(), InspectorChartStyle.TITLE, plot, true);
        InspectorChartStyle.apply(chart);
    }

    JFreeChart chart() {
        return chart;
    }

    Distribution distribution() {
        return distribution;
    }

    /** Shows {@code p}, naming the series after the checkpoints. */
    void show(HistogramPair p, String nameA, String nameB) {
        data.removeAllSeries();
        int series = 0;
        if (p.a() != null) {
            data.addSeries(series("A: " + nameA, p.a()));
            renderer.setSeriesPaint(series++, p.b() == null ? InspectorChartStyle.A : InspectorChartStyle.A_TRANSLUCENT);
        }
        if (p.b() != null) {
            data.addSeries(series("B: " + nameB, p.b()));
            renderer.setSeriesPaint(series, InspectorChartStyle.B_TRANSLUCENT);
        }
        chart.getLegend().setVisible(data.getSeriesCount() > 0);
        InspectorChartStyle.setSubtitle(chart, p.note());
    }

    private static XYIntervalSeries series(String name, Histogram h) {
        XYIntervalSeries s = new XYIntervalSeries(name);
        for (int b = 0; b < h.counts().length; b++) {
            double lo = h.edges()[b];
            double hi = h.edges()[b + 1];
            s.add((lo + hi) / 2, lo, hi, h.counts()[b], 0, h.counts()[b]);
        }
        return s;
    }
}
