package dev.saeexplorer.ui.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.ui.Workspace;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/** Workspace 3: SAE against WSAE over a grid of sparsities and seeds (the paper's Figures 2 and 3). */
public final class SweepWorkspace implements Workspace {
    private final WorkspaceContext ctx;
    private final SweepViewModel model;
    private SweepView view;

    public SweepWorkspace(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.model = new SweepViewModel(ctx);
    }

    /** The view model (for the shell's shortcuts and for tests). */
    public SweepViewModel model() {
        return model;
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
        if (view == null) {
            view = new SweepView(model, ctx);
        }
        return view;
    }

    @Override
    public List<ExportableChart> charts() {
        List<ExportableChart> out = new ArrayList<>();
        for (SweepFigure f : SweepFigure.values()) {
            out.add(new ExportableChart(f.exportName(), () -> model.chart(f)));
        }
        return out;
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(new ExportableTable("Sparsity sweep runs", SweepColumns.headers(),
                () -> SweepColumns.cells(List.copyOf(model.rows()))));
    }

    @Override
    public JsonNode saveState() {
        return model.saveState();
    }

    @Override
    public void restoreState(JsonNode state) {
        model.restoreState(state);
    }

    @Override
    public void shutdown() {
        model.shutdown();
    }
}
