package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.workspace.AppPreferences;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model folders, checkpoints and pair files opened recently, remembered between runs through {@link AppPreferences}
 * (shared with the other workspaces for models and checkpoints), as lists the setup pane's menus follow.
 */
public final class RecentPaths {
    /** The kinds this workspace remembers; models and checkpoints use the app-wide lists. */
    public enum Kind {
        MODEL("model"), CHECKPOINT("checkpoint"), WIC("pseval-wic"), JSON("pseval-json");

        private final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private final AppPreferences prefs;
    private final Map<Kind, ObservableList<Path>> lists = new EnumMap<>(Kind.class);

    RecentPaths(AppPreferences prefs) {
        this.prefs = prefs;
        for (Kind k : Kind.values()) {
            lists.put(k, FXCollections.observableArrayList(read(k)));
        }
    }

    /** Most recent first. */
    public ObservableList<Path> list(Kind kind) {
        return lists.get(kind);
    }

    void add(Kind kind, Path path) {
        prefs.addRecent(kind.key, path.toAbsolutePath().normalize().toString());
        lists.get(kind).setAll(read(kind));
    }

    private List<Path> read(Kind kind) {
        List<Path> out = new ArrayList<>();
        for (String s : prefs.recent(kind.key)) {
            try {
                out.add(Path.of(s));
            } catch (InvalidPathException e) {
                // written on another operating system: not a path here, so not offered
            }
        }
        return out;
    }
}
