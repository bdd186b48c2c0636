package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.testkit.ZipBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .npz archives that lie, climb out of their folder, are cut short or are not archives at all. */
class NpzHostileInputTest {
    private static final Path DIR = NpyReaderTest.DIR;

    @TempDir
    Path tmp;

    private InvalidInputException refused(byte[] bytes, String... words) throws IOException {
        Path file = Files.write(tmp.resolve("bad.npz"), bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NpzReader.read(file));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "expected '" + w + "' in: " + m);
        }
        return e;
    }

    private static byte[] member() throws IOException {
        return Files.readAllBytes(DIR.resolve("v1_f4.npy"));
    }

    @Test
    void entriesThatClimbOutOfTheArchiveAreRefused() throws IOException {
        refused(new ZipBytes().add("../evil.npy", member()).build(), "'../evil.npy'", "outside the archive");
        refused(new ZipBytes().add("a/../../evil.npy", member()).build(), "outside the archive");
        refused(new ZipBytes().add("/tmp/evil.npy", member()).build(), "outside the archive");
        refused(new ZipBytes().add("C:evil.npy", member()).build(), "outside the archive");
    }

    @Test
    void enormousDeclaredSizesAreRefused() throws IOException {
        byte[] stored = new ZipBytes().add("a.npy", member()).build();
        byte[] lying = ZipBytes.patchCentral(ZipBytes.patchCentral(stored, "a.npy", ZipBytes.CD_SIZE, -16),
                "a.npy", ZipBytes.CD_COMPRESSED, -16);
        refused(lying, "'a.npy'", "past the start of the central directory");
        // A deflated member of a few dozen bytes claiming 4 GB: more than deflate can expand it to.
        byte[] deflated = new ZipBytes().addDeflated("a.npy", member()).build();
        refused(ZipBytes.patchCentral(deflated, "a.npy", ZipBytes.CD_SIZE, -16), "more than deflate can produce");
        // Zip64 sizes of 2^62.
        byte[] zip64 = new ZipBytes().zip64().add("a.npy", member()).build();
        int p = ZipBytes.centralEntry(zip64, "a.npy") + 46 + "a.npy".length() + 4;
        ByteBuffer.wrap(zip64).order(ByteOrder.LITTLE_ENDIAN).putLong(p, 1L << 62).putLong(p + 8, 1L << 62);
        refused(zip64, String.valueOf(1L << 62));
    }

    @Test
    void membersWhoseSizeDisagreesWithTheirHeaderAreRefused() throws IOException {
        byte[] m = member();
        byte[] shorter = new ZipBytes().addDeflated("a.npy", m).build();
        // The zip declares one byte fewer, or one more, than the deflate stream holds.
        refused(ZipBytes.patchCentral(shorter, "a.npy", ZipBytes.CD_SIZE, m.length - 1), "more than its declared");
        refused(ZipBytes.patchCentral(shorter, "a.npy", ZipBytes.CD_SIZE, m.length + 1), "fewer bytes than needed");
        // Stored: the declared size is the member, so the header's shape finds too few or too many bytes.
        byte[] stored = new ZipBytes().add("a.npy", Arrays.copyOf(m, m.length - 1)).build();
        refused(stored, "array 'a'", "truncated");
        refused(new ZipBytes().add("a.npy", Arrays.copyOf(m, m.length + 1)).build(), "1 bytes follow");
    }

    @Test
    void aCorruptDeflatedMemberFailsItsCrc() throws IOException {
        byte[] zip = new ZipBytes().addDeflated("a.npy", member()).build();
        refused(ZipBytes.patchCentral(zip, "a.npy", ZipBytes.CD_CRC, 42), "CRC");
    }

    @Test
    void brokenDeflateDataIsRefused() throws IOException {
        byte[] zip = new ZipBytes().addDeflated("a.npy", member()).build();
        // Overwrite the start of the deflate stream (right after the 30-byte local header and the name).
        int data = 30 + "a.npy".length();
        Arrays.fill(zip, data, data + 4, (byte) 0xFF);
        refused(zip, "'a.npy'");
    }

    @Test
    void truncatedArchivesAreRefused() throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve("compressed.npz"));
        refused(Arrays.copyOf(whole, whole.length / 2), "truncated");
        refused(Arrays.copyOf(whole, whole.length - 3), "truncated");
    }

    @Test
    void oddArchivesAreRefused() throws IOException {
        byte[] two = new ZipBytes().add("a.npy", member()).add("a.npy", member()).build();
        refused(two, "two entries named 'a.npy'");
        byte[] encrypted = ZipBytes.patchCentral(new ZipBytes().add("a.npy", member()).build(), "a.npy", 8, 1);
        refused(encrypted, "encrypted");
        byte[] bzip2 = ZipBytes.patchCentral(new ZipBytes().add("a.npy", member()).build(), "a.npy", 8, 12 << 16);
        refused(bzip2, "method 12");
        refused(new ZipBytes().add("notes.txt", new byte[3]).build(), "without any .npy member");
        refused(new ZipBytes().build(), "without any .npy member");
    }

    @Test
    void filesThatAreNotNpzAreToldApart() throws IOException {
        refused(new byte[0], "empty");
        refused(member(), "a .npy file");
        refused("hello, world".getBytes(StandardCharsets.US_ASCII), "not a zip archive");
        InvalidInputException dir = assertThrows(InvalidInputException.class, () -> NpzReader.read(tmp));
        assertTrue(dir.getMessage().contains("directory"), dir.getMessage());
        Path missing = tmp.resolve("missing.npz");
        assertTrue(assertThrows(InvalidInputException.class, () -> NpzReader.read(missing)).getMessage()
                .contains("no such file"));
    }

    @Test
    void aMemberHeaderIsCheckedLikeAFile() throws IOException {
        byte[] longHeader = NpyHostileInputTest.npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }"
                + " ".repeat(10_100), new byte[4]);
        refused(new ZipBytes().addDeflated("a.npy", longHeader).build(), "array 'a'", "numpy's limit");
        refused(new ZipBytes().add("a.npy", new byte[]{(byte) 0x93, 'N'}).build(),
                "array 'a'", "truncated");
    }
}
