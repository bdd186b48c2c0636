package dev.saeexplorer.ui.training;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.sae.TrainingSnapshot;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Live training curves of SAE and WSAE: a line chart fed from the view model's curve lists. Each batch of snapshots
 * is added with notifications off and one change fired at the end, so a batch costs one redraw.
 */
final class LossChart {
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final JFreeChart chart;
    private final XYPlot plot;

    /** One series: which model, what it plots. */
    private record Line(ModelKind kind, String name, ToDoubleFunction<TrainingSnapshot> value, boolean dashed) {
    }

    /**
     * @param names    what is plotted, for both models (series "SAE name", "WSAE name"); lines after the first are dashed
     * @param values   the value of each name in a snapshot
     * @param logScale start with a logarithmic y axis
     */
    LossChart(String title, String subtitle, String yLabel, boolean logScale, ObservableList<TrainingSnapshot> sae,
              ObservableList<TrainingSnapshot> wsae, List<String> names, List<ToDoubleFunction<TrainingSnapshot>> values) {
        NumberAxis x = new NumberAxis("step");
        x.setAutoRangeIncludesZero(false);
        plot = new XYPlot(data, x, yAxis(yLabel, logScale), new XYLineAndShapeRenderer(true, false));
        chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.addSubtitle(ChartStyle.subtitle(subtitle));
        ChartStyle.apply(chart);
        chart.getLegend().setItemFont(ChartStyle.LABEL); // the lab's legends read a size larger
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        int index = 0;
        for (ModelKind kind : ModelKind.values()) {
            for (int n = 0; n < names.size(); n++) {
                Line line = new Line(kind, (kind.label() + " " + names.get(n)).trim(), values.get(n), n > 0);
                XYSeries series = new XYSeries(line.name(), false, true);
                data.addSeries(series);
                r.setSeriesPaint(index, kind.colour());
                r.setSeriesStroke(index, line.dashed() ? ChartStyle.DASHED : ChartStyle.SOLID);
                follow(kind == ModelKind.SAE ? sae : wsae, series, line.value());
                index++;
            }
        }
    }

    JFreeChart chart() {
        return chart;
    }

    /** Switches between a logarithmic and a linear y axis, keeping the label. */
    void setLogScale(boolean log) {
        String label = plot.getRangeAxis().getLabel();
        plot.setRangeAxis(yAxis(label, log));
        ChartStyle.plot(plot);
    }

    /** For counts (dead latents, active latents): whole-number ticks, never below zero. */
    void useCountAxis() {
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRangeType(org.jfree.data.RangeType.POSITIVE);
    }

    private static ValueAxis yAxis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setSmallestValue(1e-8);
            // Whole powers of ten, drawn as 10 with a superscript exponent: readable at any loss scale.
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        // Counts such as dead latents are often all zero: without a minimum range the axis zooms to ±1e-9.
        axis.setAutoRangeMinimumSize(1.0);
        return axis;
    }

    private static void follow(ObservableList<TrainingSnapshot> source, XYSeries series,
                               ToDoubleFunction<TrainingSnapshot> value) {
        source.addListener((ListChangeListener<TrainingSnapshot>) change -> {
            series.setNotify(false);
            while (change.next()) {
                if (change.wasRemoved() && change.getList().isEmpty()) {
                    series.clear();
                }
                if (change.wasAdded()) {
                    for (TrainingSnapshot s : change.getAddedSubList()) {
                        double v = value.applyAsDouble(s);
                        if (Double.isFinite(v)) {
                            series.add(s.step(), v, false);
                        }
                    }
                }
            }
            series.setNotify(true);
        });
    }
}
