package dev.saeexplorer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.features.FeatureReport;
import dev.saeexplorer.core.features.Histogram;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardHtmlTest {

    private static FeatureReport report() {
        FeatureReport.Example top = new FeatureReport.Example(3, new int[] {1, 2, 3}, new float[] {0, 2, 1}, 2, 1);
        FeatureReport.Example low = new FeatureReport.Example(9, new int[] {2}, new float[] {0.5f}, 0.5f, 0);
        return new FeatureReport(7, 0.25, 2, 0.1, new Histogram(new double[] {0.5, 1, 2}, new long[] {3, 1}),
                List.of(top), List.of(new FeatureReport.QuantileBand(0, 1 / 3.0, List.of(low))));
    }

    @Test
    void everyTokenIsShadedByItsShareOfTheMaxAndTheMaxIsMarked() {
        String html = DashboardHtml.render(report(), "Feature 7", id -> "t" + id);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("Fires on 25.0% of tokens · max activation 2.000 · mean 0.1000"), html);
        // token 2 holds the max (alpha 0.85), token 3 half of it, token 1 nothing
        assertTrue(html.contains("<span class=\"tok max\" style=\"background:rgba(0,114,178,0.850)\" title=\"2.000\">t2"),
                html);
        assertTrue(html.contains("background:rgba(0,114,178,0.425)\" title=\"1.000\">t3"), html);
        assertTrue(html.contains("background:rgba(0,114,178,0.000)\" title=\"0.000\">t1"), html);
        assertTrue(html.contains("From the quantiles 0%–33% of its context maxima"));
        assertEquals(2, html.split("<rect ", -1).length - 1, "one bar per histogram bin");
        assertFalse(html.contains("<script"), "a page with nothing to run");
    }

    @Test
    void hostileTokensAreEscaped() {
        String html = DashboardHtml.render(report(), "<b>x</b>", id -> "<script>alert('x')</script>&\"");
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>x</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
    }
}
