package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.FileReads;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.FileRegion;
import dev.saeexplorer.core.io.zip.ZipArchive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code .npz} archive as {@code np.savez} and {@code np.savez_compressed} write it: a zip (stored or
 * deflated members, zip64 records allowed) of {@code <name>.npy} files, each checked as {@link NpyReader} checks a
 * file. Members that are not {@code .npy} files are ignored, as numpy's own {@code files} list ignores them; archives
 * with entries that climb out of their folder, lying sizes, bad CRCs or object arrays are refused (see
 * {@link ZipArchive} for the zip checks).
 *
 * <p>Memory: reading parses each member's header only. A stored member's data is memory-mapped when its values are
 * asked for, like a .npy file's; a deflated member is inflated at that moment straight into a buffer of exactly its
 * data size (never more, whatever the zip claims), converted, and dropped, so it briefly needs its raw size on the
 * heap besides the result.
 */
public final class NpzReader {
    private NpzReader() {
    }

    /** Reads and validates {@code path}; every problem with the file is an {@link InvalidInputException}. */
    public static NpzFile read(Path path) {
        return FileReads.read(path, "an .npz file", ch -> read(path, ch, FileRegion.Stamp.of(path)));
    }

    private static NpzFile read(Path path, FileChannel ch, FileRegion.Stamp stamp) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw bad(path, "it is empty (0 bytes)");
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 8));
        FileReads.fill(ch, 0, head);
        byte[] first = head.array();
        if (!ZipArchive.looksLikeZip(first)) {
            throw bad(path, first.length >= 6 && first[1] == 'N' && first[2] == 'U' && first[3] == 'M'
                    ? "it is a .npy file, not an .npz archive" : "it is not a zip archive, so not an .npz file");
        }
        ZipArchive zip = ZipArchive.read(ch, detail -> bad(path, detail));
        List<NpyArray> arrays = new ArrayList<>();
        for (ZipArchive.Entry e : zip.entries()) {
            if (!e.name().endsWith(".npy") || e.name().endsWith("/")) {
                continue;
            }
            zip.requireMethod(e);
            String name = e.name().substring(0, e.name().length() - 4);
            String what = "array " + NpyHeader.quote(name);
            byte[] prefix = new byte[(int) Math.min(e.size(), NpyHeader.MAX_PREFIX_BYTES)];
            if (e.isStored()) {
                FileReads.fill(ch, e.dataOffset(), ByteBuffer.wrap(prefix));
            } else {
                zip.inflate(ch, e, 0, prefix, 0, prefix.length, prefix.length == e.size());
            }
            NpyHeader h = NpyHeader.parse(prefix, e.size(), detail -> bad(path, what + ": " + detail));
            ArrayData.Source source = e.isStored()
                    ? new FileRegion(path, stamp, e.dataOffset() + h.dataOffset(), h.dataBytes())
                    : new Inflated(path, stamp, zip, e, h.dataOffset(), h.dataBytes());
            arrays.add(new NpyArray(name, h, ArrayData.contiguous(source, h.type(), h.order(), h.shape(),
                    h.fortranOrder(), what + " of " + path)));
        }
        if (arrays.isEmpty()) {
            throw bad(path, "it is a zip archive without any .npy member, so not an .npz file");
        }
        return new NpzFile(path, arrays);
    }

    private static InvalidInputException bad(Path path, String detail) {
        return new InvalidInputException("invalid .npz file " + path + ": " + detail);
    }

    /**
     * A deflated member's array bytes, inflated when asked for into a buffer of exactly the requested size; the
     * member must end right after them and match its CRC.
     */
    private record Inflated(Path path, FileRegion.Stamp stamp, ZipArchive zip, ZipArchive.Entry entry, long skip,
                            long length) implements ArrayData.Source {
        @Override
        public ArrayData.Bytes open(long from, long to) throws IOException {
            if (from < 0 || to < from || to > length) {
                throw new IllegalArgumentException("[" + from + ", " + to + ") lies outside " + length + " bytes");
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                if (!FileRegion.Stamp.of(path).equals(stamp)) {
                    throw new InvalidInputException("cannot read " + path
                            + ": the file changed after it was opened; open it again");
                }
                byte[] out = new byte[(int) (to - from)];
                zip.inflate(ch, entry, skip + from, out, 0, out.length, to == length);
                return ArrayData.Bytes.heap(out);
            }
        }
    }
}
