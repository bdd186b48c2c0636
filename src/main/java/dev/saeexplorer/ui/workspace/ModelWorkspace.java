package dev.saeexplorer.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The frame the workspaces share: the view model holds the session state and the background work, and the view is
 * built the first time it is asked for (a workspace never opened builds none).
 *
 * @param <M> the view model
 * @param <V> the view
 */
public abstract class ModelWorkspace<M extends WorkspaceModel, V> implements Workspace {
    private final M viewModel;
    private V view;

    protected ModelWorkspace(M viewModel) {
        this.viewModel = viewModel;
    }

    /** The view model: for the shell's shortcuts, the screenshot tour and tests. */
    public M viewModel() {
        return viewModel;
    }

    /** Builds the view; called once, on first use. */
    protected abstract V createView();

    /** The view, built on first use. */
    protected final V lazyView() {
        if (view == null) {
            view = createView();
        }
        return view;
    }

    @Override
    public JsonNode saveState() {
        return viewModel.saveState();
    }

    @Override
    public void restoreState(JsonNode state) {
        viewModel.restoreState(state);
    }

    @Override
    public void shutdown() {
        viewModel.shutdown();
    }
}
