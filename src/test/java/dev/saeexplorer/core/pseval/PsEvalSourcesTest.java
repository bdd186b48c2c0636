package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the GUI reads pairs from: WiC folders with or without splits, and the bundled sample in the jar. */
class PsEvalSourcesTest {
    @TempDir
    Path dir;

    private void split(Path folder, String name, String... targets) throws IOException {
        Files.createDirectories(folder);
        StringBuilder data = new StringBuilder();
        StringBuilder gold = new StringBuilder();
        for (String t : targets) {
            data.append(t).append("\tN\t1-1\tThe ").append(t).append(" is here .\tA ").append(t).append(" again .\n");
            gold.append("T\n");
        }
        Files.writeString(folder.resolve(name + ".data.txt"), data);
        Files.writeString(folder.resolve(name + ".gold.txt"), gold);
    }

    @Test
    void aWicFolderWithSplitsIsReadAtTheChosenSplit() throws IOException {
        split(dir.resolve("dev"), "dev", "bank");
        split(dir.resolve("test"), "test", "bat", "plant");
        assertEquals(List.of("dev", "test"), PsEvalSources.splits(dir));
        assertEquals(2, PsEvalSources.wic(dir, "test").rows().size());
        assertEquals("dev-1", PsEvalSources.wic(dir, "dev").rows().get(0).id());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PsEvalSources.wic(dir, "train"));
        assertTrue(e.getMessage().contains("[dev, test]"), e.getMessage());
    }

    @Test
    void aFolderWithOneSplitOrASplitFileIsReadWhateverTheSplitSays() throws IOException {
        split(dir, "mine", "light");
        assertEquals(List.of("mine"), PsEvalSources.splits(dir));
        assertEquals("mine-1", PsEvalSources.wic(dir, "test").rows().get(0).id());
        assertEquals(1, PsEvalSources.wic(dir.resolve("mine.data.txt"), "test").rows().size());
        assertTrue(PsEvalSources.splits(dir.resolve("absent")).isEmpty());
    }

    @Test
    void theBundledSampleLoadsFromTheClasspath() {
        PsEvalDataset sample = PsEvalSources.bundledSample();
        assertEquals(44, sample.rows().size());
        assertTrue(sample.skipped().isEmpty());
        assertTrue(sample.source().contains("bundled"), sample.source());
    }
}
