package dev.saeexplorer.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;

/**
 * The one chart style of SAE Explorer, used alike by the desktop's charts and by the exported figures (the
 * {@code figures} command, the sweep workspace, every chart's PNG/SVG export): what colour and stroke a series gets for
 * what it stands for, the fonts, the grid and the scales. No other class defines a series colour, a line or a chart
 * font (the playground's feature-status colours live in its StatusPalette, which means something else); the JavaFX
 * side takes its SAE/WSAE text colours from here too (ui.common.SeriesStylesheet).
 *
 * <p>The SAE is blue and the WSAE orange everywhere (model A and model B where two checkpoints are compared), theory
 * (closed-form quantities, theorem gaps and bounds) is neutral dark grey and dashed, and what the models are measured
 * against (the ground-truth loss, the LLM's own activations) is bluish green. The hues are the Okabe–Ito palette, which
 * stays distinguishable under the common colour-vision deficiencies.
 *
 * <p>AWT and JFreeChart only, so headless figure code can use it.
 */
public final class ChartStyle {
    /** What a series stands for; it decides the series' colour and line. */
    public enum Role {
        /** The SAE; model A where two models are compared. Okabe–Ito blue. */
        SAE(0x0072b2, false),
        /** The WSAE; model B where two models are compared. Okabe–Ito orange. */
        WSAE(0xe69f00, false),
        /** Theory: closed-form curves, theorem gaps and bounds. Neutral dark grey, dashed. */
        THEORY(0x333333, true),
        /** What the models are measured against: the ground-truth loss, the LLM's activations. Okabe–Ito bluish green. */
        REFERENCE(0x009e73, false);

        private final Color colour;
        private final boolean dashed;

        Role(int rgb, boolean dashed) {
            this.colour = new Color(rgb);
            this.dashed = dashed;
        }

        public Color colour() {
            return colour;
        }

        /** The colour with the given opacity (0–255), for bars drawn over each other. */
        public Color translucent(int alpha) {
            return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
        }

        /** The role's line on screen: {@link #SOLID}, or {@link #THEORY_LINE} for theory. */
        public Stroke stroke() {
            return dashed ? THEORY_LINE : SOLID;
        }
    }

    /** Further models of a sweep (neither SAE nor WSAE), in turn: Okabe–Ito reddish purple, sky blue, vermillion. */
    private static final Color[] OTHERS = {new Color(0xcc79a7), new Color(0x56b4e9), new Color(0xd55e00)};
    /** Negative entries where bars have a sign (a decoder direction). Okabe–Ito vermillion. */
    public static final Color NEGATIVE = new Color(0xd55e00);
    /** The ends of the diverging scale (ColorBrewer RdBu) and the cells that have no value. */
    private static final Color DIVERGING_LOW = new Color(0x2166ac);
    private static final Color DIVERGING_HIGH = new Color(0xb2182b);
    private static final Color NO_VALUE = new Color(0xc8ccd0);

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color GRID = new Color(0xd8dee4);
    /** Subtitles, tick labels and the "no data" message. */
    public static final Color MUTED = new Color(0x57606a);
    private static final Color TEXT = Color.BLACK;
    /** The exported figures' plot outline and legend frame. */
    private static final Color FRAME = new Color(0xa0a0a0);
    /** A position marker (the current S). */
    public static final Color CURSOR = new Color(0x555555);

    private static final String FAMILY = Font.SANS_SERIF;
    /** On screen. */
    public static final Font TITLE = font(Font.BOLD, 13);
    public static final Font SUBTITLE = font(Font.PLAIN, 11);
    public static final Font LABEL = font(Font.PLAIN, 12);
    public static final Font TICK = font(Font.PLAIN, 11);
    /** In the paper figures (sweep), which are read as images about 900 pixels wide. */
    public static final Font FIGURE_TITLE = font(Font.BOLD, 16);
    public static final Font FIGURE_SUBTITLE = font(Font.PLAIN, 12);
    public static final Font FIGURE_LABEL = font(Font.PLAIN, 14);
    public static final Font FIGURE_TICK = font(Font.PLAIN, 12);

    /** A series' line on screen. */
    public static final Stroke SOLID = new BasicStroke(1.8f);
    /** A model's secondary quantity, in the model's colour (the reconstruction term beside the objective). */
    public static final Stroke DASHED = dashed(1.4f, 5f, 4f);
    /** A theory curve. */
    public static final Stroke THEORY_LINE = dashed(1.8f, 6f, 4f);
    /** A value marked on an axis (the selected pair), in its series' colour. */
    public static final Stroke MARKER = dashed(2.2f, 6f, 4f);
    /** A position on an axis (the current S), in {@link #CURSOR}. */
    public static final Stroke CURSOR_LINE = dashed(1.5f, 4f, 3f);
    /** A series' line in the paper figures. */
    public static final Stroke FIGURE_LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    /** Error bars in the paper figures. */
    public static final Stroke ERROR_BAR = new BasicStroke(1.6f);
    /** Hairlines: the paper figures' grid and the white rim of their point markers. */
    public static final Stroke HAIRLINE = new BasicStroke(1.0f);

