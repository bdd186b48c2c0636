package dev.saeexplorer.core.io.arrays;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.MappedBuffers;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * {@code length} bytes of a file from {@code start}, memory-mapped on demand: a stored zip member (a PyTorch storage,
 * an uncompressed {@code .npz} array) or the data of a {@code .npy} file. The file is opened only while an array is
 * converted, and only the bytes that array touches are mapped, in windows of at most 1 GiB that are unmapped as soon
 * as the conversion ends; the operating system pages them in, so they never count against the Java heap.
 *
 * <p>The file's size and modification time are recorded when it is first read; if they differ when the bytes are
 * needed, the file was replaced in between and the conversion is refused rather than mixing two files' contents.
 */
public final class FileRegion implements ArrayData.Source {
    private final Path path;
    private final Stamp stamp;
    private final long start;
    private final long length;
    private final int windowShift;

    /** A file's size and modification time, to notice it being replaced between reading its index and its data. */
    public record Stamp(long size, FileTime modified) {
        public static Stamp of(Path path) throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime());
        }
    }

    public FileRegion(Path path, Stamp stamp, long start, long length) {
        this(path, stamp, start, length, ArrayData.Bytes.WINDOW_SHIFT);
    }

    /** With windows of {@code 2^windowShift} bytes: tests use tiny ones to cross window edges on small files. */
    FileRegion(Path path, Stamp stamp, long start, long length, int windowShift) {
        if (windowShift < 4 || windowShift > ArrayData.Bytes.WINDOW_SHIFT) {
            throw new IllegalArgumentException("window shift " + windowShift);
        }
        this.windowShift = windowShift;
        this.path = Objects.requireNonNull(path, "path");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
        if (start < 0 || length < 0 || start > stamp.size() - length) {
            throw new IllegalArgumentException("region [" + start + ", +" + length + ") lies outside " + path);
        }
        this.start = start;
        this.length = length;
    }

    @Override
    public ArrayData.Bytes open(long from, long to) throws IOException {
        if (from < 0 || to < from || to > length) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") lies outside a region of " + length);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (!Stamp.of(path).equals(stamp) || ch.size() != stamp.size()) {
                throw new InvalidInputException("cannot read " + path
                        + ": the file changed after it was opened; open it again");
            }
            long total = to - from;
            int count = ArrayData.Bytes.windowCount(total, windowShift);
            MappedByteBuffer[] windows = new MappedByteBuffer[count];
            try {
                for (int w = 0; w < count; w++) {
                    long windowStart = (long) w << windowShift;
                    long windowLength = Math.min(total - windowStart, (1L << windowShift) + ArrayData.Bytes.OVERLAP);
                    windows[w] = ch.map(FileChannel.MapMode.READ_ONLY, start + from + windowStart, windowLength);
                }
            } catch (IOException | RuntimeException e) {
                unmapAll(windows);
                throw e;
            }
            // A mapping stays valid after its channel closes; it is released by unmapAll when the caller is done.
            return ArrayData.Bytes.windows(windows, windowShift, () -> unmapAll(windows));
        }
    }

    private static void unmapAll(MappedByteBuffer[] windows) {
        for (MappedByteBuffer w : windows) {
            if (w != null) {
                MappedBuffers.unmap(w);
            }
        }
    }
}
