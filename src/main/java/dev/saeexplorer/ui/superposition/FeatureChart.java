package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.FeatureStatus;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.EnumSet;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * x against x_m feature by feature: a grey bar for the ground truth and beside it the SAE's output coloured by the
 * feature's status. Updated in place on every change (cheap: n bars), with notifications paused while the data change.
 */
final class FeatureChart {
    private static final String TRUTH = "x";
    private static final String RECOVERED = "x_m";
    /** From this many features on, the category labels would overlap; the axis label gives the count instead. */
    private static final int LABEL_ALL_BELOW = 41;

    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final JFreeChart chart;
    private final CategoryPlot plot;
    private FeatureStatus[] status = new FeatureStatus[0];

    FeatureChart() {
        CategoryAxis domain = new CategoryAxis("feature i");
        domain.setCategoryMargin(0.15);
        NumberAxis range = new NumberAxis(ChartStyle.text("x_i and x_m,i = σ(Gx)_i",
                "x_i and x_m,i = relu(Gx)_i"));
        range.setAutoRangeIncludesZero(true);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                if (row == 0 || column >= status.length) {
                    return new Color(StatusPalette.TRUTH_RGB);
                }
                return StatusPalette.awt(status[column]);
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDrawBarOutline(false);
        plot = new CategoryPlot(dataset, domain, range, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        chart = new JFreeChart("x against x_m, coloured by status", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    }

    JFreeChart chart() {
        return chart;
    }

    void update(double[] x, ClosedFormResult r) {
        chart.setNotify(false);
        try {
            status = r.status().clone();
            if (dataset.getColumnCount() != x.length) {
                dataset.clear();
            }
            for (int i = 0; i < x.length; i++) {
                String feature = Integer.toString(i);
                dataset.setValue(x[i], TRUTH, feature);
                dataset.setValue(r.xm()[i], RECOVERED, feature);
            }
            CategoryAxis domain = plot.getDomainAxis();
            domain.setTickLabelsVisible(x.length < LABEL_ALL_BELOW);
            domain.setLabel(x.length < LABEL_ALL_BELOW ? "feature i" : "feature i (" + x.length + " features)");
            plot.setFixedLegendItems(legend());
        } finally {
            chart.setNotify(true);
        }
    }

    /** "x (ground truth)" and one item per status present, so the exported chart explains its own colours. */
    private LegendItemCollection legend() {
        LegendItemCollection items = new LegendItemCollection();
        items.add(item("x (ground truth)", new Color(StatusPalette.TRUTH_RGB)));
        Set<FeatureStatus> present = EnumSet.noneOf(FeatureStatus.class);
        for (FeatureStatus s : status) {
            present.add(s);
        }
        for (FeatureStatus s : present) {
            items.add(item("x_m " + s.id(), StatusPalette.awt(s)));
        }
        return items;
    }

    private static LegendItem item(String label, Color color) {
        LegendItem item = new LegendItem(label, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), color);
        item.setLabelFont(ChartStyle.TICK);
        return item;
    }
}
