package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.AuthorsJsonLoader;
import dev.saeexplorer.core.pseval.PsEvalSources;
import dev.saeexplorer.ui.common.SessionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the pairs come from: the bundled sample, a WiC folder (with a split) or split file, or the authors' JSON/JSONL.
 *
 * @param path  the folder or file; null for the sample
 * @param split the WiC split for a folder with several ("test" by default); ignored otherwise
 */
public record DatasetSpec(Kind kind, Path path, String split) {
    public enum Kind implements SessionId {
        SAMPLE("sample", "Bundled sample pairs"),
        WIC("wic", "WiC folder or split file"),
        JSON("json", "PS-Eval JSON / JSONL file");

        private final String id;
        private final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        static Kind fromId(String id) {
            return SessionId.find(Kind.class, id);
        }
    }

    public static final String DEFAULT_SPLIT = "test";

    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.SAMPLE) {
            Objects.requireNonNull(path, "path");
        }
        split = split == null || split.isBlank() ? DEFAULT_SPLIT : split.strip();
    }

    public static DatasetSpec sample() {
        return new DatasetSpec(Kind.SAMPLE, null, null);
    }

    public static DatasetSpec wic(Path path, String split) {
        return new DatasetSpec(Kind.WIC, path, split);
    }

    public static DatasetSpec json(Path file) {
        return new DatasetSpec(Kind.JSON, file, null);
    }

    /** Reads the rows (background work: a WiC split holds thousands); a folder with one split reads that one. */
    public LoadedDataset load() {
        return switch (kind) {
            case SAMPLE -> new LoadedDataset(this, PsEvalSources.bundledSample(), List.of());
            case JSON -> new LoadedDataset(this, AuthorsJsonLoader.load(path), List.of());
            case WIC -> {
                List<String> splits = PsEvalSources.splits(path);
                DatasetSpec read = splits.size() == 1 ? wic(path, splits.get(0)) : this;
                yield new LoadedDataset(read, PsEvalSources.wic(path, read.split()), splits);
            }
        };
    }

    /** For the setup pane: "Bundled sample pairs", "WiC test split (…/WiC_dataset)", "sample.jsonl". */
    public String label() {
        return switch (kind) {
            case SAMPLE -> kind.label();
            case WIC -> "WiC " + (java.nio.file.Files.isDirectory(path) ? split + " split, " : "") + fileName();
            case JSON -> fileName();
        };
    }

    private String fileName() {
        Path name = path.toAbsolutePath().normalize().getFileName();
        return name == null ? path.toString() : name.toString();
    }

    /** Recognises the authors' JSON by its file name, as the CLI does; anything else is read as WiC. */
    public static DatasetSpec forFile(Path file) {
        return PsEvalSources.isAuthorsJson(file) ? json(file) : wic(file, null);
    }
}
