package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WicLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + (lines.length == 0 ? "" : "\n"), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsAndDetokenisesAndKeepsTheTargetSpan() throws IOException {
        Path data = write("dev.data.txt",
                "army\tN\t1-4\tThe army 's only defeat .\tHe said \" the army \" twice .",
                "board\tN\t2-2\tRoom and board .\tHe nailed boards across the windows .");
        write("dev.gold.txt", "T", "F");
        PsEvalDataset ds = WicLoader.load(data);
        assertEquals(2, ds.rows().size());
        assertTrue(ds.skipped().isEmpty());
        PsEvalRow r = ds.rows().get(0);
        assertEquals("dev-1", r.id());
        assertEquals("army", r.targetWord());
        assertEquals("N", r.pos());
        assertEquals(1, r.label());
        assertEquals("The army's only defeat.", r.context1());
        assertEquals("He said \"the army\" twice.", r.context2());
        assertEquals(1, r.wordIndex1());
        assertEquals(4, r.wordIndex2());
        assertEquals(new CharSpan(4, 8), r.span1());
        assertEquals("army", r.span1().of(r.context1()));
        assertEquals("army", r.span2().of(r.context2()));
        PsEvalRow b = ds.rows().get(1);
        assertEquals("dev-2", b.id());
        assertEquals(0, b.label());
        assertEquals("boards", b.span2().of(b.context2()));
        assertEquals(1, ds.countLabel(0));
    }

    @Test
    void badRowsAreSkippedWithFileAndLine() throws IOException {
        Path data = write("x.data.txt",
                "ok\tN\t0-0\tok .\tok !",
                "two\tfields",
                "out\tV\t0-5\tout .\tgo out .",
                "bad\tN\t0_1\tbad .\tbad .",
                "lab\tN\t0-0\tlab .\tlab .",
                "neg\tN\t-1-0\tneg .\tneg .",
                "also\tV\t1-0\twe also .\talso ?");
        Path gold = write("x.gold.txt", "F", "T", "T", "T", "X", "T", "1");
        PsEvalDataset ds = WicLoader.load(data);
        assertEquals(List.of("x-1", "x-7"), ds.rows().stream().map(PsEvalRow::id).toList());
        assertEquals(1, ds.rows().get(1).label());
        List<SkippedRow> s = ds.skipped();
        assertEquals(5, s.size());
        assertEquals(new SkippedRow(data.toString(), 2,
                "expected 5 tab-separated fields (target, PoS, index1-index2, sentence1, sentence2), found 2"), s.get(0));
        assertEquals(3, s.get(1).line());
        assertTrue(s.get(1).reason().contains("index2 5 out of range"), s.get(1).reason());
        assertEquals(4, s.get(2).line());
        assertTrue(s.get(2).reason().contains("0_1"), s.get(2).reason());
        assertEquals(new SkippedRow(gold.toString(), 5, "label 'X' is not T, F, 0 or 1"), s.get(3));
        assertEquals(6, s.get(4).line());
    }

    @Test
    void mismatchedLineCountsAreAnErrorNamingBothFiles() throws IOException {
        Path data = write("d.data.txt", "a\tN\t0-0\ta .\ta .", "b\tN\t0-0\tb .\tb .", "c\tN\t0-0\tc .\tc .");
        Path gold = write("d.gold.txt", "T", "F");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WicLoader.load(data));
        assertTrue(e.getMessage().contains(data + " has 3 lines but " + gold + " has 2"), e.getMessage());
        write("d.gold.txt", "T", "F", "T", "", ""); // trailing blank lines are not rows
        assertEquals(3, WicLoader.load(data).rows().size());
    }

    @Test
    void nothingToPairIsAnError() throws IOException {
        Path data = write("e.data.txt", "a\tN\t0-0\ta .\ta .");
        write("e.gold.txt");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WicLoader.load(data));
        assertTrue(e.getMessage().contains("line counts differ") && e.getMessage().contains("e.gold.txt"),
                e.getMessage());
    }

    @Test
    void noUsableRowEmptyFilesAndMissingFilesAreErrors() throws IOException {
        Path bad = write("b.data.txt", "a\tN", "b\tN");
        write("b.gold.txt", "T", "F");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WicLoader.load(bad));
        assertTrue(e.getMessage().contains("no usable WiC row") && e.getMessage().contains("b.data.txt:1"),
                e.getMessage());

        Path empty = write("z.data.txt");
        write("z.gold.txt");
        assertThrows(InvalidInputException.class, () -> WicLoader.load(empty));

        Path lonely = write("m.data.txt", "a\tN\t0-0\ta .\ta .");
        e = assertThrows(InvalidInputException.class, () -> WicLoader.load(lonely));
        assertTrue(e.getMessage().contains("m.gold.txt") && e.getMessage().contains("not found"), e.getMessage());

        assertThrows(InvalidInputException.class, () -> WicLoader.load(dir.resolve("nothing.data.txt")));
        assertThrows(InvalidInputException.class, () -> WicLoader.load(write("notes.txt", "x")));
    }

    @Test
    void foldersAndSplits() throws IOException {
        write("wic/dev/dev.data.txt", "a\tN\t0-0\ta .\ta .");
        write("wic/dev/dev.gold.txt", "T");
        write("wic/test/test.data.txt", "b\tV\t0-0\tb .\tb .", "c\tV\t0-0\tc .\tc .");
        write("wic/test/test.gold.txt", "F", "T");
        assertEquals(1, WicLoader.load(dir.resolve("wic/dev")).rows().size());
        assertEquals("test-2", WicLoader.load(dir.resolve("wic"), "test").rows().get(1).id());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WicLoader.load(dir.resolve("wic")));
        assertTrue(e.getMessage().contains("[dev, test]"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> WicLoader.load(dir.resolve("wic"), "train"));
        // the gold file named instead of the data file
        assertEquals(2, WicLoader.load(dir.resolve("wic/test/test.gold.txt")).rows().size());
    }

    @Test
    void realWicSplitsWhenPresent() throws IOException {
        Path wic = Path.of("").toAbsolutePath().resolve("../shared/data/wic").normalize();
        Assumptions.assumeTrue(Files.isDirectory(wic), "../shared/data/wic is absent");
        int[][] expected = {{638, 319}, {1400, 700}};
        String[] splits = {"dev", "test"};
        for (int s = 0; s < splits.length; s++) {
            PsEvalDataset ds = WicLoader.load(wic, splits[s]);
            assertEquals(expected[s][0], ds.rows().size(), splits[s]);
            assertEquals(expected[s][1], ds.countLabel(1), splits[s]);
            assertTrue(ds.skipped().isEmpty(), ds.skipped().toString());
            List<String> raw = Files.readAllLines(wic.resolve(splits[s]).resolve(splits[s] + ".data.txt"));
            for (int i = 0; i < raw.size(); i++) {
                String[] f = raw.get(i).split("\t");
                PsEvalRow r = ds.rows().get(i);
                assertEquals(splits[s] + "-" + (i + 1), r.id());
                assertEquals(Detokenizer.tokens(f[3]).get(r.wordIndex1()), r.span1().of(r.context1()), r.id());
                assertEquals(Detokenizer.tokens(f[4]).get(r.wordIndex2()), r.span2().of(r.context2()), r.id());
            }
        }
    }
}
