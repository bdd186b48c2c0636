package dev.saeexplorer.ui.superposition;

import java.awt.Font;

/** Chart labels with mathematical glyphs, falling back to ASCII where the chart font cannot draw them (bare Xvfb). */
final class ChartText {
    private ChartText() {
    }

    static String pick(String unicode, String ascii) {
        try {
            return new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplayUpTo(unicode) == -1 ? unicode : ascii;
        } catch (RuntimeException e) {
            return ascii;
        }
    }

    static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }
}
