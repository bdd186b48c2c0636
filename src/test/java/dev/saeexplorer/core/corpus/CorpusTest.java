package dev.saeexplorer.core.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    private static final Gpt2Tokenizer TOK = Gpt2Tokenizer.r50k();
    @TempDir
    Path dir;

    @Test
    void aTextFileIsOneDocumentPerLineAndBlankLinesAreSkipped() throws Exception {
        Path f = Files.writeString(dir.resolve("c.txt"), "first line\n\n   \r\nsecond line\r\nthird\n");
        Corpus c = Corpora.read(f, "test");
        assertEquals(List.of("first line", "second line", "third"), c.documents());
        assertEquals(64, c.sha256().length());
        Files.writeString(f, "first line\nsecond line changed\n");
        assertNotEquals(c.sha256(), Corpora.read(f, "test").sha256(), "the hash follows the bytes");
    }

    @Test
    void aJsonlFileGivesItsTextFields() throws Exception {
        Path f = Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"alpha beta\", \"id\": 1}\n\n{\"text\": \"gamma\"}\n");
        assertEquals(List.of("alpha beta", "gamma"), Corpora.read(f, "test").documents());
    }

    @Test
    void theBundledCorpusIsThere() {
        Corpus c = Corpora.bundled();
        assertEquals(58, c.documents().size());
        assertTrue(c.documents().get(0).startsWith("The river bank"));
    }

    @Test
    void contextsAreConsecutiveChunksOfAtMostSizeMinusOneEachAfterBos() {
        String doc = "one two three four five six seven eight nine ten eleven";
        int[] ids = TOK.encode(doc);
        Corpus c = new Corpus("t", List.of(doc, "short"), "x");
        TokenContexts t = TokenContexts.of(c, TOK, 5, null, 1024);
        // Independent of the implementation: the reference cut written out.
        List<int[]> expected = new ArrayList<>();
        for (int from = 0; from < ids.length; from += 4) {
            int[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 4));
            int[] withBos = new int[chunk.length + 1];
            withBos[0] = 50256;
            System.arraycopy(chunk, 0, withBos, 1, chunk.length);
            expected.add(withBos);
        }
        expected.add(new int[] {50256, TOK.encode("short")[0]});
        assertEquals(expected.size(), t.contexts().size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), t.contexts().get(i), "context " + i);
        }
        assertEquals(ids.length + 1, t.tokens());
    }

    @Test
    void aTokenBudgetTakesWholeContextsUntilItIsReached() {
        String doc = "one two three four five six seven eight nine ten eleven";
        Corpus c = new Corpus("t", List.of(doc, doc), "x");
        TokenContexts t = TokenContexts.of(c, TOK, 5, 5L, 1024);
        assertEquals(2, t.contexts().size(), "4 tokens, then 4 more: at least 5");
        assertEquals(8, t.tokens());
        assertEquals(1, TokenContexts.of(c, TOK, 5, 4L, 1024).contexts().size());
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() throws Exception {
        Corpus c = new Corpus("t", List.of("some text"), "x");
        assertEquals(Param.CONTEXT_SIZE, assertThrows(InvalidInputException.class,
                () -> TokenContexts.of(c, TOK, 1, null, 1024)).parameter());
        assertEquals(Param.CONTEXT_SIZE, assertThrows(InvalidInputException.class,
                () -> TokenContexts.of(c, TOK, 1025, null, 1024)).parameter());
        assertEquals(Param.MAX_TOKENS, assertThrows(InvalidInputException.class,
                () -> TokenContexts.of(c, TOK, 8, 0L, 1024)).parameter());

        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n \n");
        assertTrue(message(empty).contains("holds no text"));
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28});
        assertTrue(message(bad).contains("not valid UTF-8"));
        Path huge = Files.writeString(dir.resolve("huge.txt"), "a".repeat(10_000_000));
        assertTrue(message(huge).contains("line 1 has 10000000 characters"), message(huge));
        Path noText = Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"fine\"}\n{\"body\": \"x\"}\n");
        assertTrue(message(noText).contains("line 2 has no string field \"text\""), message(noText));
        Path notJson = Files.writeString(dir.resolve("d.jsonl"), "{\"text\": \"fine\"}\n\n{oops\n");
        assertTrue(message(notJson).contains("line 3 is not JSON"), message(notJson));
        assertTrue(message(dir.resolve("missing.txt")).contains("no such corpus"));
        Path spaces = Files.write(dir.resolve("ws.jsonl"), "{\"text\": \"\"}\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(message(spaces).contains("holds no text"));
    }

    private static String message(Path p) {
        return assertThrows(InvalidInputException.class, () -> Corpora.read(p, "test")).getMessage();
    }
}
