package dev.saeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.ui.workspace.AppPreferences;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppPreferencesRecentTest {
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/recent-" + System.nanoTime());
    private final AppPreferences prefs = new AppPreferences(node);

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    @Test
    void recentListsAreMostRecentFirstWithoutDuplicatesAndBounded() {
        assertTrue(prefs.recent("checkpoint").isEmpty());
        prefs.addRecent("checkpoint", "/a");
        prefs.addRecent("checkpoint", "/b");
        prefs.addRecent("checkpoint", "/a");
        assertEquals(List.of("/a", "/b"), prefs.recent("checkpoint"));
        for (int i = 0; i < 12; i++) {
            prefs.addRecent("checkpoint", "/p" + i);
        }
        List<String> r = prefs.recent("checkpoint");
        assertEquals(AppPreferences.RECENT_LIMIT, r.size());
        assertEquals("/p11", r.get(0));
        assertEquals("/p4", r.get(7));
        assertTrue(prefs.recent("model").isEmpty(), "each kind has its own list");
        assertEquals(r, new AppPreferences(node).recent("checkpoint"), "remembered in the preferences");
    }

    @Test
    void kindsAreWordsSoTheyCannotCollideWithOtherKeys() {
        assertThrows(IllegalArgumentException.class, () -> prefs.recent("window.x"));
        assertThrows(IllegalArgumentException.class, () -> prefs.addRecent("", "/a"));
    }
}
