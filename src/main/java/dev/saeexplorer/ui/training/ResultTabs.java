package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.sae.TrainingSnapshot;
import dev.saeexplorer.ui.common.ExportableChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/**
 * The result views of the last finished run, one tab each: W_m against W_pᵀ after matching, the latent–feature
 * recovery matrix, per-latent histograms, and the L0 / dead-latent curves (live).
 */
final class ResultTabs {
    private static final int BINS = 40;

    private final TrainingLabViewModel vm;
    private final TabPane tabs = new TabPane();
    private final Heatmap[] cosine = new Heatmap[2];
    private final Heatmap[] recovery = new Heatmap[2];
    private final HistogramChart histogram = new HistogramChart();
    private final LossChart l0;
    private final LossChart dead;
    private final ComboBox<ModelKind> histogramModel = new ComboBox<>(FXCollections.observableArrayList(ModelKind.values()));
    private final ComboBox<Integer> histogramLatent = new ComboBox<>();

    ResultTabs(TrainingLabViewModel vm) {
        this.vm = vm;
        for (ModelKind kind : ModelKind.values()) {
            cosine[kind.ordinal()] = new Heatmap(kind.label() + ": W_m rows against W_p columns",
                    "feature i′ (column of W_p)", "feature i (row of its matched latent)", "cosine");
            recovery[kind.ordinal()] = new Heatmap(kind.label() + ": latent–feature correlation",
                    "feature i", "latent (ordered by matching)", "correlation");
        }
        l0 = new LossChart("Mean L0", "Active latents per sample, mean over the batch", "active latents", false,
                vm.curve(ModelKind.SAE), vm.curve(ModelKind.WSAE), List.of(""),
                List.<ToDoubleFunction<TrainingSnapshot>>of(TrainingSnapshot::meanL0));
        dead = new LossChart("Dead latents", "Latents that have not fired within the dead window", "dead latents",
                false, vm.curve(ModelKind.SAE), vm.curve(ModelKind.WSAE), List.of(""),
                List.<ToDoubleFunction<TrainingSnapshot>>of(s -> s.deadLatents()));

        l0.useCountAxis();
        dead.useCountAxis();
        tabs.getTabs().addAll(
                tab("W_m vs W_pᵀ", pair(cosine), "For feature i, the encoder row of its matched latent against every "
                        + "column of W_p: a bright red diagonal means each feature was recovered."),
                tab("Latent–feature recovery", pair(recovery), "Correlation of each latent's activation with each "
                        + "feature over the evaluation sample; rows are latents in matching order, unmatched last."),
                tab("Latent histograms", histogramPane(), null),
                tab("L0 and dead latents", sideBySide(new ChartViewer(l0.chart()), new ChartViewer(dead.chart())), null));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.outcomeProperty().addListener((obs, old, now) -> show(now));
        histogramModel.setValue(ModelKind.SAE);
        histogramModel.valueProperty().addListener((obs, old, now) -> refillLatents());
        histogramLatent.valueProperty().addListener((obs, old, now) -> updateHistogram());
    }

    Node node() {
        return tabs;
    }

