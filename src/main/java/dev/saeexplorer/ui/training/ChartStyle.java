package dev.saeexplorer.ui.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** One look for the lab's charts: white plot, light grid, SAE blue and WSAE orange everywhere. */
final class ChartStyle {
    static final Color SAE = new Color(0x1f, 0x6f, 0xeb);
    static final Color WSAE = new Color(0xe3, 0x6c, 0x09);
    static final Color GRID = new Color(0xd8, 0xde, 0xe4);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Stroke SOLID = new BasicStroke(1.8f);
    static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {5f, 4f}, 0f);

    private ChartStyle() {
    }

    static Paint colour(ModelKind kind) {
        return kind == ModelKind.SAE ? SAE : WSAE;
    }

    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (chart.getPlot() instanceof XYPlot) {
            plot((XYPlot) chart.getPlot());
        }
    }

    static void plot(XYPlot plot) {
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

    static TextTitle subtitle(String text) {
        TextTitle t = new TextTitle(text, SUBTITLE);
        t.setPaint(new Color(0x57, 0x60, 0x6a));
        return t;
    }

    /** Removes the text subtitles (not legends); {@code getSubtitles()} returns a copy, so remove one by one. */
    static void removeTextSubtitles(JFreeChart chart) {
        for (Object t : chart.getSubtitles()) {
            if (t instanceof TextTitle) {
                chart.removeSubtitle((TextTitle) t);
            }
        }
    }
}
