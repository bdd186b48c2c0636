package dev.saeexplorer.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;

/**
 * One look for the GUI's JFreeChart charts (training lab, PS-Eval, checkpoint inspector): white plot, light grid,
 * blue for the SAE (model A, the LLM) and orange for the WSAE (model B) everywhere, so the workspaces read alike.
 */
public final class ChartStyle {
    /** The SAE, model A. */
    public static final Color BLUE = new Color(0x1f, 0x6f, 0xeb);
    /** The WSAE, model B. */
    public static final Color ORANGE = new Color(0xe3, 0x6c, 0x09);
    public static final Color GRID = new Color(0xd8, 0xde, 0xe4);
    private static final Color MUTED = new Color(0x57, 0x60, 0x6a);
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    public static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    public static final Stroke SOLID = new BasicStroke(1.8f);
    public static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {5f, 4f}, 0f);

    private ChartStyle() {
    }

    /** Styles the chart, its legend (items in {@link #TICK}) and, for an XY plot, the plot and every axis. */
    public static void apply(JFreeChart chart) {
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
        if (chart.getPlot() instanceof XYPlot) {
            plot((XYPlot) chart.getPlot());
        }
    }

    /** The plot's look; call again after replacing an axis. */
    public static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            plot.getDomainAxis(i).setLabelFont(LABEL);
            plot.getDomainAxis(i).setTickLabelFont(TICK);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            plot.getRangeAxis(i).setLabelFont(LABEL);
            plot.getRangeAxis(i).setTickLabelFont(TICK);
        }
    }

    /** Flat histogram bars: no gradient, shadow or outline. */
    public static void flatBars(XYBarRenderer renderer) {
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
    }

    /** A muted one-line subtitle. */
    public static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, SUBTITLE);
        t.setPaint(MUTED);
        return t;
    }

    /** Removes the text subtitles (not legends); {@code getSubtitles()} returns a copy, so remove one by one. */
    public static void removeTextSubtitles(JFreeChart chart) {
        for (Object t : chart.getSubtitles()) {
            if (t instanceof TextTitle) {
                chart.removeSubtitle((TextTitle) t);
            }
        }
    }

    /** Replaces the chart's subtitle line, above the legend; null or "" leaves none. */
    public static void setSubtitle(JFreeChart chart, String text) {
        removeTextSubtitles(chart);
        if (text != null && !text.isEmpty()) {
            chart.addSubtitle(0, subtitle(text));
        }
    }
}
