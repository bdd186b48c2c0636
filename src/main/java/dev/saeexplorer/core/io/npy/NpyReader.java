package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.FileRegion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a {@code .npy} file (format 1.0, 2.0 or 3.0) of float16/32/64, int8/16/32/64, uint8 or bool values, either
 * byte order, C or Fortran order. The header's dict literal is parsed, never evaluated; object arrays (any dtype with
 * 'O', which numpy stores as pickles) are refused, as are headers beyond numpy's 10000-byte limit, data that is
 * shorter or longer than the shape needs, and shapes whose byte size overflows.
 *
 * <p>Memory: reading parses the header only. The data stays in the file and is memory-mapped when an array's values
 * are asked for, converted straight into the result array (row-major) and unmapped; see {@link ArrayData}.
 */
public final class NpyReader {
    private NpyReader() {
    }

    /** Reads and validates {@code path}; every problem with the file is an {@link InvalidInputException}. */
    public static NpyArray read(Path path) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("cannot read " + path + ": it is a directory, not a .npy file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            FileRegion.Stamp stamp = FileRegion.Stamp.of(path);
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, NpyHeader.MAX_PREFIX_BYTES));
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // fill
            }
            NpyHeader h = NpyHeader.parse(Arrays.copyOf(head.array(), head.position()), size,
                    detail -> new InvalidInputException("invalid .npy file " + path + ": " + detail));
            String name = stem(path);
            FileRegion region = new FileRegion(path, stamp, h.dataOffset(), h.dataBytes());
            return new NpyArray(name, h, ArrayData.contiguous(region, h.type(), h.order(), h.shape(),
                    h.fortranOrder(), "array " + NpyHeader.quote(name) + " of " + path));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("cannot read " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String stem(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }
}
