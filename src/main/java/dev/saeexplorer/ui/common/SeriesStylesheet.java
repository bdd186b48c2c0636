package dev.saeexplorer.ui.common;

import dev.saeexplorer.charts.ChartStyle;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The chart style's series colours for JavaFX controls: a stylesheet made from {@link ChartStyle} (a data URI, so the
 * colours are written down only there), whose style classes colour a label as its model's chart lines are coloured.
 * Add {@link #URI} to a parent's stylesheets and {@link #textClass} to a label.
 */
public final class SeriesStylesheet {
    /** The stylesheet, for {@code Parent.getStylesheets()}. */
    public static final String URI = "data:text/css;base64,"
            + Base64.getEncoder().encodeToString(css().getBytes(StandardCharsets.US_ASCII));

    private SeriesStylesheet() {
    }

    /** The style class that gives a label the role's colour: "sae-text", "wsae-text", ... */
    public static String textClass(ChartStyle.Role role) {
        return role.name().toLowerCase(Locale.ROOT) + "-text";
    }

    static String css() {
        StringBuilder css = new StringBuilder();
        for (ChartStyle.Role role : ChartStyle.Role.values()) {
            Color c = role.colour();
            css.append('.').append(textClass(role)).append(" { -fx-text-fill: ")
                    .append(String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()))
                    .append("; }\n");
        }
        return css.toString();
    }
}
