package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads WiC (Pilehvar &amp; Camacho-Collados 2019): {@code <split>.data.txt} (tab-separated
 * {@code target, PoS, i1-i2, sentence1, sentence2}, sentences whitespace-tokenised) with {@code <split>.gold.txt}
 * ({@code T}/{@code F} per line; {@code 1}/{@code 0} accepted too). Ids are {@code "<split>-<line>"} (1-based), the
 * sentences are detokenised by {@link Detokenizer} and the target's word index is kept together with its character span
 * in the detokenised text.
 * <p>
 * Bad lines are skipped and reported as {@link SkippedRow}s: a wrong field count, a bad index field or an index out of
 * range, a label other than T/F/0/1. A missing file, data and gold files with different line counts (every label after
 * the first missing line would be shifted), or an input with no usable row, is an {@link InvalidInputException}.
 */
public final class WicLoader {
    private static final String DATA = ".data.txt";
    private static final String GOLD = ".gold.txt";

    private WicLoader() {
    }

    /**
     * Loads a {@code *.data.txt} file (its {@code *.gold.txt} sits next to it), or a folder holding exactly one such
     * file. For the official WiC package's root folder (with {@code dev/ test/ train/}) use {@link #load(Path, String)}.
     */
    public static PsEvalDataset load(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> data = dataFilesIn(path);
            if (data.size() == 1) {
                return loadPair(data.get(0), goldFor(data.get(0)));
            }
            List<String> splits = splitsUnder(path);
            if (data.isEmpty() && splits.isEmpty()) {
                throw new InvalidInputException(path + ": no WiC *.data.txt file in this folder");
            }
            throw new InvalidInputException(path + ": holds several WiC splits " + (splits.isEmpty()
                    ? data.stream().map(p -> p.getFileName().toString()).toList() : splits) + "; choose one");
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith(GOLD)) {
            Path data = path.resolveSibling(name.substring(0, name.length() - GOLD.length()) + DATA);
            return loadPair(data, path);
        }
        if (!name.endsWith(DATA)) {
            throw new InvalidInputException(path + ": not a WiC file (expected a name ending in " + DATA + ")");
        }
        return loadPair(path, goldFor(path));
    }

    /** Loads split {@code split} (dev, test, train) of a WiC folder: {@code root/split/split.data.txt} or
     * {@code root/split.data.txt}. */
    public static PsEvalDataset load(Path root, String split) {
        Path nested = root.resolve(split).resolve(split + DATA);
        Path flat = root.resolve(split + DATA);
        Path data = Files.isRegularFile(nested) ? nested : flat;
        if (!Files.isRegularFile(data)) {
            throw new InvalidInputException(root + ": no WiC split '" + split + "' (looked for " + nested + " and "
                    + flat + ")");
        }
        return loadPair(data, goldFor(data));
    }

    /** Loads an explicit data/gold pair. */
    public static PsEvalDataset loadPair(Path dataFile, Path goldFile) {
        List<String> data = readLines(dataFile, "data");
        List<String> gold = readLines(goldFile, "gold");
        String dataName = dataFile.toString();
        String goldName = goldFile.toString();
        String fileName = dataFile.getFileName().toString();
        String split = fileName.endsWith(DATA) ? fileName.substring(0, fileName.length() - DATA.length()) : fileName;

        if (data.size() != gold.size()) {
            // a missing or extra line shifts every label after it: no row can be trusted
            throw new InvalidInputException("line counts differ: " + dataName + " has " + data.size() + " lines but "
                    + goldName + " has " + gold.size() + " (line i of the gold file is the label of line i of the "
                    + "data file; use the two files of one WiC split unchanged)");
        }
        List<PsEvalRow> rows = new ArrayList<>();
        List<SkippedRow> skipped = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            int line = i + 1;
            try {
                rows.add(parse(split + "-" + line, data.get(i), gold.get(i), goldName, line));
            } catch (BadRow e) {
                skipped.add(new SkippedRow(e.gold ? goldName : dataName, line, e.getMessage()));
            }
        }
        if (rows.isEmpty()) {
            String first = skipped.isEmpty() ? "the files are empty" : "first problem: " + skipped.get(0);
            throw new InvalidInputException(dataName + ": no usable WiC row (" + first + ")");
        }
        return new PsEvalDataset(dataName, rows, skipped);
    }

    private static PsEvalRow parse(String id, String dataLine, String goldLine, String goldName, int line) {
        String[] f = dataLine.split("\t", -1);
        if (f.length != 5) {
            throw new BadRow("expected 5 tab-separated fields (target, PoS, index1-index2, sentence1, sentence2), found "
                    + f.length, false);
        }
        String target = f[0].strip();
        if (target.isEmpty()) {
            throw new BadRow("empty target word", false);
        }
        String[] idx = f[2].strip().split("-", -1);
        int i1;
        int i2;
        try {
            if (idx.length != 2) {
                throw new NumberFormatException();
            }
            i1 = Integer.parseInt(idx[0]);
            i2 = Integer.parseInt(idx[1]);
        } catch (NumberFormatException e) {
            throw new BadRow("index field '" + f[2] + "' is not index1-index2", false);
        }
        List<String> t1 = Detokenizer.tokens(f[3]);
        List<String> t2 = Detokenizer.tokens(f[4]);
        if (t1.isEmpty() || t2.isEmpty()) {
            throw new BadRow("empty sentence", false);
        }
        if (i1 < 0 || i1 >= t1.size()) {
            throw new BadRow("index1 " + i1 + " out of range for sentence 1 with " + t1.size() + " words", false);
        }
        if (i2 < 0 || i2 >= t2.size()) {
            throw new BadRow("index2 " + i2 + " out of range for sentence 2 with " + t2.size() + " words", false);
        }
        int label = switch (goldLine.strip()) {
            case "T", "1" -> 1;
            case "F", "0" -> 0;
            default -> throw new BadRow("label '" + goldLine.strip() + "' is not T, F, 0 or 1", true);
        };
        Detokenizer.Result d1 = Detokenizer.detokenize(t1);
        Detokenizer.Result d2 = Detokenizer.detokenize(t2);
        return new PsEvalRow(id, target, f[1].strip(), label, d1.text(), d2.text(), i1, i2, d1.span(i1), d2.span(i2));
    }

    private static Path goldFor(Path data) {
        String name = data.getFileName().toString();
        return data.resolveSibling(name.substring(0, name.length() - DATA.length()) + GOLD);
    }

    private static List<String> readLines(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": WiC " + what + " file not found");
        }
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read WiC " + what + " file (" + e.getMessage() + ")", e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1); // trailing blank lines are not rows
        }
        return lines;
    }

    private static List<Path> dataFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(DATA) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> splitsUnder(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(p.getFileName() + DATA)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    private static final class BadRow extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean gold;

        BadRow(String message, boolean gold) {
            super(message, null, false, false);
            this.gold = gold;
        }
    }
}
