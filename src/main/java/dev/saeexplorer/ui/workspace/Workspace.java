package dev.saeexplorer.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.List;
import javafx.scene.Node;

/**
 * One workspace of the main window (Superposition, Training lab, Sparsity sweep, ...). The shell shows its view, offers
 * its charts and tables for export and saves/restores its state in the session file.
 */
public interface Workspace {
    /** Short title for the navigation rail, e.g. "Superposition". */
    String title();

    /** Ikonli icon literal for the navigation rail, e.g. "mdal-blur_on" (Material 2 pack). */
    String iconLiteral();

    /** The workspace's root node; built once. */
    Node view();

    /** Charts the user can export (PNG/SVG) from this workspace, in display order. */
    List<ExportableChart> charts();

    /** Tables the user can export (CSV) from this workspace. */
    List<ExportableTable> tables();

    /** This workspace's part of the session file (a JSON object); never null. */
    JsonNode saveState();

    /**
     * Restores from a session's JSON object. Throws {@link dev.saeexplorer.core.InvalidInputException} with a
     * message for people when the state is unusable; then nothing in the workspace may have changed.
     */
    void restoreState(JsonNode state);

    /** Stops background work (window closing). */
    default void shutdown() {
    }
}
