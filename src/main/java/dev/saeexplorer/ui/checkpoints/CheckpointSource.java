package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.InvalidInputException;
import java.nio.file.Path;

/** Where a checkpoint comes from: a folder or file on disk, or a sample bundled in the jar. */
public sealed interface CheckpointSource {
    /** Marks a bundled sample in session files and recent lists. */
    String BUNDLED_PREFIX = "bundled:";

    /** A short name for headers and the status line. */
    String name();

    /** The full description for the configuration table. */
    String label();

    /** What session files and recent lists store: the path, or "bundled:" and the sample's id. */
    String key();

    /** The folder or file to hand to the checkpoint loader (a bundled sample is unpacked first). */
    Path resolve();

    /** Reads a {@link #key()} back. */
    static CheckpointSource parse(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("an empty checkpoint path");
        }
        if (key.startsWith(BUNDLED_PREFIX)) {
            return new Bundled(BundledSample.byId(key.substring(BUNDLED_PREFIX.length())));
        }
        try {
            return new OnDisk(Path.of(key));
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException("'" + key + "' is not a path on this system", e);
        }
    }

    record OnDisk(Path path) implements CheckpointSource {
        @Override
        public String name() {
            Path abs = path.toAbsolutePath().normalize();
            // A file inside a checkpoint (cfg.json, the weights) is named by its folder.
            Path folder = java.nio.file.Files.isRegularFile(abs) && abs.getParent() != null ? abs.getParent() : abs;
            return folder.getFileName() == null ? abs.toString() : folder.getFileName().toString();
        }

        @Override
        public String label() {
            return path.toAbsolutePath().normalize().toString();
        }

        @Override
        public String key() {
            return path.toAbsolutePath().normalize().toString();
        }

        @Override
        public Path resolve() {
            return path;
        }
    }

    record Bundled(BundledSample sample) implements CheckpointSource {
        @Override
        public String name() {
            return sample.title();
        }

        @Override
        public String label() {
            return sample.label();
        }

        @Override
        public String key() {
            return BUNDLED_PREFIX + sample.id();
        }

        @Override
        public Path resolve() {
            return sample.unpack();
        }
    }
}
