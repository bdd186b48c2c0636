package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.FeatureStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * One colour per feature status, shared by the bar chart, the arrows and the legend so a colour means the same thing
 * everywhere: green is right, orange too small, red gone, purple too large, pink made up, grey correctly silent.
 */
final class StatusPalette {
    private static final Map<FeatureStatus, Integer> RGB = new EnumMap<>(Map.of(
            FeatureStatus.EXACT, 0x2e7d32,
            FeatureStatus.SHRUNK, 0xef8c00,
            FeatureStatus.VANISHED, 0xc62828,
            FeatureStatus.INFLATED, 0x7b1fa2,
            FeatureStatus.SPURIOUS, 0xd81b60,
            FeatureStatus.INACTIVE, 0x9e9e9e));
    /** The ground truth x: a neutral blue-grey that no status uses. */
    static final int TRUTH_RGB = 0xb0bec5;

    private StatusPalette() {
    }

    static java.awt.Color awt(FeatureStatus s) {
        return new java.awt.Color(RGB.get(s));
    }

    static javafx.scene.paint.Color fx(FeatureStatus s) {
        return fx(RGB.get(s));
    }

    static javafx.scene.paint.Color fx(int rgb) {
        return javafx.scene.paint.Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** "shrunk" → "Shrunk". */
    static String label(FeatureStatus s) {
        String id = s.id();
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
