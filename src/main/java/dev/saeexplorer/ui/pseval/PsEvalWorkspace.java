package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.ModelWorkspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import javafx.scene.Node;

/**
 * Workspace 4, "PS-Eval": a GPT-2 model, an SAE checkpoint (and another to compare) and polysemous word pairs; the
 * confusion matrix, Table 7 beside the random-SAE baseline, and every pair with its features and logit-lens tokens.
 */
public final class PsEvalWorkspace extends ModelWorkspace<PsEvalViewModel, PsEvalView> {

    /** The app's workspace: the user's preferences and the Hugging Face cache of this environment. */
    public PsEvalWorkspace(WorkspaceContext ctx) {
        this(ctx, AppPreferences.forUser(), HuggingFaceCache.fromEnvironment(), EvaluationJob.EncoderFactory.MODEL);
    }

    /** For tests: preferences in a scratch node, a fake cache, a slowed-down encoder. */
    PsEvalWorkspace(WorkspaceContext ctx, AppPreferences prefs, HuggingFaceCache cache,
                    EvaluationJob.EncoderFactory encoders) {
        super(new PsEvalViewModel(ctx, prefs, cache, encoders));
    }

    @Override
    public String title() {
        return "PS-Eval";
    }

    @Override
    public String iconLiteral() {
        return "mdal-compare_arrows";
    }

    @Override
    public Node view() {
        return lazyView();
    }

    @Override
    protected PsEvalView createView() {
        return new PsEvalView(viewModel());
    }

    @Override
    public List<ExportableChart> charts() {
        return List.of(new ExportableChart("Polysemous distinction histogram", lazyView().distinctionChart()::chart));
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(PsEvalTables.metrics(viewModel()), PsEvalTables.pairs(viewModel()), PsEvalTables.world(viewModel()));
    }
}
