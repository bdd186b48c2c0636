package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorsJsonLoaderTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"id\": \"wic-7\", \"context_1\": \"Room and board.\", "
            + "\"context_2\": \"He nailed boards.\", \"target_word\": \"board\", \"pos\": \"N\", "
            + "\"target_word_location_1\": {\"char_start\": 9, \"char_end\": 14}, "
            + "\"target_word_location_2\": {\"char_start\": 10, \"char_end\": 16}, \"language\": \"en\", \"label\": 0}";

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsAJsonArray() throws IOException {
        Path p = write("rows.json", "[\n" + GOOD + ",\n"
                + "{\"context_1\": \"a x\", \"context_2\": \"b x\", \"target_word\": \"x\", \"label\": \"T\"},\n"
                + "{\"id\": 3, \"context_1\": \"a\", \"context_2\": \"b\", \"target_word\": \"x\", \"label\": 2},\n"
                + "{\"id\": 4, \"context_1\": \"a\", \"context_2\": \"b\", \"target_word\": \"x\", \"label\": 1,\n"
                + "  \"target_word_location_1\": {\"char_start\": 0, \"char_end\": 9}}\n]\n");
        PsEvalDataset ds = AuthorsJsonLoader.load(p);
        assertEquals(2, ds.rows().size());
        PsEvalRow r = ds.rows().get(0);
        assertEquals("wic-7", r.id());
        assertEquals(0, r.label());
        assertEquals("N", r.pos());
        assertEquals("board", r.span1().of(r.context1()));
        assertEquals("boards", r.span2().of(r.context2()));
        assertEquals(-1, r.wordIndex1());
        PsEvalRow second = ds.rows().get(1);
        assertEquals("rows.json-3", second.id());
        assertEquals(1, second.label());
        assertNull(second.span1());
        assertEquals(2, ds.skipped().size());
        assertEquals(new SkippedRow(p.toString(), 4, "label 2 is not T, F, 0 or 1"), ds.skipped().get(0));
        assertEquals(5, ds.skipped().get(1).line());
        assertTrue(ds.skipped().get(1).reason().contains("target_word_location_1 [0, 9) out of range"),
                ds.skipped().get(1).reason());
    }

    @Test
    void readsJsonLines() throws IOException {
        Path p = write("rows.jsonl", GOOD + "\n\n{not json}\n"
                + "{\"id\": \"b\", \"context_1\": \"a\", \"context_2\": \"b\", \"target_word\": \"x\", \"label\": true}\n"
                + "{\"id\": \"c\", \"context_2\": \"b\", \"target_word\": \"x\", \"label\": 1}\n"
                + "[1, 2]\n");
        PsEvalDataset ds = AuthorsJsonLoader.load(p);
        assertEquals(2, ds.rows().size());
        assertEquals(1, ds.rows().get(1).label());
        assertEquals(3, ds.skipped().size());
        assertEquals(3, ds.skipped().get(0).line());
        assertTrue(ds.skipped().get(0).reason().startsWith("not valid JSON"));
        assertEquals(new SkippedRow(p.toString(), 5, "missing field context_1"), ds.skipped().get(1));
        assertEquals(new SkippedRow(p.toString(), 6, "expected a JSON object"), ds.skipped().get(2));
    }

    @Test
    void errors() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AuthorsJsonLoader.load(write("empty.json", "[]")));
        assertTrue(e.getMessage().contains("no usable PS-Eval row"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> AuthorsJsonLoader.load(write("broken.json", "[\n"
                + GOOD + ",\n{\"id\": }\n]")));
        assertTrue(e.getMessage().contains("broken.json:3") && e.getMessage().contains("not valid JSON"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> AuthorsJsonLoader.load(write("bad.jsonl", "{\"label\": 1}\n")));
        assertTrue(e.getMessage().contains("bad.jsonl:1: missing field context_1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> AuthorsJsonLoader.load(dir.resolve("missing.json")));
        assertThrows(InvalidInputException.class, () -> AuthorsJsonLoader.load(write("blank.jsonl", "\n\n")));
    }
}
