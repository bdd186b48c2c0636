package dev.saeexplorer.core.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenizer read from a model folder's vocab.json + merges.txt against JTokkit's r50k_base. */
class FolderTokenizerTest {
    private static final Path FILES = Path.of("").toAbsolutePath().resolve("../shared/data/gpt2-tokenizer")
            .normalize();

    private static void assumeFiles() {
        Assumptions.assumeTrue(Files.exists(FILES.resolve("vocab.json")) && Files.exists(FILES.resolve("merges.txt")),
                "../shared/data/gpt2-tokenizer is absent");
    }

    @Test
    void gpt2FilesTokeniseAsR50kOnTheWicTestSplit() throws Exception {
        assumeFiles();
        Gpt2Tokenizer folder = Gpt2Tokenizer.fromFolder(FILES);
        Gpt2Tokenizer r50k = Gpt2Tokenizer.r50k();
        assertArrayEquals(new int[] {15496, 995}, folder.encode("Hello world"));
        List<String> texts = new ArrayList<>(List.of("café – naïve 日本 😀", "  two  spaces\tand\ttabs\n", "it's we'll"));
        Path wic = FILES.resolve("../wic/test/test.data.txt").normalize();
        if (Files.exists(wic)) {
            for (String line : Files.readAllLines(wic, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                texts.add(f[3]);
                texts.add(f[4]);
            }
        }
        for (String t : texts) {
            int[] ids = folder.encode(t);
            assertArrayEquals(r50k.encode(t), ids, t);
            assertEquals(t, folder.decode(ids));
        }
        assertEquals("<|endoftext|>", folder.tokenString(Gpt2Tokenizer.BOS));
    }

    @Test
    void forModelFallsBackToR50kWithoutTokenizerFiles(@TempDir Path dir) {
        assertSame(Gpt2Tokenizer.r50k(), Gpt2Tokenizer.forModel(dir));
    }

    @Test
    void malformedFilesAreClearErrors(@TempDir Path dir) throws Exception {
        assumeFiles();
        String vocab = Files.readString(FILES.resolve("vocab.json"));
        List<String> merges = Files.readAllLines(FILES.resolve("merges.txt"));

        Files.writeString(dir.resolve("vocab.json"), "[1, 2]");
        Files.write(dir.resolve("merges.txt"), merges);
        assertTrue(message(dir).contains("expected a JSON object"));

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 0}");
        assertTrue(message(dir).contains("ids must be distinct"), message(dir));

        Files.writeString(dir.resolve("vocab.json"), vocab);
        List<String> bad = new ArrayList<>(merges);
        bad.set(5, "onlyonetoken");
        Files.write(dir.resolve("merges.txt"), bad);
        assertTrue(message(dir).contains("line 6 is not two tokens"), message(dir));

        Files.write(dir.resolve("merges.txt"), merges.subList(0, 1000)); // truncated
        assertTrue(message(dir).contains("merged tokens but vocab.json has 50000"), message(dir));

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0}");
        assertTrue(message(dir).contains("not GPT-2's vocabulary layout"), message(dir));
    }

    private static String message(Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Gpt2Tokenizer.fromFolder(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        return e.getMessage();
    }
}
