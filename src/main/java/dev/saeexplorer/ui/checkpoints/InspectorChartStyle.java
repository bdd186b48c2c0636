package dev.saeexplorer.ui.checkpoints;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/**
 * The inspector's chart look, matching the training lab's (white plot, light grid, blue for A as for the SAE, orange
 * for B as for the WSAE). The lab's style class is package-private to it, hence this small twin.
 */
final class InspectorChartStyle {
    static final Color A = new Color(0x1f, 0x6f, 0xeb);
    static final Color B = new Color(0xe3, 0x6c, 0x09);
    static final Color A_TRANSLUCENT = new Color(0x1f, 0x6f, 0xeb, 170);
    static final Color B_TRANSLUCENT = new Color(0xe3, 0x6c, 0x09, 150);
    static final Color NEGATIVE = new Color(0xc2, 0x41, 0x3b);
    private static final Color GRID = new Color(0xd8, 0xde, 0xe4);
    private static final Color MUTED = new Color(0x57, 0x60, 0x6a);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private InspectorChartStyle() {
    }

    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK);
            chart.getLegend().setFrame(BlockBorder.NONE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
        plot.getDomainAxis().setLabelFont(LABEL);
        plot.getDomainAxis().setTickLabelFont(TICK);
        plot.getRangeAxis().setLabelFont(LABEL);
        plot.getRangeAxis().setTickLabelFont(TICK);
    }

    /** Replaces the chart's subtitle line (the legend stays). */
    static void setSubtitle(JFreeChart chart, String text) {
        for (Object t : chart.getSubtitles()) {
            if (t instanceof TextTitle) {
                chart.removeSubtitle((TextTitle) t);
            }
        }
        if (text != null && !text.isEmpty()) {
            TextTitle t = new TextTitle(text, SUBTITLE);
            t.setPaint(MUTED);
            chart.addSubtitle(0, t);
        }
    }
}
