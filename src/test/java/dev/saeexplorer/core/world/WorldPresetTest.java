package dev.saeexplorer.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorldPresetTest {
    @Test
    void everyBundledWorldIsTheCommittedSweepsFileAndChecksAgainstItsWp() throws Exception {
        for (WorldPreset p : WorldPreset.values()) {
            assertEquals(p, WorldPreset.byId(p.id().toUpperCase()));
            assertTrue(WorldPreset.IDS.contains(p.id()));
            assertTrue(p.verdict().startsWith("The committed sweep"), p.verdict());
            if (p.isUniform()) {
                assertThrows(IllegalStateException.class, p::load);
                continue;
            }
            World w = p.load();
            assertEquals(WorldFile.read(Path.of("assets/sweep/worlds/" + p.id() + ".json")), w,
                    "sample-data/worlds holds the very worlds the sweep ran");
            assertEquals(40, w.superposition().features());
            w.atSparsity(0.6, 40).check(40);
        }
        assertNull(WorldPreset.byId("moon"));
        assertTrue(Files.isRegularFile(Path.of("sample-data/worlds/zipf.json")));
    }
}
