package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.ui.workspace.ModelWorkspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/** Workspace 3: SAE against WSAE over a grid of sparsities and seeds (the paper's Figures 2 and 3). */
public final class SweepWorkspace extends ModelWorkspace<SweepViewModel, SweepView> {
    private final WorkspaceContext ctx;

    public SweepWorkspace(WorkspaceContext ctx) {
        super(new SweepViewModel(ctx));
        this.ctx = ctx;
    }

    /** The view model (for the shell's shortcuts and for tests); the same as {@link #viewModel()}. */
    public SweepViewModel model() {
        return viewModel();
    }

    @Override
    public String title() {
        return "Sparsity sweep";
    }

    @Override
    public String iconLiteral() {
        return "mdmz-stacked_line_chart";
    }

    @Override
    public Node view() {
        return lazyView();
    }

    @Override
    protected SweepView createView() {
        return new SweepView(viewModel(), ctx);
    }

    @Override
    public List<ExportableChart> charts() {
        List<ExportableChart> out = new ArrayList<>();
        for (SweepFigure f : SweepFigure.values()) {
            out.add(new ExportableChart(f.exportName(), () -> viewModel().chart(f)));
        }
        return out;
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(new ExportableTable("Sparsity sweep runs", SweepColumns.headers(),
                () -> SweepColumns.cells(List.copyOf(viewModel().rows()))));
    }
}
