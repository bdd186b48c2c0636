package dev.saeexplorer.ui;

import java.util.List;

/** The workspaces of this release, in navigation order. */
public final class Workspaces {
    private Workspaces() {
    }

    public static List<Workspace> create(WorkspaceContext ctx) {
        return List.of();
    }
}
