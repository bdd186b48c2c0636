package dev.saeexplorer.ui.superposition;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Which theorem's geometric condition W_p meets, and the closed-form losses at the current x. */
final class TheoremPanel extends VBox {
    private final Label theorem2 = line();
    private final Label theorem1 = line();
    private final Label losses = line();

    TheoremPanel() {
        super(6);
        getStyleClass().add("theorem-panel");
        Label title = new Label("Theorem conditions");
        title.getStyleClass().add(Styles.TITLE_4);
        losses.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(title, theorem2, theorem1, losses);
    }

    void show(Superposition sp, Geometry g, ClosedFormResult r) {
        if (g.nonPositiveInterference()) {
            set(theorem2, true, "Theorem 2 (non-positive interference): holds. No two features interfere positively "
                    + "(every G_ij ≤ 0 for i ≠ j).");
        } else {
            set(theorem2, false, "Theorem 2 (non-positive interference): fails. " + worstPair(sp) + ".");
        }
        if (g.polygonBlocks() == null) {
            set(theorem1, false, "Theorem 1 (digon/polygon blocks): fails because " + g.failure() + ".");
        } else if (g.polygonBlocks().isEmpty()) {
            set(theorem1, true, "Theorem 1 (digon/polygon blocks): holds. Every feature is monosemantic "
                    + "(unit norm, no interference).");
        } else {
            set(theorem1, true, "Theorem 1 (digon/polygon blocks): holds. Superposed blocks " + blocks(g.polygonBlocks())
                    + "; the other features are monosemantic.");
        }
        String text = String.format(Locale.ROOT, "At this x: L_SAE = %.4g, L_GT = %.4g, Theorem 4 gap = %.4g",
                r.lossSAE(), r.lossGT(), r.gapSAE());
        if (r.gapWSAE() != null) {
            text += String.format(Locale.ROOT, "; L_WSAE = %.4g, Theorem 5 gap = %.4g", r.lossWSAE(), r.gapWSAE());
        }
        losses.setText(text + ".");
    }

    String theorem1Text() {
        return theorem1.getText();
    }

    String theorem2Text() {
        return theorem2.getText();
    }

    private static String worstPair(Superposition sp) {
        double[][] g = sp.gram();
        int bi = 0;
        int bj = 1;
        for (int i = 0; i < g.length; i++) {
            for (int j = i + 1; j < g.length; j++) {
                if (g[i][j] > g[bi][bj]) {
                    bi = i;
                    bj = j;
                }
            }
        }
        return String.format(Locale.ROOT, "Features %d and %d interfere positively (G_%d,%d = %+.3f)", bi, bj, bi, bj,
                g[bi][bj]);
    }

    private static String blocks(List<List<Integer>> blocks) {
        return blocks.stream().map(b -> b.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.joining(" "));
    }

    private static void set(Label l, boolean holds, String text) {
        l.setText(text);
        FontIcon icon = new FontIcon(holds ? "mdal-check_circle" : "mdal-cancel");
        icon.getStyleClass().add(holds ? "theorem-holds" : "theorem-fails");
        l.setGraphic(icon);
    }

    private static Label line() {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
