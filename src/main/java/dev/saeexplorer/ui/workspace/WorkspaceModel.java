package dev.saeexplorer.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;

/** What a workspace's view model does for the shell: the session state and the background work it owns. */
public interface WorkspaceModel {
    /** See {@link Workspace#saveState()}. */
    JsonNode saveState();

    /** See {@link Workspace#restoreState(JsonNode)}. */
    void restoreState(JsonNode state);

    /** Stops background work (window closing). */
    void shutdown();
}
