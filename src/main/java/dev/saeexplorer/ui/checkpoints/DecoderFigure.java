package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.charts.ChartStyle;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A feature's decoder direction W_dec[j, :] as bars over the input dimensions, negative entries in red. */
final class DecoderFigure {
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private float[] values = new float[0];

    DecoderFigure() {
        NumberAxis x = new NumberAxis("input dimension i");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("W_dec[j, i]");
        XYBarRenderer renderer = new XYBarRenderer(0.15) {
            @Override
            public Paint getItemPaint(int series, int item) {
                return item < values.length && values[item] < 0 ? ChartStyle.NEGATIVE
                        : ChartStyle.Role.SAE.colour();
            }
        };
        ChartStyle.flatBars(renderer);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        chart = new JFreeChart("Decoder direction", ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
    }

    JFreeChart chart() {
        return chart;
    }

    void show(int feature, float[] decoder) {
        values = decoder.clone();
        XYSeries s = new XYSeries("W_dec[" + feature + "]", false, false);
        for (int i = 0; i < decoder.length; i++) {
            s.add(i, decoder[i]);
        }
        data.removeAllSeries();
        data.addSeries(s);
        chart.getXYPlot().getDomainAxis().setRange(-0.5, Math.max(1, decoder.length) - 0.5);
        chart.setTitle("Decoder direction of feature " + feature);
        ChartStyle.setSubtitle(chart, decoder.length + " input dimensions; red: negative entries");
    }

    void clear() {
        values = new float[0];
        data.removeAllSeries();
        chart.setTitle("Decoder direction");
        ChartStyle.setSubtitle(chart, "");
    }
}
