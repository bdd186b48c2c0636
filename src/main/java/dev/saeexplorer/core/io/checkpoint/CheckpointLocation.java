package dev.saeexplorer.core.io.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a checkpoint was asked for: the path given, the folder it names (the path itself, or the folder of a file), and
 * the file when a file was given. Readers recognise their format from these names and the folder's files.
 *
 * @param given     the path as given
 * @param directory the folder: {@code given} when it is one, else the file's folder (absolute)
 * @param file      the file given (absolute), or null when a folder was given
 */
record CheckpointLocation(Path given, Path directory, Path file) {

    static CheckpointLocation of(Path path) {
        if (Files.isRegularFile(path)) {
            Path abs = path.toAbsolutePath();
            return new CheckpointLocation(path, abs.getParent(), abs);
        }
        return new CheckpointLocation(path, path, null);
    }

    /** The given file's name in lower case, or "" when a folder was given. */
    String fileName() {
        return file == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** Whether the given file's name ends with one of these suffixes (lower case). */
    boolean fileEndsWith(String... suffixes) {
        String name = fileName();
        for (String s : suffixes) {
            if (!name.isEmpty() && name.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    /** Whether the folder holds a regular file of this name. */
    boolean has(String name) {
        return Files.isRegularFile(directory.resolve(name));
    }

    List<Path> entries() {
        return ReadSupport.list(directory);
    }
}
