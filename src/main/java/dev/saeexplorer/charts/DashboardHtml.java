package dev.saeexplorer.charts;

import dev.saeexplorer.core.features.FeatureReport;
import dev.saeexplorer.core.features.Histogram;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * One feature's dashboard as a self-contained HTML page people can share: its statistics, the histogram of its
 * positive activations as inline SVG, its top contexts and quantile samples with every token shaded by its activation
 * in the SAE's colour (the title attribute holds the value). No script, no external file; every token is escaped.
 */
public final class DashboardHtml {
    private DashboardHtml() {
    }

    /**
     * @param title     what the page is about, e.g. "Feature 7 of sae-random on gpt2 (bundled corpus)"
     * @param tokenText a token id's text
     */
    public static String render(FeatureReport r, String title, IntFunction<String> tokenText) {
        Color c = ChartStyle.Role.SAE.colour();
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        + ".ctx{margin:.4em 0;line-height:1.7}.tok{white-space:pre;padding:1px 0}"
                        + ".max{text-decoration:underline;font-weight:bold}.note{color:#57606a;font-size:.85em}"
                        + "</style></head><body>\n");
        b.append("<h1>").append(escape(title)).append("</h1>\n");
        b.append(String.format(Locale.ROOT, "<p>Fires on %.3g%% of tokens · max activation %.4g · mean %.4g</p>%n",
                100 * r.density(), r.maxActivation(), r.meanActivation()));
        histogram(b, r.histogram(), c);
        b.append("<h2>Top contexts</h2>\n");
        contexts(b, r.examples(), r.maxActivation(), c, tokenText);
        for (FeatureReport.QuantileBand band : r.quantileSamples()) {
            b.append(String.format(Locale.ROOT, "<h2>From the quantiles %.0f%%–%.0f%% of its context maxima</h2>%n",
                    100 * band.lowerQuantile(), 100 * band.upperQuantile()));
            contexts(b, band.examples(), r.maxActivation(), c, tokenText);
        }
        b.append("<p class=\"note\">Made with SAE Explorer. Hover a token for its activation.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void contexts(StringBuilder b, List<FeatureReport.Example> examples, float scale, Color c,
                                 IntFunction<String> tokenText) {
        for (FeatureReport.Example e : examples) {
            int[] ids = e.ids();
            float[] acts = e.activations();
            b.append("<div class=\"ctx\">");
            for (int i = 0; i < ids.length; i++) {
                double alpha = scale > 0 ? Math.max(0, Math.min(1, acts[i] / scale)) : 0;
                b.append(String.format(Locale.ROOT, "<span class=\"tok%s\" style=\"background:rgba(%d,%d,%d,%.3f)\""
                                + " title=\"%.4g\">", i == e.position() ? " max" : "", c.getRed(), c.getGreen(),
                        c.getBlue(), 0.85 * alpha, acts[i]))
                        .append(escape(tokenText.apply(ids[i]))).append("</span>");
            }
            b.append(String.format(Locale.ROOT, " <span class=\"note\">max %.3g</span></div>%n", e.max()));
        }
    }

    private static void histogram(StringBuilder b, Histogram h, Color c) {
        long[] counts = h.counts();
        if (counts.length == 0) {
            return;
        }
        long top = 1;
        for (long n : counts) {
            top = Math.max(top, n);
        }
        int w = 12;
        int height = 80;
        b.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"histogram of"
                + " positive activations\">", counts.length * w, height + 2));
        for (int i = 0; i < counts.length; i++) {
            int bar = (int) Math.round(height * counts[i] / (double) top);
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,%d,%d)\">"
                            + "<title>%.3g–%.3g: %d</title></rect>", i * w, height - bar, w - 1, bar, c.getRed(),
                    c.getGreen(), c.getBlue(), h.edges()[i], h.edges()[i + 1], counts[i]));
        }
        b.append("</svg>\n<p class=\"note\">Positive activations, log-spaced bins</p>\n");
    }

    /** Text as HTML text and attribute content. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
