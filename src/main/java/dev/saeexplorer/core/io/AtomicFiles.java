package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic writes: content goes to a temporary sibling first and is renamed into place, so a crash or a cancel never
 * leaves half a file (or half a folder) where the result belongs.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes what {@code body} produces into a temporary sibling of {@code target}, forces it to disk and renames it
     * over the target. The temporary file is named by hand rather than with {@code Files.createTempFile}, which would
     * create it owner-only (0600) and the result would keep that mode.
     */
    public static void write(Path target, IoConsumer<OutputStream> body) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("cannot write " + target + ": it is a directory (give a file name)");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + target + ": its folder does not exist");
        }
        Path tmp = null;
        try {
            tmp = dir.resolve(temporaryName(absolute, ".tmp"));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                body.accept(new NonClosing(out));
                out.flush();
                channel.force(true);
            }
            move(tmp, absolute);
            tmp = null;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static String temporaryName(Path target, String suffix) {
        return "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + suffix;
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Fills a fresh temporary folder beside {@code target} and renames it to {@code target}. An existing non-empty
     * target is refused unless {@code force}; then it is replaced only after the new folder is complete.
     */
    public static void writeDirectory(Path target, boolean force, IoConsumer<Path> body) {
        Path absolute = target.toAbsolutePath();
        checkDirectoryTarget(absolute, force);
        Path parent = absolute.getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createDirectory(parent.resolve(temporaryName(absolute, ".tmp")));
            body.accept(tmp);
            if (Files.exists(absolute)) {
                old = parent.resolve(temporaryName(absolute, ".old"));
                move(absolute, old);
            }
            move(tmp, absolute);
            tmp = null;
        } catch (IOException e) {
            if (old != null && !Files.exists(absolute)) {
                try {
                    move(old, absolute);
                    old = null;
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw new InvalidInputException("cannot write " + target + ": " + describe(e), e);
        } finally {
            deleteRecursivelyQuietly(tmp);
            deleteRecursivelyQuietly(old);
        }
    }

    /** Refuses an output folder that would lose data: a file, or a non-empty folder without force. */
    public static void checkDirectoryTarget(Path target, boolean force) {
        if (Files.isRegularFile(target)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + " is a file: give a folder");
        }
        if (Files.isDirectory(target) && !isEmptyDirectory(target)) {
            if (!force) {
                throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target
                        + " exists and is not empty: choose another folder or allow replacing it (", Param.FORCE, ")");
            }
            checkReplaceable(target);
        }
        Path parent = target.toAbsolutePath().getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + ": " + (existing == null ? "no such folder" : existing + " is not writable"));
        }
    }

    /** Refuses an output file that exists unless force, or whose folder is missing or not writable. */
    public static void checkFileTarget(Path target, boolean force) {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + " is a folder: give a file name");
        }
        if (Files.exists(absolute) && !force) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target
                    + " exists: choose another name or allow replacing it (", Param.FORCE, ")");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + ": its folder does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + ": " + parent + " is not writable");
        }
    }

    /**
     * --force replaces an output folder wholesale, so it must look like one this program writes: only files, and not the
     * folder the user works in or one of its parents.
     */
    private static void checkReplaceable(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Path.of("").toAbsolutePath().normalize().startsWith(absolute)) {
            throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + " is the working folder or one of its parents: refusing to replace it");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(absolute)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    throw InvalidInputException.worded(Param.OUT, Param.OUT, " " + target + " holds the folder "
                            + entry.getFileName() + ": refusing to replace it even with ", Param.FORCE,
                            " (an output folder holds only files)");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + target + ": " + describe(e), e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + dir + ": " + describe(e), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Best effort: a stray hidden temp file is harmless and the original error is what matters.
            }
        }
    }

    private static void deleteRecursivelyQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // Best effort, as above.
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null) {
            return ((java.nio.file.FileSystemException) e).getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Keeps a body (Jackson, say) from closing the stream the writer still has to force and rename. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** A consumer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