    private ChartStyle() {
    }

    /** The chart font family at {@code style} ({@link Font#PLAIN}, {@link Font#BOLD}, ...) and {@code size}. */
    public static Font font(int style, int size) {
        return new Font(FAMILY, style, size);
    }

    /** The label with Unicode symbols where the chart font can draw them, otherwise its ASCII spelling (bare Xvfb). */
    public static String text(String unicode, String ascii) {
        try {
            return LABEL.canDisplayUpTo(unicode) == -1 ? unicode : ascii;
        } catch (RuntimeException e) {
            return ascii;
        }
    }

    /** The {@code i}-th further model's colour (from 0, cycling). */
    public static Color other(int i) {
        return OTHERS[Math.floorMod(i, OTHERS.length)];
    }

    /** Gives series {@code index} of {@code renderer} the role's colour and line. */
    public static void series(AbstractRenderer renderer, int index, Role role) {
        renderer.setSeriesPaint(index, role.colour());
        renderer.setSeriesStroke(index, role.stroke());
    }

    /** Styles a screen chart: the chart, its legend (items in {@link #TICK}) and, for an XY or category plot, the plot. */
    public static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(BACKGROUND);
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
        } else if (chart.getPlot() instanceof CategoryPlot) {
            CategoryPlot plot = (CategoryPlot) chart.getPlot();
            plot.setBackgroundPaint(BACKGROUND);
            plot.setRangeGridlinePaint(GRID);
            plot.setOutlinePaint(GRID);
            axes(plot.getDomainAxis(), plot.getRangeAxis());
        }
    }

    /** The plot's look; call again after replacing an axis. */
    public static void plot(XYPlot plot) {
        plot.setBackgroundPaint(BACKGROUND);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axes(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axes(plot.getRangeAxis(i));
        }
    }

    private static void axes(Axis... axes) {
        for (Axis axis : axes) {
            if (axis != null) {
                axis.setLabelFont(LABEL);
                axis.setTickLabelFont(TICK);
            }
        }
    }

    /**
     * Styles a paper figure (the sweep's Figure 2 and 3): larger type than on screen, black title and axis labels,
     * muted ticks and subtitles, a framed legend, a grey plot outline and hairline grid.
     */
    public static void applyFigure(JFreeChart chart) {
        chart.setBackgroundPaint(BACKGROUND);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(FIGURE_TITLE);
            chart.getTitle().setPaint(TEXT);
        }
        for (Object t : chart.getSubtitles()) {
            if (t instanceof TextTitle) {
                ((TextTitle) t).setFont(FIGURE_SUBTITLE);
                ((TextTitle) t).setPaint(MUTED);
            }
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(FIGURE_LABEL);
            chart.getLegend().setBackgroundPaint(BACKGROUND);
            chart.getLegend().setFrame(new BlockBorder(FRAME));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(BACKGROUND);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(HAIRLINE);
        plot.setRangeGridlineStroke(HAIRLINE);
        plot.setOutlinePaint(FRAME);
        plot.setNoDataMessageFont(FIGURE_LABEL.deriveFont(Font.ITALIC));
        plot.setNoDataMessagePaint(MUTED);
        for (Axis axis : new Axis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setLabelFont(FIGURE_LABEL);
            axis.setTickLabelFont(FIGURE_TICK);
            axis.setLabelPaint(TEXT);
            axis.setTickLabelPaint(MUTED);
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

    /**
     * A diverging scale over [−max, max] for signed matrices (interference, cosines, correlations): blue at −max,
     * white at 0, red at +max, grey where the value is NaN. Values beyond ±max take the end colours.
     */
    public static PaintScale diverging(double max) {
        return new Diverging(max);
    }

    private record Diverging(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return -max;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return NO_VALUE;
            }
            double t = Math.max(-1, Math.min(1, value / max));
            Color end = t < 0 ? DIVERGING_LOW : DIVERGING_HIGH;
            double a = Math.abs(t);
            return new Color(mix(end.getRed(), a), mix(end.getGreen(), a), mix(end.getBlue(), a));
        }

        /** From white (a = 0) to {@code to} (a = 1). */
        private static int mix(int to, double a) {
            return (int) Math.round(255 + (to - 255) * a);
        }
    }

    private static Stroke dashed(float width, float dash, float gap) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {dash, gap}, 0f);
    }
}
