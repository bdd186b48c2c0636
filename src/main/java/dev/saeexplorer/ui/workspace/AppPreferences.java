package dev.saeexplorer.ui.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: window bounds, the theme, the last session file and, per kind of thing
 * (checkpoints, model folders, ...), the most recently opened paths.
 */
public final class AppPreferences {
    /** How many recent paths each kind keeps. */
    public static final int RECENT_LIMIT = 8;

    private final Preferences prefs;

    public AppPreferences(Preferences prefs) {
        this.prefs = prefs;
    }

    public static AppPreferences forUser() {
        return new AppPreferences(Preferences.userRoot().node("dev/saeexplorer"));
    }

    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    public Optional<WindowBounds> windowBounds() {
        double w = prefs.getDouble("window.width", -1);
        double h = prefs.getDouble("window.height", -1);
        if (w < 400 || h < 300) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(prefs.getDouble("window.x", Double.NaN), prefs.getDouble("window.y", Double.NaN),
                w, h, prefs.getBoolean("window.maximized", false)));
    }

    public void saveWindowBounds(WindowBounds b) {
        prefs.putDouble("window.x", b.x());
        prefs.putDouble("window.y", b.y());
        prefs.putDouble("window.width", b.width());
        prefs.putDouble("window.height", b.height());
        prefs.putBoolean("window.maximized", b.maximized());
    }

    public boolean darkTheme() {
        return prefs.getBoolean("theme.dark", false);
    }

    public void setDarkTheme(boolean dark) {
        prefs.putBoolean("theme.dark", dark);
    }

    /** Where the inspector keeps feature stores: ~/.sae-explorer/feature-stores unless set. */
    public java.nio.file.Path featureStores() {
        String set = prefs.get("featureStores", null);
        return set != null ? java.nio.file.Path.of(set)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".sae-explorer", "feature-stores");
    }

    public void setFeatureStores(java.nio.file.Path folder) {
        prefs.put("featureStores", folder.toAbsolutePath().toString());
    }

    public Optional<String> lastSession() {
        return Optional.ofNullable(prefs.get("session.last", null));
    }

    public void setLastSession(String path) {
        prefs.put("session.last", path);
    }

    /** The recent paths of {@code kind} (e.g. "checkpoint", "model"), most recent first; at most {@link #RECENT_LIMIT}. */
    public List<String> recent(String kind) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < RECENT_LIMIT; i++) {
            String p = prefs.get(recentKey(kind, i), null);
            if (p != null && !p.isBlank()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Puts {@code path} first in the recent list of {@code kind}; an older entry of the same path moves up. */
    public void addRecent(String kind, String path) {
        List<String> list = recent(kind);
        list.remove(path);
        list.add(0, path);
        for (int i = 0; i < RECENT_LIMIT; i++) {
            if (i < list.size()) {
                prefs.put(recentKey(kind, i), list.get(i));
            } else {
                prefs.remove(recentKey(kind, i));
            }
        }
    }

    /** One key per entry: a path is free text, so joining several into one value would need escaping. */
    private static String recentKey(String kind, int index) {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("recent kinds are lower-case words, got " + kind);
        }
        return "recent." + kind + "." + index;
    }
}
