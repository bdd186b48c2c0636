package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SampleData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The three places PS-Eval rows come from in the GUI: a WiC folder or split file, the authors' JSON/JSONL (read by
 * {@link AuthorsJsonLoader} directly) and the bundled sample pairs that ship inside the jar.
 */
public final class PsEvalSources {
    /** The bundled sample, relative to {@code sample-data/}. */
    public static final String SAMPLE = "pseval/sample-pairs.jsonl";
    private static final String DATA = ".data.txt";

    private PsEvalSources() {
    }

    /** Whether {@code file} is the authors' JSON/JSONL, told by its name (.json, .jsonl): the CLI and GUI agree. */
    public static boolean isAuthorsJson(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl");
    }

    /**
     * WiC rows: a folder with splits ({@code split/split.data.txt} or {@code split.data.txt}) is read at {@code split};
     * a folder with no split layout, or a {@code *.data.txt}/{@code *.gold.txt} file, is read as {@link WicLoader#load(Path)}
     * reads it.
     */
    public static PsEvalDataset wic(Path path, String split) {
        if (Files.isDirectory(path)) {
            List<String> splits = splits(path);
            if (splits.size() > 1 || (splits.size() == 1 && splits.contains(split))) {
                if (!splits.contains(split)) {
                    throw new InvalidInputException(path + " has no WiC split '" + split + "'; it holds " + splits
                            + ": choose one of them");
                }
                return WicLoader.load(path, split);
            }
        }
        return WicLoader.load(path);
    }

    /** The WiC splits in {@code folder}: sub-folders {@code s/s.data.txt} and files {@code s.data.txt}, sorted. */
    public static List<String> splits(Path folder) {
        TreeSet<String> found = new TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(name + DATA))) {
                    found.add(name);
                } else if (name.endsWith(DATA) && Files.isRegularFile(p)) {
                    found.add(name.substring(0, name.length() - DATA.length()));
                }
            });
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        return new ArrayList<>(found);
    }

    /**
     * The bundled sample pairs ({@code sample-data/pseval/sample-pairs.jsonl}), read from the classpath so it works
     * from the jar: the text is copied to a temporary file for {@link AuthorsJsonLoader}, the one JSON reader.
     */
    public static PsEvalDataset bundledSample() {
        String text = SampleData.text(SAMPLE);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sae-explorer-sample");
            Path file = dir.resolve("sample-pairs.jsonl");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            PsEvalDataset read = AuthorsJsonLoader.load(file);
            return new PsEvalDataset("sample-data/" + SAMPLE + " (bundled)", read.rows(), read.skipped());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the bundled sample pairs in a temporary folder", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("sample-pairs.jsonl"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit(); // a temp folder left behind is harmless; the OS cleans it
        }
    }
}
