package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.ui.common.ExportableChart;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.fx.ChartViewer;

/**
 * The distributions of the features: decoder norms, encoder/decoder cosines and activation densities side by side
 * (B overlaid when comparing), and the best-match histogram of A's features in B on a tab of its own.
 */
final class DistributionPane {
    private final CheckpointInspectorViewModel vm;
    private final Map<Distribution, HistogramFigure> figures = new EnumMap<>(Distribution.class);
    private final TabPane tabs = new TabPane();
    private final Tab compare;

    DistributionPane(CheckpointInspectorViewModel vm) {
        this.vm = vm;
        for (Distribution d : Distribution.values()) {
            figures.put(d, new HistogramFigure(d));
        }
        GridPane row = new GridPane();
        ColumnConstraints third = new ColumnConstraints();
        third.setPercentWidth(100.0 / 3);
        third.setHgrow(Priority.ALWAYS);
        RowConstraints full = new RowConstraints();
        full.setVgrow(Priority.ALWAYS);
        row.getColumnConstraints().setAll(third, third, third);
        row.getRowConstraints().setAll(full);
        row.add(viewer(Distribution.DECODER_NORM), 0, 0);
        row.add(viewer(Distribution.ENC_DEC_COSINE), 1, 0);
        row.add(viewer(Distribution.LOG10_DENSITY), 2, 0);
        row.setHgap(4);
        row.setPadding(new Insets(4));
        compare = new Tab("Best match in B", viewer(Distribution.BEST_MATCH));
        tabs.getTabs().addAll(new Tab("Distributions", row), compare);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.distributionsProperty().addListener((obs, old, now) -> show(now));
        show(vm.distributionsProperty().get());
    }

    /** Adds tabs after the distributions (the model probe's). */
    void addTabs(java.util.List<Tab> more) {
        tabs.getTabs().addAll(more);
    }

    Node node() {
        return tabs;
    }

    List<ExportableChart> charts() {
        List<ExportableChart> out = new ArrayList<>();
        for (Distribution d : Distribution.values()) {
            out.add(new ExportableChart(d.title(), figures.get(d)::chart));
        }
        return out;
    }

    private Node viewer(Distribution d) {
        ChartViewer v = new ChartViewer(figures.get(d).chart());
        v.setMinSize(120, 120);
        return v;
    }

    private void show(Map<Distribution, HistogramPair> pairs) {
        InspectedCheckpoint a = vm.primaryProperty().get();
        InspectedCheckpoint b = vm.comparisonProperty().get();
        String nameA = a == null ? "" : a.source().name();
        String nameB = b == null ? "" : b.source().name();
        pairs.forEach((d, p) -> figures.get(d).show(p, nameA, nameB));
        compare.setText(b == null ? "Best match in B" : "Best match in B: " + nameB);
    }
}
