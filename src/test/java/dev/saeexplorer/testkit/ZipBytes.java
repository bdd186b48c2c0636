package dev.saeexplorer.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes zip files byte by byte, so tests can build archives no zip library would (names with "../", sizes that lie,
 * zip64 records on a small file) and patch them afterwards.
 */
public final class ZipBytes {
    /** Offsets within a central directory entry, for {@link #patchCentral}. */
    public static final int CD_CRC = 16;
    public static final int CD_COMPRESSED = 20;
    public static final int CD_SIZE = 24;
    public static final int CD_LOCAL_OFFSET = 42;

    private final List<Member> members = new ArrayList<>();
    private boolean zip64;

    private record Member(String name, byte[] data, boolean deflate) {
    }

    public ZipBytes add(String name, byte[] data) {
        members.add(new Member(name, data, false));
        return this;
    }

    public ZipBytes addDeflated(String name, byte[] data) {
        members.add(new Member(name, data, true));
        return this;
    }

    public ZipBytes add(Map<String, byte[]> entries) {
        entries.forEach(this::add);
        return this;
    }

    /** Writes zip64 extra fields for every size and offset, and zip64 end records, whatever the sizes. */
    public ZipBytes zip64() {
        zip64 = true;
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream cd = new ByteArrayOutputStream();
        for (Member m : members) {
            byte[] name = m.name.getBytes(StandardCharsets.UTF_8);
            byte[] stored = m.deflate ? deflate(m.data) : m.data;
            CRC32 crc = new CRC32();
            crc.update(m.data);
            long offset = out.size();
            int method = m.deflate ? 8 : 0;
            ByteBuffer local = le(30 + name.length);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) method)
                    .putShort((short) 0).putShort((short) 0).putInt((int) crc.getValue())
                    .putInt(stored.length).putInt(m.data.length).putShort((short) name.length).putShort((short) 0)
                    .put(name);
            out.writeBytes(local.array());
            out.writeBytes(stored);

            byte[] extra = new byte[0];
            if (zip64) {
                extra = le(28).putShort((short) 1).putShort((short) 24).putLong(m.data.length)
                        .putLong(stored.length).putLong(offset).array();
            }
            ByteBuffer c = le(46 + name.length + extra.length);
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0x800)
                    .putShort((short) method).putShort((short) 0).putShort((short) 0).putInt((int) crc.getValue())
                    .putInt(zip64 ? -1 : stored.length).putInt(zip64 ? -1 : m.data.length)
                    .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(zip64 ? -1 : (int) offset)
                    .put(name).put(extra);
            cd.writeBytes(c.array());
        }
        long cdOffset = out.size();
        out.writeBytes(cd.toByteArray());
        if (zip64) {
            long zip64End = out.size();
            out.writeBytes(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45)
                    .putInt(0).putInt(0).putLong(members.size()).putLong(members.size()).putLong(cd.size())
                    .putLong(cdOffset).array());
            out.writeBytes(le(20).putInt(0x07064b50).putInt(0).putLong(zip64End).putInt(1).array());
        }
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) (zip64 ? 0xFFFF : members.size())).putShort((short) (zip64 ? 0xFFFF : members.size()))
                .putInt(zip64 ? -1 : cd.size()).putInt(zip64 ? -1 : (int) cdOffset).putShort((short) 0).array());
        return out.toByteArray();
    }

    /** Every entry of a real zip file, in order, read with java.util.zip. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** The offset of the central directory entry named {@code name} in {@code zip}. */
    public static int centralEntry(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p + 46 + n.length <= zip.length; p++) {
            if (b.getInt(p) == 0x02014b50 && (b.getShort(p + 28) & 0xFFFF) == n.length
                    && java.util.Arrays.equals(zip, p + 46, p + 46 + n.length, n, 0, n.length)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }

    /** Overwrites a 32-bit field of a central directory entry (see the CD_ constants). */
    public static byte[] patchCentral(byte[] zip, String name, int field, int value) {
        byte[] copy = zip.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(centralEntry(copy, name) + field, value);
        return copy;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
