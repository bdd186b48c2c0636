package dev.saeexplorer.ui.training;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.charts.HistogramSeries;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
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
        ChartStyle.flatBars(renderer);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        chart = new JFreeChart("Latent activations over the evaluation sample", ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
    }

    JFreeChart chart() {
        return chart;
    }

    void show(ModelKind kind, int latent, int feature, LatentHistogram h) {
        data.removeAllSeries();
        data.addSeries(HistogramSeries.of(kind.label() + " latent " + latent, h.edges(), h.counts()));
        renderer.setSeriesPaint(0, kind.colour());
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
