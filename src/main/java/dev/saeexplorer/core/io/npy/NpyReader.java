package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.FileReads;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.FileRegion;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

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
        return FileReads.read(path, "a .npy file", ch -> {
            FileRegion.Stamp stamp = FileRegion.Stamp.of(path);
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, NpyHeader.MAX_PREFIX_BYTES));
            FileReads.fill(ch, 0, head);
            NpyHeader h = NpyHeader.parse(Arrays.copyOf(head.array(), head.position()), size,
                    detail -> new InvalidInputException("invalid .npy file " + path + ": " + detail));
            String name = stem(path);
            FileRegion region = new FileRegion(path, stamp, h.dataOffset(), h.dataBytes());
            return new NpyArray(name, h, ArrayData.contiguous(region, h.type(), h.order(), h.shape(),
                    h.fortranOrder(), "array " + NpyHeader.quote(name) + " of " + path));
        });
    }

    private static String stem(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }
}
