package dev.saeexplorer.ui.pseval;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;

/**
 * The PS-Eval browser's scene graph: setup on the left; on the right the results (confusion matrix, Table 7, the
 * distinction histogram) or, without a model, what is needed and where the app looks; below them the pairs table and
 * the selected pair. On the polysemy world the right side is its five encoders' table alone. Ctrl+R runs and Esc cancels while the workspace is shown. It holds no state of its own.
 */
final class PsEvalView extends BorderPane {
    private static final String CSS = "pseval.css";

    private final PsEvalViewModel vm;
    private final DistinctionChart chart = new DistinctionChart();

    PsEvalView(PsEvalViewModel vm) {
        this.vm = vm;
        getStyleClass().add("pseval");
        var css = PsEvalView.class.getResource(CSS);
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        setLeft(new SetupPane(vm, this::window).node());
        PairsTable pairs = new PairsTable(vm);
        SplitPane bottom = new SplitPane(pairs.node(), new PairDetail(vm).node());
        bottom.setDividerPositions(0.62);
        Node top = top();
        SplitPane center = new SplitPane();
        center.setOrientation(Orientation.VERTICAL);
        center.setPadding(new Insets(6, 8, 8, 8));
        // The polysemy world has no sentences to browse: its results take the whole height.
        Runnable layout = () -> {
            if (vm.sourceProperty().get() == PsEvalSource.WORLD) {
                center.getItems().setAll(top);
            } else {
                center.getItems().setAll(top, bottom);
                center.setDividerPositions(0.4);
            }
        };
        vm.sourceProperty().addListener((obs, old, now) -> layout.run());
        layout.run();
        setCenter(center);
        sceneProperty().addListener((obs, old, now) -> shortcuts(now));

        vm.browser().histogramProperty().addListener((obs, old, now) -> chart.show(now,
                vm.browser().subsetProperty().get()));
        vm.browser().lensProperty().addListener((obs, old, now) -> mark(now));
    }

    DistinctionChart distinctionChart() {
        return chart;
    }

    private Node top() {
        NoModelPanel noModel = new NoModelPanel(vm);
        BooleanBinding world = vm.sourceProperty().isEqualTo(PsEvalSource.WORLD);
        BooleanBinding hasResults = vm.resultsProperty().isNotNull();
        BooleanBinding hasWorldResults = vm.worldResultsProperty().isNotNull();
        BooleanBinding showNoModel = world.not().and(vm.modelProperty().isNull()).and(hasResults.not());
        noModel.node().visibleProperty().bind(showNoModel);

        Label ready = new Label();
        ready.setId("pseval-ready");
        ready.setWrapText(true);
        ready.getStyleClass().addAll(Styles.TEXT_MUTED);
        ready.textProperty().bind(Bindings.createStringBinding(() -> !vm.runBlockerProperty().get().isEmpty()
                ? vm.runBlockerProperty().get()
                : vm.sourceProperty().get() == PsEvalSource.WORLD
                ? "Ready: press Run (Ctrl+R) to draw the polysemy world, train an SAE and a WSAE on it and score them"
                        + " beside the closed-form SAE, the true features and a random SAE."
                : "Ready: press Run (Ctrl+R) to evaluate the pairs.", vm.runBlockerProperty(), vm.sourceProperty()));
        StackPane readyBox = new StackPane(ready);
        readyBox.setPadding(new Insets(16));
        readyBox.setAlignment(Pos.TOP_LEFT);
        readyBox.visibleProperty().bind(Bindings.when(world).then(hasWorldResults.not())
                .otherwise(showNoModel.not().and(hasResults.not())));

        Node summary = summary();
        summary.visibleProperty().bind(world.not().and(hasResults));
        Node worldResults = new WorldResults(vm).node();
        worldResults.visibleProperty().bind(world.and(hasWorldResults));
        StackPane stack = new StackPane(noModel.node(), readyBox, summary, worldResults);
        stack.setMinHeight(0);
        return stack;
    }

    private Node summary() {
        ConfusionGrid confusion = new ConfusionGrid();
        vm.resultsProperty().addListener((obs, old, now) -> {
            if (now != null) {
                confusion.show(now);
            }
        });
        MetricsTable metrics = new MetricsTable(vm);
        ChartViewer viewer = new ChartViewer(chart.chart());
        viewer.setId("pseval-histogram");
        viewer.setMinSize(200, 150);
        ComboBox<DistinctionHistogram.Subset> subset = new ComboBox<>(FXCollections.observableArrayList(
                DistinctionHistogram.Subset.values()));
        subset.setId("pseval-histogram-subset");
        subset.valueProperty().bindBidirectional(vm.browser().subsetProperty());
        Label pairsOf = new Label("Pairs");
        pairsOf.getStyleClass().add(Styles.TEXT_SMALL);
        pairsOf.setMinWidth(Label.USE_PREF_SIZE);
        subset.setMaxWidth(260);
        subset.setMinWidth(0);
        HBox.setHgrow(subset, Priority.SOMETIMES);
        HBox chartBar = new HBox(6, pairsOf, subset);
        chartBar.setAlignment(Pos.CENTER_LEFT);
        VBox chartBox = new VBox(4, chartBar, viewer);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        chartBox.setMinWidth(260);

        Label title = new Label();
        title.setId("pseval-result-title");
        title.getStyleClass().add(Styles.TEXT_SMALL);
        title.textProperty().bind(Bindings.createStringBinding(() -> "Results: " + vm.resultTitleProperty().get(),
                vm.resultTitleProperty()));
        title.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(16, confusion.node(), metrics.node(), chartBox);
        VBox.setVgrow(row, Priority.ALWAYS);
        VBox box = new VBox(6, title, row);
        box.setMinHeight(0);
        box.getStyleClass().add("pseval-summary");
        return box;
    }

    private void mark(PairLens lens) {
        PairRow p = lens == null ? null : lens.row();
        if (p == null || p.a() == null) {
            chart.mark(null, null, null);
            return;
        }
        chart.mark(p.a().llmDistinction(), p.a().saeDistinction(), p.b() == null ? null : p.b().saeDistinction());
    }

    /** Ctrl+R and Esc belong to the scene; they act only while this workspace is the one shown. */
    private void shortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> {
            if (isVisible()) {
                vm.run();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (isVisible() && vm.runningProperty().get()) {
                vm.cancel();
            }
        });
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