    /** The charts the shell may export, in tab order. */
    List<ExportableChart> charts() {
        List<ExportableChart> out = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            out.add(new ExportableChart(kind.label() + " W_m vs W_p", cosine[kind.ordinal()]::chart));
        }
        for (ModelKind kind : ModelKind.values()) {
            out.add(new ExportableChart(kind.label() + " recovery matrix", recovery[kind.ordinal()]::chart));
        }
        out.add(new ExportableChart("Latent histogram", histogram::chart));
        out.add(new ExportableChart("Mean L0", l0::chart));
        out.add(new ExportableChart("Dead latents", dead::chart));
        return out;
    }

    private void show(LabOutcome o) {
        for (ModelKind kind : ModelKind.values()) {
            ModelOutcome m = o == null ? null : o.of(kind);
            cosine[kind.ordinal()].show(m == null ? null : m.cosine(), m == null ? null
                    : String.format(Locale.ROOT, "mean cosine on the diagonal %.3f; grey rows: feature without a latent",
                    m.meanMatchedCosine()));
            recovery[kind.ordinal()].show(m == null ? null : m.recovery(), m == null ? null
                    : matchedCount(m) + " of " + m.metrics().latentOfFeature().length + " features matched to a latent");
        }
        refillLatents();
    }

    private static int matchedCount(ModelOutcome m) {
        int n = 0;
        for (int j : m.metrics().latentOfFeature()) {
            n += j >= 0 ? 1 : 0;
        }
        return n;
    }

    private void refillLatents() {
        LabOutcome o = vm.outcomeProperty().get();
        if (o == null) {
            histogramLatent.getItems().clear();
            histogram.clear();
            return;
        }
        ModelOutcome m = o.of(histogramModel.getValue());
        List<Integer> order = new ArrayList<>();
        for (int j : m.latentOrder()) {
            order.add(j);
        }
        Integer keep = histogramLatent.getValue();
        histogramLatent.getItems().setAll(order);
        histogramLatent.setValue(keep != null && order.contains(keep) ? keep : order.get(0));
        updateHistogram();
    }

    private void updateHistogram() {
        LabOutcome o = vm.outcomeProperty().get();
        Integer latent = histogramLatent.getValue();
        if (o == null || latent == null) {
            return;
        }
        ModelKind kind = histogramModel.getValue();
        histogram.show(kind, latent, o.of(kind).featureOf(latent), vm.histogram(kind, latent, BINS));
    }

    private Node histogramPane() {
        histogramLatent.setCellFactory(list -> new LatentCell());
        histogramLatent.setButtonCell(new LatentCell());
        histogramLatent.setPrefWidth(200);
        histogramModel.setPrefWidth(110);
        Label modelLabel = new Label("Model");
        modelLabel.setLabelFor(histogramModel);
        Label latentLabel = new Label("Latent");
        latentLabel.setLabelFor(histogramLatent);
        HBox controls = new HBox(8, modelLabel, histogramModel, latentLabel, histogramLatent);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(8, 10, 4, 10));
        controls.disableProperty().bind(vm.outcomeProperty().isNull());
        BorderPane pane = new BorderPane(new ChartViewer(histogram.chart()));
        pane.setTop(controls);
        return pane;
    }

    /** "latent 7 → feature 3" so the list reads in the matching's terms. */
    private final class LatentCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer latent, boolean empty) {
            super.updateItem(latent, empty);
            LabOutcome o = vm.outcomeProperty().get();
            if (empty || latent == null || o == null) {
                setText(null);
                return;
            }
            int feature = o.of(histogramModel.getValue()).featureOf(latent);
            setText("latent " + latent + (feature >= 0 ? " → feature " + feature : " (unmatched)"));
        }
    }

    private static Node pair(Heatmap[] maps) {
        return sideBySide(new ChartViewer(maps[0].chart()), new ChartViewer(maps[1].chart()));
    }

    private static Node sideBySide(Node left, Node right) {
        GridPane g = new GridPane();
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        javafx.scene.layout.RowConstraints full = new javafx.scene.layout.RowConstraints();
        full.setVgrow(Priority.ALWAYS);
        g.getColumnConstraints().setAll(half, half);
        g.getRowConstraints().setAll(full);
        g.add(left, 0, 0);
        g.add(right, 1, 0);
        g.setHgap(6);
        g.setPadding(new Insets(4));
        return g;
    }

    private static Tab tab(String title, Node content, String caption) {
        Node body = content;
        if (caption != null) {
            Label note = new Label(caption);
            note.getStyleClass().addAll(atlantafx.base.theme.Styles.TEXT_MUTED, atlantafx.base.theme.Styles.TEXT_SMALL);
            note.setWrapText(true);
            note.setPadding(new Insets(6, 10, 0, 10));
            VBox.setVgrow(content, Priority.ALWAYS);
            body = new VBox(note, content);
        }
        return new Tab(title, body);
    }
}
