package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.charts.HistogramSeries;
import java.awt.Color;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * PS-Eval Figure 3 (left): overlaid histograms of the polysemous distinction 1 − cos of the LLM activations (the
 * reference, bluish green) and of the SAE features (blue as model A; B's orange when comparing), with the selected
 * pair's values as dashed vertical lines.
 */
final class DistinctionChart {
    static final Color LLM = ChartStyle.Role.REFERENCE.colour();
    static final Color SAE = ChartStyle.Role.SAE.colour();
    static final Color SAE_B = ChartStyle.Role.WSAE.colour();

    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final XYBarRenderer renderer = new XYBarRenderer(0.08);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final TextTitle subtitle = ChartStyle.subtitle("");

    DistinctionChart() {
        NumberAxis x = new NumberAxis("1 − cos(context 1, context 2)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("pairs");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ChartStyle.flatBars(renderer);
        plot = new XYPlot(data, x, y, renderer);
        plot.setForegroundAlpha(0.6f);
        chart = new JFreeChart("Polysemous distinction (Figure 3, left)", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        chart.addSubtitle(subtitle);
        subtitle.setText("Run PS-Eval to see the distribution over the pairs.");
    }

    JFreeChart chart() {
        return chart;
    }

    /** Replaces the histograms (null clears the chart); one redraw. */
    void show(DistinctionHistogram h, DistinctionHistogram.Subset subset) {
        chart.setNotify(false);
        data.removeAllSeries();
        if (h != null) {
            add("LLM activations", h, h.llm(), LLM);
            add("SAE features" + (h.saeB() == null ? "" : " (A)"), h, h.sae(), SAE);
            if (h.saeB() != null) {
                add("SAE features (B)", h, h.saeB(), SAE_B);
            }
            subtitle.setText(String.format(Locale.ROOT, "%,d pair%s (%s); dashed: the selected pair", h.pairs(),
                    h.pairs() == 1 ? "" : "s", subset.toString().replace(" (as in the paper)", "").toLowerCase(Locale.ROOT)));
        } else {
            subtitle.setText("Run PS-Eval to see the distribution over the pairs.");
        }
        chart.setNotify(true);
    }

    private void add(String name, DistinctionHistogram h, int[] counts, Color colour) {
        data.addSeries(HistogramSeries.of(name, h.edges(), counts));
        renderer.setSeriesPaint(data.getSeriesCount() - 1, colour);
    }

    /** Marks the selected pair's values (null: no marker for that one). */
    void mark(Double llm, Double sae, Double saeB) {
        plot.clearDomainMarkers();
        marker(llm, LLM);
        marker(sae, SAE);
        marker(saeB, SAE_B);
    }

    private void marker(Double v, Color colour) {
        if (v == null) {
            return;
        }
        plot.addDomainMarker(new ValueMarker(v, colour, ChartStyle.MARKER));
    }
}
