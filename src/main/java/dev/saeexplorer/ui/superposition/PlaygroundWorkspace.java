package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.ui.workspace.ModelWorkspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import javafx.scene.Node;

/** Workspace 1, the superposition playground (design/PRODUCT.md): W_p, S and x in; the closed-form SAE out, live. */
public final class PlaygroundWorkspace extends ModelWorkspace<PlaygroundViewModel, PlaygroundView> {
    private final PlaygroundCharts charts;

    /** Create on the FX thread: the view model's outputs feed the charts there. Opens on the paper's Example 1. */
    public PlaygroundWorkspace(WorkspaceContext ctx) {
        super(new PlaygroundViewModel(ctx));
        this.charts = new PlaygroundCharts(viewModel());
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
        return lazyView();
    }

    @Override
    protected PlaygroundView createView() {
        return new PlaygroundView(viewModel(), charts);
    }

    @Override
    public List<ExportableChart> charts() {
        return charts.exportable();
    }

    @Override
    public List<ExportableTable> tables() {
        return PlaygroundTables.of(viewModel());
    }
}
