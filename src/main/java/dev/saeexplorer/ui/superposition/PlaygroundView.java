package dev.saeexplorer.ui.superposition;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;

/**
 * The superposition playground's layout: inputs on the left; in the centre the arrow plane and the theorem conditions
 * beside x against x_m with its legend, then the Gram heat map beside the Monte-Carlo curves. It only shows what the
 * view model holds and forwards what the user does.
 */
public final class PlaygroundView extends BorderPane {
    private final PlaygroundViewModel vm;
    private final InputsPanel inputs;
    private final ArrowPlane arrows;
    private final Label noArrows = new Label();
    private final StatusLegend legend = new StatusLegend();
    private final TheoremPanel theorems = new TheoremPanel();

    PlaygroundView(PlaygroundViewModel vm, PlaygroundCharts charts) {
        this.vm = vm;
        getStyleClass().add("playground");
        getStylesheets().add(PlaygroundView.class.getResource("playground.css").toExternalForm());
        inputs = new InputsPanel(vm);
        arrows = new ArrowPlane(new ArrowPlane.Listener() {
            @Override
            public void dragStarted() {
                vm.setInteracting(true);
            }

            @Override
            public void moved(int column, double x, double y) {
                vm.moveColumn(column, x, y);
            }

            @Override
            public void dragEnded() {
                vm.setInteracting(false);
            }
        });
        noArrows.setWrapText(true);
        noArrows.getStyleClass().add(Styles.TEXT_MUTED);
        noArrows.setAlignment(Pos.CENTER);
        StackPane plane = new StackPane(arrows, noArrows);
        VBox.setVgrow(plane, Priority.ALWAYS);

        StackPane curves = new StackPane(viewer(charts.curves().chart()));
        Label pending = new Label("updating…");
        pending.getStyleClass().addAll(Styles.TEXT_SMALL, "playground-pending");
        pending.visibleProperty().bind(vm.curvesPendingProperty());
        StackPane.setAlignment(pending, Pos.TOP_RIGHT);
        StackPane.setMargin(pending, new Insets(6));
        curves.getChildren().add(pending);

        GridPane centre = new GridPane();
        centre.setHgap(10);
        centre.setVgap(10);
        centre.setPadding(new Insets(10));
        ColumnConstraints left = new ColumnConstraints();
        left.setPercentWidth(40);
        ColumnConstraints right = new ColumnConstraints();
        right.setPercentWidth(60);
        centre.getColumnConstraints().addAll(left, right);
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(50);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(50);
        centre.getRowConstraints().addAll(top, bottom);
        centre.add(card("W_p columns as arrows (drag a head)", plane), 0, 0);
        VBox featureBox = new VBox(6, grow(viewer(charts.features().chart())), legend);
        centre.add(card(null, featureBox), 1, 0);
        VBox gramBox = new VBox(8, grow(viewer(charts.gram().chart())), theorems);
        centre.add(card(null, gramBox), 0, 1);
        centre.add(card(null, grow(curves)), 1, 1);

        setLeft(inputs);
        setCenter(centre);
        vm.resultProperty().addListener((o, a, r) -> refresh());
        refresh();
    }

    Slider sparsitySlider() {
        return inputs.sparsitySlider();
    }

    ArrowPlane arrowPlane() {
        return arrows;
    }

    StatusLegend statusLegend() {
        return legend;
    }

    TheoremPanel theoremPanel() {
        return theorems;
    }

    MatrixGrid matrixGrid() {
        return inputs.grid();
    }

    private void refresh() {
        PlaygroundState s = vm.stateProperty().get();
        var r = vm.resultProperty().get();
        boolean plane = s.dims() == 2;
        arrows.setVisible(plane);
        noArrows.setVisible(!plane);
        if (plane) {
            arrows.show(s.superposition().matrix(), r.status());
        } else {
            noArrows.setText("Arrows need a 2-row W_p (n_p = 2); this one has n_p = " + s.dims()
                    + ". Edit the grid on the left, or load Example 1, Example 2 or a polygon.");
        }
        legend.show(r.status());
        theorems.show(s.superposition(), vm.geometryProperty().get(), r);
    }

    private static ChartViewer viewer(org.jfree.chart.JFreeChart chart) {
        ChartViewer v = new ChartViewer(chart);
        v.setMinSize(100, 100);
        return v;
    }

    private static <T extends Node> T grow(T n) {
        VBox.setVgrow(n, Priority.ALWAYS);
        return n;
    }

    private static VBox card(String title, Node content) {
        VBox box = new VBox(6);
        box.getStyleClass().add("playground-card");
        if (title != null) {
            Label l = new Label(title);
            l.getStyleClass().add(Styles.TEXT_BOLD);
            box.getChildren().add(l);
        }
        box.getChildren().add(content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setMinSize(0, 0);
        return box;
    }
}
