package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.ui.common.ExportableChart;
import java.util.List;

/**
 * The playground's three JFreeCharts, kept current from the view model whether or not the view is showing, so the
 * shell can export them at any time. The view model changes on the FX thread only, so the charts do too.
 */
final class PlaygroundCharts {
    private final FeatureChart features = new FeatureChart();
    private final GramHeatMap gram = new GramHeatMap();
    private final CurvesChart curves = new CurvesChart();

    PlaygroundCharts(PlaygroundViewModel vm) {
        vm.resultProperty().addListener((o, a, r) -> features.update(vm.x(), r));
        vm.stateProperty().addListener((o, a, s) -> {
            if (a == null || a.superposition() != s.superposition()) {
                gram.update(s.superposition());
            }
            curves.markSparsity(s.sparsity());
        });
        vm.curvesProperty().addListener((o, a, c) -> {
            if (c != null) {
                curves.update(c);
            }
        });
        features.update(vm.x(), vm.resultProperty().get());
        gram.update(vm.stateProperty().get().superposition());
        curves.markSparsity(vm.sparsity());
        if (vm.curvesProperty().get() != null) {
            curves.update(vm.curvesProperty().get());
        }
    }

    FeatureChart features() {
        return features;
    }

    GramHeatMap gram() {
        return gram;
    }

    CurvesChart curves() {
        return curves;
    }

    List<ExportableChart> exportable() {
        return List.of(new ExportableChart("playground-x-vs-xm", features::chart),
                new ExportableChart("playground-gram-matrix", gram::chart),
                new ExportableChart("playground-monte-carlo-curves", curves::chart));
    }
}
