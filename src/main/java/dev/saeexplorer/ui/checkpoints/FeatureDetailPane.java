package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.lm.LogitLens;
import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/**
 * The selected feature: its figures, its best match in B, its logit-lens top and bottom tokens with their logits (or
 * why there are none), and its decoder direction.
 */
final class FeatureDetailPane {
    static final String TITLE_ID = "feature-detail-title";

    private final CheckpointInspectorViewModel vm;
    private final Label title = new Label("No feature selected");
    private final GridPane figures = new GridPane();
    private final GridPane tokens = new GridPane();
    private final Label lensNote = new Label();
    private final DecoderFigure decoder = new DecoderFigure();
    private final VBox box = new VBox(8);

    FeatureDetailPane(CheckpointInspectorViewModel vm) {
        this.vm = vm;
        title.setId(TITLE_ID);
        title.getStyleClass().add(Styles.TITLE_4);
        figures.setHgap(16);
        figures.setVgap(2);
        figures.getColumnConstraints().setAll(new ColumnConstraints(120), value(), new ColumnConstraints(120), value());
        tokens.setHgap(10);
        tokens.setVgap(1);
        tokens.getStyleClass().add("token-grid");
        lensNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        lensNote.setWrapText(true);
        ChartViewer viewer = new ChartViewer(decoder.chart());
        viewer.setMinSize(100, 150);
        viewer.setPrefHeight(220);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        HBox tokenBox = new HBox(tokens);
        tokenBox.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        box.getChildren().addAll(title, figures, lensNote, tokenBox, viewer);
        box.setPadding(new Insets(8, 10, 8, 10));
        box.getStyleClass().add("feature-detail");
        vm.detailProperty().addListener((obs, old, now) -> show(now));
        vm.probe().storeProperty().addListener((obs, old, now) -> show(vm.detailProperty().get()));
        show(vm.detailProperty().get());
    }

    Node node() {
        return box;
    }

    DecoderFigure decoder() {
        return decoder;
    }

    private static ColumnConstraints value() {
        ColumnConstraints c = new ColumnConstraints(70, 120, Double.MAX_VALUE);
        c.setHalignment(HPos.RIGHT);
        return c;
    }

    private void show(FeatureDetail d) {
        figures.getChildren().clear();
        tokens.getChildren().clear();
        if (d == null) {
            title.setText("No feature selected");
            lensNote.setText("Select a feature in the table to see its details.");
            decoder.clear();
            return;
        }
        InspectedCheckpoint a = vm.primaryProperty().get();
        title.setText("Feature " + d.feature() + (a == null ? "" : " of " + a.source().name()));
        figure(0, 0, "Decoder norm", ConfigRows.number(d.decoderNorm()));
        figure(0, 2, "Enc/dec cosine", ConfigRows.number(d.cosine()));
        figure(1, 0, "log10 density", Double.isNaN(d.log10Density()) ? "no record"
                : ConfigRows.number(d.log10Density()));
        figure(1, 2, "Fires on", firesOn(d));
        if (vm.comparisonProperty().get() != null) {
            figure(2, 0, "Best match in B", d.partner() < 0 ? "none" : "feature " + d.partner());
            figure(2, 2, "Match cosine", ConfigRows.number(d.matchCosine()));
        }
        // With tokens the grid says it all (its headers explain in a tooltip); the note says why there are none.
        lensNote.setText(d.lensNote());
        lensNote.setVisible(!d.hasTokens());
        lensNote.setManaged(!d.hasTokens());
        if (d.hasTokens()) {
            tokenColumn(0, "Top tokens", d.top());
            tokenColumn(2, "Bottom tokens", d.bottom());
        }
        decoder.show(d.feature(), d.decoder());
    }

    /** From the checkpoint's own sparsity record, else from its feature store over the corpus, else unknown. */
    private String firesOn(FeatureDetail d) {
        if (!Double.isNaN(d.log10Density())) {
            return firesOn(d.log10Density());
        }
        var store = vm.probe().storeProperty().get();
        if (store != null && d.feature() < store.features()) {
            double p = store.stats(d.feature()).density();
            return (p == 0 ? "never" : String.format(Locale.ROOT, p < 0.001 ? "%.1e" : "%.1f%%", p < 0.001 ? p
                    : 100 * p)) + " of tokens";
        }
        return "—";
    }

    private static String firesOn(double log10) {
        double p = Math.pow(10, log10);
        return p < 1e-8 ? "never" : String.format(Locale.ROOT, p < 0.001 ? "%.1e of inputs" : "%.1f%% of inputs",
                p < 0.001 ? p : 100 * p);
    }

    private void figure(int row, int col, String name, String v) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.TEXT_MUTED);
        Label value = new Label(v);
        value.getStyleClass().add("number");
        figures.add(n, col, row);
        figures.add(value, col + 1, row);
    }

    private void tokenColumn(int col, String header, List<LogitLens.TokenLogit> list) {
        Label h = new Label(header);
        h.getStyleClass().add(Styles.TEXT_BOLD);
        h.setTooltip(new javafx.scene.control.Tooltip("Logit lens: the tokens whose logits this feature's decoder "
                + "direction raises most (top) and lowers most (bottom), centred over the vocabulary"));
        tokens.add(h, col, 0, 2, 1);
        for (int i = 0; i < list.size(); i++) {
            LogitLens.TokenLogit t = list.get(i);
            Label token = new Label(TokenText.show(t.text()));
            token.getStyleClass().add("token");
            Label logit = new Label(String.format(Locale.ROOT, "%+.3f", t.logit()));
            logit.getStyleClass().addAll(Styles.TEXT_MUTED, "number");
            tokens.add(token, col, i + 1);
            tokens.add(logit, col + 1, i + 1);
        }
        if (col == 0) {
            tokens.getColumnConstraints().setAll(new ColumnConstraints(120, 150, 220), new ColumnConstraints(60),
                    new ColumnConstraints(120, 150, 220), new ColumnConstraints(60));
        }
    }
}
