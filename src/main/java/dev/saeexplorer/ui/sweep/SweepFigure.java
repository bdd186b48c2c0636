package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.charts.SweepCharts;
import dev.saeexplorer.core.experiment.SweepRow;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;

/** The five figures of the paper's section 5.1 the sweep reproduces, in display order. */
public enum SweepFigure {
    FIGURE_2("Figure 2 - average activated features", SweepCharts::figure2AverageActivatedFeatures,
            SweepRow::avgActivatedFeatures),
    FIGURE_3A("Figure 3(a) - ground-truth loss L_GT", SweepCharts::figure3aLossGT, r -> r.lossGT()),
    FIGURE_3B("Figure 3(b) - L_GT on non-sparse dimensions", SweepCharts::figure3bLossGTNonSparse,
            SweepRow::lossGTNonSparse),
    FIGURE_3C("Figure 3(c) - reconstruction of x_p", SweepCharts::figure3cReconstruction,
            r -> r.reconstructionXp()),
    FIGURE_3D("Figure 3(d) - monosemanticity", SweepCharts::figure3dMonosemanticity, SweepRow::monosemanticity);

    private final String exportName;
    private final Function<List<SweepRow>, JFreeChart> builder;
    private final Function<SweepRow, Double> metric;

    SweepFigure(String exportName, Function<List<SweepRow>, JFreeChart> builder, Function<SweepRow, Double> metric) {
        this.exportName = exportName;
        this.builder = builder;
        this.metric = metric;
    }

    /** The name the shell's export menu and file names use. */
    public String exportName() {
        return exportName;
    }

    /** The figure for these rows (mean ± s.d. over seeds per sparsity and model). */
    public JFreeChart build(List<SweepRow> rows) {
        return builder.apply(rows);
    }

    /** The metric this figure plots. */
    public Function<SweepRow, Double> metric() {
        return metric;
    }
}
