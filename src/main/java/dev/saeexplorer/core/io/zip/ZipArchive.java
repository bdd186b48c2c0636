package dev.saeexplorer.core.io.zip;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.FileReads;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The table of contents of a zip file, read from its central directory and checked against every local header before
 * anything is trusted: the readers of {@code torch.save} checkpoints and {@code .npz} files find their members here and
 * then map or inflate only the byte ranges this index vouches for.
 *
 * <p>What it refuses, each with a one-line reason: no end record (truncated or not a zip), multi-disk or encrypted
 * archives, entries whose names are absolute or climb out of the archive ({@code ../}), duplicate names, local headers
 * that disagree with the central directory, data that reaches past the central directory, entries whose data overlaps
 * another's (the overlapping-file zip bomb), stored entries whose two sizes differ, and deflated entries that declare
 * more than deflate can expand their compressed bytes to. Zip64 end records and zip64 sizes and offsets are read.
 */
public final class ZipArchive {
    /** Larger central directories are corruption, not archives this project reads (100k tensors need ~10 MB). */
    public static final long MAX_CENTRAL_DIRECTORY_BYTES = 256L << 20;
    /** Deflate expands at most 1032:1 (258-byte matches from 2 bits); a bigger declared ratio cannot be honest. */
    static final long MAX_DEFLATE_RATIO = 1032;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private final Function<String, InvalidInputException> bad;
    private final Map<String, Entry> entries;

    /**
     * One member: its name, how it is stored, its sizes and where its bytes begin in the file.
     *
     * @param method     0 (stored) or 8 (deflated); other methods are refused when read
     * @param dataOffset the file offset of the member's first (possibly compressed) byte, past its local header
     */
    public record Entry(String name, int method, long compressedSize, long size, int crc, long localHeaderOffset,
                        long dataOffset) {
        public static final int STORED = 0;
        public static final int DEFLATED = 8;

        public boolean isStored() {
            return method == STORED;
        }

        long dataEnd() {
            return dataOffset + compressedSize;
        }
    }

    private ZipArchive(Function<String, InvalidInputException> bad, Map<String, Entry> entries) {
        this.bad = bad;
        this.entries = entries;
    }

