package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.features.FeatureReport;
import dev.saeexplorer.core.features.FeatureStore;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A feature's dashboard, as SAEDashboard shows one: what it responds to. Its statistics over the corpus, its top
 * contexts with every token shaded by the feature's activation (hover: the value; the max token underlined) and
 * contexts from lower quantile bands, for the feature selected in the table.
 */
final class DashboardPane {
    static final String BUILD_ID = "dashboard-build";
    static final String HEADER_ID = "dashboard-header";
    static final String EXPORT_ID = "dashboard-export";

    private final ModelProbe probe;
    private final ReadOnlyIntegerProperty selected;
    private final Label header = new Label();
    private final VBox examples = new VBox(6);

    DashboardPane(ModelProbe probe, ReadOnlyIntegerProperty selected) {
        this.probe = probe;
        this.selected = selected;
    }

    Node node() {
        Button build = new Button("Build feature dashboards", new FontIcon("mdmz-play_arrow"));
        build.setId(BUILD_ID);
        build.setOnAction(e -> probe.buildDashboards());
        build.disableProperty().bind(probe.dashboardJobProperty().isNotNull());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(probe.dashboardJobProperty().isNull());
        cancel.setOnAction(e -> probe.cancel());
        ProgressBar bar = new ProgressBar(0);
        bar.visibleProperty().bind(probe.dashboardJobProperty().isNotNull());
        probe.dashboardJobProperty().addListener((obs, was, job) -> {
            bar.progressProperty().unbind();
            if (job != null) {
                bar.progressProperty().bind(job.progressProperty());
            }
        });
        Button export = new Button("Export HTML…", new FontIcon("mdal-get_app"));
        export.setId(EXPORT_ID);
        export.disableProperty().bind(probe.storeProperty().isNull().or(selected.lessThan(0)));
        export.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Export the dashboard of feature " + selected.get());
            chooser.setInitialFileName("feature-" + selected.get() + ".html");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("HTML page", "*.html"));
            java.io.File file = chooser.showSaveDialog(export.getScene().getWindow());
            if (file != null) {
                probe.exportDashboard(selected.get(), file.toPath());
            }
        });
        HBox controls = new HBox(8, build, cancel, export, bar);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(probe.noteProperty());
        note.setWrapText(true);
        header.setId(HEADER_ID);
        header.getStyleClass().add(Styles.TEXT_BOLD);
        header.setWrapText(true);
        ScrollPane scroll = new ScrollPane(examples);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        selected.addListener((obs, was, now) -> show());
        probe.storeProperty().addListener((obs, was, now) -> show());
        show();
        VBox box = new VBox(8, controls, note, header, scroll);
        box.setPadding(new Insets(8));
        return box;
    }

    private void show() {
        examples.getChildren().clear();
        FeatureStore store = probe.storeProperty().get();
        int feature = selected.get();
        if (store == null) {
            header.setText("Build the dashboards to see which texts make each feature fire (the model and the"
                    + " checkpoint it was trained on must be loaded).");
            return;
        }
        if (feature < 0 || feature >= store.features()) {
            header.setText("Select a feature in the table.");
            return;
        }
        FeatureReport r = store.feature(feature);
        header.setText(String.format(Locale.ROOT, "Feature %d: fires on %.3g%% of tokens · max %.4g · mean %.4g",
                feature, 100 * r.density(), r.maxActivation(), r.meanActivation()));
        IntFunction<String> text = probe::tokenText;
        if (r.examples().isEmpty()) {
            examples.getChildren().add(new Label("It never fired on this corpus (a dead feature here)."));
            return;
        }
        examples.getChildren().add(section("Top contexts"));
        add(r.examples(), r.maxActivation(), text);
        for (FeatureReport.QuantileBand band : r.quantileSamples()) {
            examples.getChildren().add(section(String.format(Locale.ROOT, "From the quantiles %.0f%%–%.0f%% of its"
                    + " context maxima", 100 * band.lowerQuantile(), 100 * band.upperQuantile())));
            add(band.examples(), r.maxActivation(), text);
        }
    }

    private void add(List<FeatureReport.Example> list, float scale, IntFunction<String> text) {
        for (FeatureReport.Example e : list) {
            examples.getChildren().add(shaded(e, scale, text));
        }
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    /** One context: each token a label shaded in the SAE's colour by its activation over the feature's max. */
    static FlowPane shaded(FeatureReport.Example e, float scale, IntFunction<String> text) {
        java.awt.Color c = ChartStyle.Role.SAE.colour();
        int[] ids = e.ids();
        float[] acts = e.activations();
        FlowPane row = new FlowPane();
        row.setHgap(0);
        row.setVgap(2);
        for (int i = 0; i < ids.length; i++) {
            double alpha = scale > 0 ? Math.max(0, Math.min(1, acts[i] / scale)) : 0;
            Label t = new Label(text.apply(ids[i]).replace("\n", "↵"));
            t.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%d,%d,%d,%.3f); -fx-padding: 1 0 1 0;%s",
                    c.getRed(), c.getGreen(), c.getBlue(), 0.85 * alpha,
                    i == e.position() ? " -fx-underline: true; -fx-font-weight: bold;" : ""));
            t.setTooltip(new Tooltip(String.format(Locale.ROOT, "%.4g", acts[i])));
            row.getChildren().add(t);
        }
        Label max = new Label(String.format(Locale.ROOT, "   max %.3g", e.max()));
        max.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        row.getChildren().add(max);
        return row;
    }
}
