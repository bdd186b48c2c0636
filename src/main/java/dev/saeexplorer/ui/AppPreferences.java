package dev.saeexplorer.ui;

import java.util.Optional;
import java.util.prefs.Preferences;

/** What the app remembers between runs: window bounds, the theme and the last session file. */
public final class AppPreferences {
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

    public Optional<String> lastSession() {
        return Optional.ofNullable(prefs.get("session.last", null));
    }

    public void setLastSession(String path) {
        prefs.put("session.last", path);
    }
}
