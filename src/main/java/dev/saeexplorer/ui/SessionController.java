package dev.saeexplorer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SessionFile;
import dev.saeexplorer.ui.workspace.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and opens sessions. Opening is all or nothing: every workspace's current state is kept, and if any workspace
 * refuses its part of the file the ones already restored are put back, so nothing that was open is lost.
 */
public final class SessionController {
    private final List<Workspace> workspaces;

    public SessionController(List<Workspace> workspaces) {
        this.workspaces = List.copyOf(workspaces);
    }

    public void save(Path path, String activeWorkspace) {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        for (Workspace w : workspaces) {
            states.put(w.title(), w.saveState());
        }
        SessionFile.write(path, new SessionFile.Document(activeWorkspace, states));
    }

    /** Restores every workspace found in the file; returns the workspace that was active when it was saved. */
    public String open(Path path) {
        SessionFile.Document doc = SessionFile.read(path);
        Map<Workspace, JsonNode> before = new LinkedHashMap<>();
        for (Workspace w : workspaces) {
            before.put(w, w.saveState());
        }
        List<Workspace> restored = new java.util.ArrayList<>();
        try {
            for (Workspace w : workspaces) {
                JsonNode state = doc.workspaces().get(w.title());
                if (state != null) {
                    w.restoreState(state);
                    restored.add(w);
                }
            }
        } catch (InvalidInputException e) {
            for (Workspace w : restored) {
                w.restoreState(before.get(w));
            }
            throw new InvalidInputException(path + ": " + e.getMessage(), e);
        }
        return doc.activeWorkspace();
    }
}
