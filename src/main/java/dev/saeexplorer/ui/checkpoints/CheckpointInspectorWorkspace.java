package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.ModelWorkspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;

/**
 * Workspace 5, "Checkpoints": an SAE checkpoint's configuration, weight statistics, activation densities and features
 * (with logit-lens tokens when a model is loaded), optionally side by side with a second checkpoint. It opens on the
 * bundled toy SAE, so there is something to see with no files on disk.
 */
public final class CheckpointInspectorWorkspace
        extends ModelWorkspace<CheckpointInspectorViewModel, CheckpointInspectorView> {

    public CheckpointInspectorWorkspace(WorkspaceContext ctx) {
        this(ctx, AppPreferences.forUser(), () -> HuggingFaceCache.fromEnvironment().gpt2Models(),
                () -> HuggingFaceCache.fromEnvironment().saes());
    }

    /** With explicit preferences and model cache (tests). */
    public CheckpointInspectorWorkspace(WorkspaceContext ctx, AppPreferences prefs,
                                        java.util.function.Supplier<List<HuggingFaceCache.CachedModel>> cache) {
        this(ctx, prefs, cache, List::of);
    }

    /** With explicit preferences, model cache and SAE cache (tests). */
    public CheckpointInspectorWorkspace(WorkspaceContext ctx, AppPreferences prefs,
                                        java.util.function.Supplier<List<HuggingFaceCache.CachedModel>> cache,
                                        java.util.function.Supplier<List<
                                                dev.saeexplorer.core.lm.CachedSaes.CachedSae>> saeCache) {
        super(new CheckpointInspectorViewModel(ctx, prefs, cache, saeCache));
        viewModel().open(new CheckpointSource.Bundled(BundledSample.TOY_SAE));
        viewModel().refreshCachedModels();
        viewModel().refreshCachedSaes();
    }

    @Override
    public String title() {
        return "Checkpoints";
    }

    @Override
    public String iconLiteral() {
        return "mdal-folder_open";
    }

    @Override
    public Node view() {
        return lazyView();
    }

    @Override
    protected CheckpointInspectorView createView() {
        return new CheckpointInspectorView(viewModel());
    }

    @Override
    public List<ExportableChart> charts() {
        return lazyView().charts();
    }

    @Override
    public List<ExportableTable> tables() {
        return List.of(
                new ExportableTable("Checkpoint configuration", ConfigRow.COLUMNS,
                        () -> viewModel().configRows().stream().map(ConfigRow::cells).collect(Collectors.toList())),
                new ExportableTable("Checkpoint features", FeatureRow.COLUMNS,
                        () -> viewModel().features().all().stream().map(FeatureRow::cells).collect(Collectors.toList())),
                new ExportableTable("Spliced metrics", ProbePane.MetricRow.COLUMNS,
                        () -> ProbePane.rows(viewModel().probe().spliceProperty().get(),
                                viewModel().probe().spliceBProperty().get()).stream()
                                .map(ProbePane.MetricRow::cells).collect(Collectors.toList())),
                new ExportableTable("Prompt features", ProbePane.TOKEN_COLUMNS,
                        () -> ProbePane.rows(viewModel().probe().promptProperty().get()).stream()
                                .map(ProbePane.TokenRow::cells).collect(Collectors.toList())));
    }
}
