package dev.saeexplorer.ui.superposition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.ui.Workspace;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import javafx.scene.Node;

/** Workspace 1, the superposition playground (design/PRODUCT.md): W_p, S and x in; the closed-form SAE out, live. */
public final class PlaygroundWorkspace implements Workspace {
    private final PlaygroundViewModel vm;
    private final PlaygroundCharts charts;
    private PlaygroundView view;

    /** Create on the FX thread: the view model's outputs feed the charts there. Opens on the paper's Example 1. */
    public PlaygroundWorkspace(WorkspaceContext ctx) {
        this.vm = new PlaygroundViewModel(ctx);
        this.charts = new PlaygroundCharts(vm);
    }

    @Override
    public String title() {
        return "Superposition";
    }

    @Override
    public String iconLiteral() {
        return "mdal-grain";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new PlaygroundView(vm, charts);
        }
        return view;
    }

    @Override
    public List<ExportableChart> charts() {
        return charts.exportable();
    }

    @Override
    public List<ExportableTable> tables() {
        return PlaygroundTables.of(vm);
    }

    @Override
    public JsonNode saveState() {
        return vm.saveState();
    }

    @Override
    public void restoreState(JsonNode state) {
        vm.restoreState(state);
    }

    @Override
    public void shutdown() {
        vm.shutdown();
    }

    /** The view model, for tests and for a shell that wants to react to the playground's state. */
    public PlaygroundViewModel viewModel() {
        return vm;
    }
}