    /** Whether the first bytes are a zip signature (a local header, or the end record of an empty archive). */
    public static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /**
     * Reads and checks the central directory of the file open in {@code ch}.
     *
     * @param bad turns a detail ("entry 'x' ...") into the caller's exception, which names the file and its kind
     */
    public static ZipArchive read(FileChannel ch, Function<String, InvalidInputException> bad) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer tail = readFully(ch, size - tailLength, tailLength);
        int end = findEndRecord(tail, tailLength);
        if (end < 0) {
            throw bad.apply("it has no zip end-of-central-directory record; the file is truncated or not a zip archive");
        }
        long endOffset = size - tailLength + end;
        int disk = u16(tail, end + 4);
        int cdDisk = u16(tail, end + 6);
        long diskEntries = u16(tail, end + 8);
        long count = u16(tail, end + 10);
        long cdSize = u32(tail, end + 12);
        long cdOffset = u32(tail, end + 16);
        long directoryLimit = endOffset;
        if (count == 0xFFFF || diskEntries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL
                || disk == 0xFFFF || cdDisk == 0xFFFF) {
            long[] zip64 = readZip64End(ch, endOffset, bad);
            disk = (int) zip64[0];
            cdDisk = (int) zip64[1];
            diskEntries = zip64[2];
            count = zip64[3];
            cdSize = zip64[4];
            cdOffset = zip64[5];
            directoryLimit = zip64[6];
        }
        if (disk != 0 || cdDisk != 0 || diskEntries != count) {
            throw bad.apply("it is a multi-part (spanned) zip archive, which is not supported");
        }
        if (cdSize < 0 || cdOffset < 0 || cdSize > directoryLimit || cdOffset > directoryLimit - cdSize) {
            throw bad.apply("its zip central directory (" + cdSize + " bytes at offset " + cdOffset
                    + ") lies outside the file; the file is truncated or corrupt");
        }
        if (cdSize > MAX_CENTRAL_DIRECTORY_BYTES) {
            throw bad.apply("its zip central directory is " + cdSize + " bytes, more than the "
                    + MAX_CENTRAL_DIRECTORY_BYTES + " this reader accepts");
        }
        if (count < 0 || count > cdSize / 46) {
            throw bad.apply("its zip end record claims " + count + " entries, more than a " + cdSize
                    + "-byte central directory can hold");
        }
        ByteBuffer cd = readFully(ch, cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            Entry e = readCentralEntry(ch, cd, p, cdOffset, bad);
            if (entries.putIfAbsent(e.name(), e) != null) {
                throw bad.apply("the zip archive holds two entries named " + quote(e.name()));
            }
            p += 46 + u16(cd, p + 28) + u16(cd, p + 30) + u16(cd, p + 32);
        }
        checkNoOverlap(entries.values(), bad);
        return new ZipArchive(bad, Collections.unmodifiableMap(entries));
    }

    /** Every entry, in central-directory order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /**
     * The whole of a small member (a pickle, a version record), stored or deflated, CRC-checked.
     *
     * @param limit the most bytes the caller accepts; a larger member is refused before anything is allocated
     */
    public byte[] readSmall(FileChannel ch, Entry e, int limit) throws IOException {
        if (e.size() > limit) {
            throw bad.apply("entry " + quote(e.name()) + " is " + e.size() + " bytes, more than the " + limit
                    + " this reader accepts for it");
        }
        byte[] out = new byte[(int) e.size()];
        if (e.isStored()) {
            readFully(ch, e.dataOffset(), out.length).get(out);
        } else {
            inflate(ch, e, 0, out, 0, out.length, true);
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if ((int) crc.getValue() != e.crc()) {
            throw bad.apply("entry " + quote(e.name()) + " fails its CRC check; the file is corrupt");
        }
        return out;
    }

    /**
     * Inflates a deflated member, skipping its first {@code skip} bytes and writing the next {@code length} into
     * {@code out}. With {@code toEnd} the member must end exactly there (the CRC is then checked); the output never
     * grows past what the caller asked for, so a member that inflates to more is cut off, never buffered.
     */
    public void inflate(FileChannel ch, Entry e, long skip, byte[] out, int outOffset, int length, boolean toEnd)
            throws IOException {
        requireMethod(e);
        if (e.isStored()) {
            throw new IllegalArgumentException("entry " + e.name() + " is stored, not deflated");
        }
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        try {
            long input = e.dataOffset();
            long inputEnd = e.dataEnd();
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            byte[] skipBuffer = new byte[(int) Math.min(Math.max(skip, 1), 1 << 16)];
            long skipped = 0;
            int written = 0;
            while (skipped < skip || written < length) {
                if (inflater.finished()) {
                    throw bad.apply("entry " + quote(e.name()) + " inflates to fewer bytes than needed ("
                            + (skipped + written) + " of " + (skip + length) + "); the file is corrupt");
                }
                if (inflater.needsInput()) {
                    if (input >= inputEnd) {
                        throw bad.apply("entry " + quote(e.name()) + " ends before its declared " + e.size()
                                + " bytes; the file is truncated or corrupt");
                    }
                    in.clear();
                    in.limit((int) Math.min(in.capacity(), inputEnd - input));
                    readInto(ch, input, in);
                    input += in.limit();
                    inflater.setInput(in.array(), 0, in.limit());
                }
                int n;
                if (skipped < skip) {
                    n = inflater.inflate(skipBuffer, 0, (int) Math.min(skipBuffer.length, skip - skipped));
                    crc.update(skipBuffer, 0, n);
                    skipped += n;
                } else {
                    n = inflater.inflate(out, outOffset + written, length - written);
                    crc.update(out, outOffset + written, n);
                    written += n;
                }
                if (n == 0 && inflater.needsDictionary()) {
                    throw bad.apply("entry " + quote(e.name()) + " is not a plain deflate stream");
                }
            }
            if (toEnd) {
                byte[] one = new byte[1];
                while (!inflater.finished()) {
                    if (inflater.needsInput()) {
                        if (input >= inputEnd) {
                            break;
                        }
                        in.clear();
                        in.limit((int) Math.min(in.capacity(), inputEnd - input));
                        readInto(ch, input, in);
                        input += in.limit();
                        inflater.setInput(in.array(), 0, in.limit());
                    }
                    if (inflater.inflate(one) > 0) {
                        throw bad.apply("entry " + quote(e.name()) + " inflates to more than its declared " + e.size()
                                + " bytes; the file is corrupt");
                    }
                }
                if (!inflater.finished() || skip + length != e.size()) {
                    throw bad.apply("entry " + quote(e.name()) + " does not end where its declared size says; "
                            + "the file is corrupt");
                }
                if ((int) crc.getValue() != e.crc()) {
                    throw bad.apply("entry " + quote(e.name()) + " fails its CRC check; the file is corrupt");
                }
            }
        } catch (DataFormatException ex) {
            throw bad.apply("entry " + quote(e.name()) + " is not valid deflate data (" + oneLine(ex.getMessage())
                    + "); the file is corrupt");
        } finally {
            inflater.end();
        }
    }

    /** Refuses compression methods other than stored and deflated. */
    public void requireMethod(Entry e) {
        if (e.method() != Entry.STORED && e.method() != Entry.DEFLATED) {
            throw bad.apply("entry " + quote(e.name()) + " uses zip compression method " + e.method()
                    + "; only stored (0) and deflated (8) entries are read");
        }
    }

    private static int findEndRecord(ByteBuffer tail, int length) {
        // The end record is followed only by its comment; the last signature whose comment reaches exactly the end of
        // the file is the real one (a signature inside a comment would not line up).
        for (int p = length - END_SIZE; p >= 0; p--) {
            if (tail.getInt(p) == END && p + END_SIZE + u16(tail, p + 20) == length) {
                return p;
            }
        }
        return -1;
    }

    /** disk, cd disk, entries on disk, entries, cd size, cd offset, offset of the zip64 end record. */
    private static long[] readZip64End(FileChannel ch, long endOffset, Function<String, InvalidInputException> bad)
            throws IOException {
        if (endOffset < 20) {
            throw bad.apply("its zip end record asks for zip64 but the zip64 locator is missing; the file is corrupt");
        }
        ByteBuffer locator = readFully(ch, endOffset - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR) {
            throw bad.apply("its zip end record asks for zip64 but the zip64 locator is missing; the file is corrupt");
        }
        long recordOffset = locator.getLong(8);
        if (locator.getInt(4) != 0 || locator.getInt(16) > 1) {
            throw bad.apply("it is a multi-part (spanned) zip archive, which is not supported");
        }
        if (recordOffset < 0 || recordOffset > endOffset - 20 - 56) {
            throw bad.apply("its zip64 end record offset " + recordOffset + " lies outside the file; "
                    + "the file is truncated or corrupt");
        }
        ByteBuffer r = readFully(ch, recordOffset, 56);
        if (r.getInt(0) != ZIP64_END) {
            throw bad.apply("its zip64 end record is missing at offset " + recordOffset + "; the file is corrupt");
        }
        return new long[]{u32(r, 16), u32(r, 20), r.getLong(24), r.getLong(32), r.getLong(40), r.getLong(48),
                recordOffset};
    }

    private static Entry readCentralEntry(FileChannel ch, ByteBuffer cd, int p, long cdOffset,
                                          Function<String, InvalidInputException> bad) throws IOException {
        if (p > cd.limit() - 46 || cd.getInt(p) != CENTRAL_HEADER) {
            throw bad.apply("its zip central directory is damaged at offset " + (cdOffset + p)
                    + "; the file is corrupt");
        }
        int flags = u16(cd, p + 8);
        int method = u16(cd, p + 10);
        int crc = cd.getInt(p + 16);
        long compressed = u32(cd, p + 20);
        long size = u32(cd, p + 24);
        int nameLength = u16(cd, p + 28);
        int extraLength = u16(cd, p + 30);
        int commentLength = u16(cd, p + 32);
        int diskStart = u16(cd, p + 34);
        long localOffset = u32(cd, p + 42);
        if (p + 46L + nameLength + extraLength + commentLength > cd.limit()) {
            throw bad.apply("its zip central directory is damaged at offset " + (cdOffset + p)
                    + "; the file is corrupt");
        }
        byte[] nameBytes = new byte[nameLength];
        cd.get(p + 46, nameBytes);
        String name = decodeName(nameBytes, (flags & 0x800) != 0, bad);
        checkName(name, bad);

        // Zip64 extra field: only the fields whose 32-bit value is all ones are present, in this order.
        int extra = p + 46 + nameLength;
        int extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
            int id = u16(cd, extra);
            int length = u16(cd, extra + 2);
            int q = extra + 4;
            if (q + length > extraEnd) {
                break;
            }
            if (id == 0x0001) {
                int fieldEnd = q + length;
                if (size == 0xFFFFFFFFL) {
                    size = zip64Field(cd, q, fieldEnd, name, bad);
                    q += 8;
                }
                if (compressed == 0xFFFFFFFFL) {
                    compressed = zip64Field(cd, q, fieldEnd, name, bad);
                    q += 8;
                }
                if (localOffset == 0xFFFFFFFFL) {
                    localOffset = zip64Field(cd, q, fieldEnd, name, bad);
                    q += 8;
                }
                if (diskStart == 0xFFFF && q + 4 <= fieldEnd) {
                    diskStart = cd.getInt(q);
                }
            }
            extra += 4 + length;
        }
        if ((flags & 0x1) != 0 || (flags & 0x40) != 0) {
            throw bad.apply("entry " + quote(name) + " is encrypted, which is not supported");
        }
        if (diskStart != 0) {
            throw bad.apply("it is a multi-part (spanned) zip archive, which is not supported");
        }
        if (size < 0 || compressed < 0 || localOffset < 0) {
            throw bad.apply("entry " + quote(name) + " declares a size or offset beyond 2^63; the file is corrupt");
        }
        if (method == Entry.STORED && compressed != size) {
            throw bad.apply("entry " + quote(name) + " is stored uncompressed but declares " + compressed
                    + " stored bytes for " + size + " bytes of content; the file is corrupt");
        }
        if (method == Entry.DEFLATED && size / MAX_DEFLATE_RATIO > compressed + 1) {
            throw bad.apply("entry " + quote(name) + " declares " + size + " bytes from " + compressed
                    + " compressed bytes, more than deflate can produce (a zip bomb or a corrupt file)");
        }
        if (localOffset > cdOffset - 30) {
            throw bad.apply("entry " + quote(name) + " has its local header at offset " + localOffset
                    + ", past the start of the central directory; the file is corrupt");
        }
        ByteBuffer local = readFully(ch, localOffset, 30);
        if (local.getInt(0) != LOCAL_HEADER) {
            throw bad.apply("entry " + quote(name) + " has no local header at offset " + localOffset
                    + "; the file is corrupt");
        }
        int localNameLength = u16(local, 26);
        int localExtraLength = u16(local, 28);
        long dataOffset = localOffset + 30 + localNameLength + localExtraLength;
        if (localNameLength != nameLength || dataOffset > cdOffset) {
            throw bad.apply("entry " + quote(name) + " has a local header that disagrees with the central directory;"
                    + " the file is corrupt");
        }
        byte[] localName = new byte[localNameLength];
        readFully(ch, localOffset + 30, localNameLength).get(localName);
        if (!java.util.Arrays.equals(localName, nameBytes)) {
            throw bad.apply("entry " + quote(name) + " has a local header that names " + quote(
                    new String(localName, StandardCharsets.ISO_8859_1)) + "; the file is corrupt");
        }
        if (compressed > cdOffset - dataOffset) {
            throw bad.apply("entry " + quote(name) + " declares " + compressed + " bytes at offset " + dataOffset
                    + ", past the start of the central directory at " + cdOffset
                    + "; the file is truncated or its sizes are wrong");
        }
        return new Entry(name, method, compressed, size, crc, localOffset, dataOffset);
    }

    private static long zip64Field(ByteBuffer cd, int q, int end, String name,
                                   Function<String, InvalidInputException> bad) {
        if (q + 8 > end) {
            throw bad.apply("entry " + quote(name) + " has a short zip64 extra field; the file is corrupt");
        }
        return cd.getLong(q);
    }

    private static String decodeName(byte[] bytes, boolean utf8, Function<String, InvalidInputException> bad) {
        if (!utf8) {
            // CP437 and ISO-8859-1 agree on ASCII, which is all torch and numpy write; other bytes stay visible.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return FileReads.strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw bad.apply("a zip entry name is not valid UTF-8; the file is corrupt");
        }
    }

    /** No absolute paths, drive letters, backslashes, control characters or ".." segments: nothing that climbs out. */
    private static void checkName(String name, Function<String, InvalidInputException> bad) {
        if (name.isEmpty()) {
            throw bad.apply("it holds a zip entry with an empty name");
        }
        boolean escapes = name.startsWith("/") || name.indexOf('\\') >= 0 || name.matches("^[A-Za-z]:.*");
        for (String segment : name.split("/", -1)) {
            escapes |= segment.equals("..");
        }
        if (escapes) {
            throw bad.apply("zip entry " + quote(name) + " points outside the archive's folder; refusing the file");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw bad.apply("zip entry " + quote(name) + " has a control character in its name; refusing the file");
            }
        }
    }

    private static void checkNoOverlap(java.util.Collection<Entry> entries,
                                       Function<String, InvalidInputException> bad) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::localHeaderOffset));
        for (int i = 1; i < sorted.size(); i++) {
            Entry previous = sorted.get(i - 1);
            Entry e = sorted.get(i);
            if (e.localHeaderOffset() < previous.dataEnd()) {
                throw bad.apply("zip entries " + quote(previous.name()) + " and " + quote(e.name())
                        + " overlap in the file (a zip bomb or a corrupt file)");
            }
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readInto(ch, position, b);
        return b.clear();
    }

    /** Fills {@code b} from its position to its limit with the file's bytes from {@code position}. */
    private static void readInto(FileChannel ch, long position, ByteBuffer b) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file at offset " + p);
            }
            p += n;
        }
    }

    private static int u16(ByteBuffer b, int p) {
        return b.getShort(p) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int p) {
        return b.getInt(p) & 0xFFFFFFFFL;
    }

    /** Names come from untrusted files: keep messages on one line and short. */
    public static String quote(String s) {
        String line = oneLine(s);
        return "'" + (line.length() <= 80 ? line : line.substring(0, 77) + "...") + "'";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }
}
