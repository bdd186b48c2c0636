package dev.saeexplorer.ui.training;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** A latent's activation histogram (non-zero activations; the zeros are reported in the subtitle). */
final class HistogramChart {
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final JFreeChart chart;
    private final XYBarRenderer renderer = new XYBarRenderer(0.05);

    HistogramChart() {
        NumberAxis x = new NumberAxis("activation (when the latent fires)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("samples");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        chart = new JFreeChart("Latent activations over the evaluation sample", ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
    }

    JFreeChart chart() {
        return chart;
    }

    void show(ModelKind kind, int latent, int feature, LatentHistogram h) {
        XYIntervalSeries s = new XYIntervalSeries(kind.label() + " latent " + latent);
        for (int b = 0; b < h.counts().length; b++) {
            double lo = h.edges()[b];
            double hi = h.edges()[b + 1];
            s.add((lo + hi) / 2, lo, hi, h.counts()[b], 0, h.counts()[b]);
        }
        data.removeAllSeries();
        data.addSeries(s);
        renderer.setSeriesPaint(0, ChartStyle.colour(kind));
        chart.setTitle(kind.label() + " latent " + latent + (feature >= 0 ? ", matched to feature " + feature
                : ", matched to no feature"));
        ChartStyle.removeTextSubtitles(chart);
        chart.addSubtitle(ChartStyle.subtitle(String.format("fires on %.1f%% of %d samples; the %d zeros are not drawn",
                100 * h.firingRate(), h.total(), h.zeros())));
    }

    void clear() {
        data.removeAllSeries();
    }
}
