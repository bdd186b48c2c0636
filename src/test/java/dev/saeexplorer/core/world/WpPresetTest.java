package dev.saeexplorer.core.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.superposition.Superposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WpPresetTest {

    @Test
    void everyPresetBuildsAtItsDeclaredSize() {
        for (WpPreset p : WpPreset.values()) {
            Superposition sp = p.build();
            assertEquals(p.features(), sp.features(), p.id());
            assertEquals(p.dims(), sp.dims(), p.id());
            assertTrue(sp.dims() <= sp.features(), p.id());
        }
    }

    @Test
    void theListedIdsAreTheCatalogue() {
        assertEquals(Arrays.stream(WpPreset.values()).map(WpPreset::id).collect(Collectors.joining(", ")), WpPreset.IDS);
        for (WpPreset p : WpPreset.values()) {
            assertSame(p, WpPreset.byId(p.id()));
            assertSame(p, WpPreset.byId(" " + p.id().toUpperCase() + " "));
        }
        assertNull(WpPreset.byId("martian"));
        assertNull(WpPreset.byId(null));
    }

    @Test
    void trianglesMeetTheorem2sConditionWithOneFeatureMorePerPlaneThanDimensions() {
        double[][] w = WpPreset.TRIANGLES.build().matrix();
        assertEquals(20, w.length);
        assertEquals(30, w[0].length);
        for (int i = 0; i < 30; i++) {
            for (int j = i; j < 30; j++) {
                double dot = 0;
                for (double[] row : w) {
                    dot += row[i] * row[j];
                }
                // Unit columns; −½ between the three features of a plane (cos 120°), 0 across planes.
                double expected = i == j ? 1 : i / 3 == j / 3 ? -0.5 : 0;
                assertEquals(expected, dot, 1e-12, "features " + i + ", " + j);
            }
        }
    }

    @Test
    void thePapersExamplesAreItsMatrices() {
        assertArrayEquals(new double[][] {{1, 0, 0}, {0, 1, -1}}, WpPreset.EXAMPLE_1.build().matrix());
        assertArrayEquals(new double[] {0.5, 1.0, 0.8}, WpPreset.EXAMPLE_1.exampleX());
        assertNull(WpPreset.DIGONS.exampleX());
    }

    @Test
    void resizablePresetsFollowTheirSizesAndTheRestIgnoreThem() {
        assertEquals(6, WpPreset.DIGONS.build(99, 3, 0).features());
        assertEquals(4, WpPreset.IDENTITY.build(4, 99, 0).dims());
        Superposition a = WpPreset.RANDOM_NON_POSITIVE.build(8, 5, 3);
        assertEquals(8, a.features());
        assertArrayEquals(a.matrix(), WpPreset.RANDOM_NON_POSITIVE.build(8, 5, 3).matrix(), "the seed fixes it");
        assertEquals(3, WpPreset.EXAMPLE_2.build(50, 50, 0).features());
        assertTrue(WpPreset.RANDOM_NON_POSITIVE.takesSeed() && !WpPreset.DIGONS.takesSeed());
    }

    @Test
    void aWpArgumentNamesAPresetOrGivesAMatrix(@TempDir Path dir) throws Exception {
        assertArrayEquals(WpPreset.DIGONS.build().matrix(), WpPreset.load("preset:digons", "--wp").matrix());
        assertArrayEquals(WpPreset.TOY_MODEL.build().matrix(), WpPreset.load("PRESET:toy-model", "--wp").matrix());
        assertArrayEquals(new double[][] {{1, 0}, {0, 1}}, WpPreset.load("[[1,0],[0,1]]", "--wp").matrix());
        Path file = Files.writeString(dir.resolve("wp.json"), "{\"wp\": [[1, -1]]}");
        assertEquals(2, WpPreset.load(file.toString(), "--wp").features());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WpPreset.load("preset:nope", "--wp"));
        assertEquals("--wp: there is no preset 'nope'; the catalogue has " + WpPreset.IDS, e.getMessage());
        assertThrows(InvalidInputException.class, () -> WpPreset.load("preset:", "--wp"));
        assertThrows(InvalidInputException.class, () -> WpPreset.load("", "--wp"));
    }
}
