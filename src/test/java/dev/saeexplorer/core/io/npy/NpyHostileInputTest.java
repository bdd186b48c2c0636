package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .npy files that are hostile, broken or not what they claim; each refused with one line naming the file. */
class NpyHostileInputTest {
    private static final Path DIR = NpyReaderTest.DIR;

    @TempDir
    Path tmp;

    static InvalidInputException refused(Path file, String... words) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NpyReader.read(file));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String w : words) {
            assertTrue(m.contains(w), "expected '" + w + "' in: " + m);
        }
        return e;
    }

    private InvalidInputException refused(byte[] bytes, String... words) throws IOException {
        return refused(Files.write(tmp.resolve("bad.npy"), bytes), words);
    }

    /** A .npy file of the given version, header text (padded like numpy) and data. */
    static byte[] npy(int major, String header, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + header.length() + 1;
        String padded = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] text = padded.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    @Test
    void aHandBuiltHeaderReads() throws IOException {
        // The builder itself is right: a valid header it writes reads back.
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
        NpyArray a = NpyReader.read(Files.write(tmp.resolve("ok.npy"), npy(1, header("<f4", "(2,)"), data)));
        assertArrayEquals(new float[]{1.5f, -2f}, a.toFloatArray());
        // numpy also accepts double quotes and Python 2's 3L.
        NpyArray b = NpyReader.read(Files.write(tmp.resolve("ok2.npy"),
                npy(2, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2L,)}", data)));
        assertArrayEquals(new int[]{2}, b.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"object.npy", "structured_object.npy"})
    void objectArraysWrittenByNumpyAreRefused(String file) {
        refused(DIR.resolve(file), "Python objects", "pickles");
    }

    @Test
    void anyDtypeMentioningObjectsIsRefused() throws IOException {
        refused(npy(1, header("|O", "(1,)"), new byte[8]), "Python objects");
        refused(npy(1, "{'descr': [('a', '<f4'), ('b', [('c', '|O')])], 'fortran_order': False, 'shape': (1,), }",
                new byte[12]), "Python objects");
    }

    @Test
    void unsupportedDtypesAreNamed() throws IOException {
        refused(DIR.resolve("structured.npy"), "structured dtype");
        refused(DIR.resolve("unicode.npy"), "'<U2'", "not supported");
        refused(npy(1, header("<c8", "(1,)"), new byte[8]), "'<c8'");
        refused(npy(1, header("=f4", "(1,)"), new byte[4]), "byte order");
        refused(npy(1, header("|f4", "(1,)"), new byte[4]), "byte order");
    }

    @Test
    void aHeaderLongerThanNumpysLimitIsRefused() throws IOException {
        String longHeader = header("<f4", "(1,)") + " ".repeat(10_100);
        refused(npy(2, longHeader, new byte[4]), "more than numpy's limit of 10000");
        // A version 1 header can claim up to 65535 bytes; refused by its claim before reading it.
        byte[] claim = npy(1, header("<f4", "(1,)"), new byte[4]);
        claim[8] = (byte) 0xFF;
        claim[9] = (byte) 0xFF;
        refused(claim, "65535 bytes");
    }

    @Test
    void truncatedOrPaddedDataIsRefused() throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve("v1_f4.npy"));
        refused(Arrays.copyOf(whole, whole.length - 1), "47 follow", "truncated");
        refused(Arrays.copyOf(whole, 100), "truncated");
        refused(Arrays.copyOf(whole, 7), "truncated");
        refused(Arrays.copyOf(whole, whole.length + 4), "4 bytes follow");
    }

    @Test
    void shapesThatOverflowAreRefused() throws IOException {
        // Dimensions fit an int each; their product, or the product times the item size, does not fit a long.
        refused(npy(1, header("<f8", "(2147483647, 2147483647, 2147483647)"), new byte[8]), "overflows");
        refused(npy(1, header("<f8", "(2147483647, 2147483647, 2)"), new byte[8]), "overflows");
        refused(npy(1, header("<f8", "(4611686018427387904, 4)"), new byte[8]), "integers from 0 to");
        refused(npy(1, header("<f8", "(9223372036854775807,)"), new byte[8]), "integers from 0 to");
        refused(npy(1, header("<f4", "(65536, 65536)"), new byte[8]), "more than one array can hold");
        refused(npy(1, header("<f4", "(-1,)"), new byte[8]), "integers from 0 to");
        refused(npy(1, header("<f4", "(99999999999999999999999,)"), new byte[8]), "beyond 64 bits");
    }

    @Test
    void headersThatAreNotPlainLiteralsAreRefusedNotEvaluated() throws IOException {
        refused(npy(1, "{'descr': __import__('os').system('echo pwned'), 'fortran_order': False, 'shape': (1,), }",
                new byte[4]), "not a valid .npy header dict");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } + x", new byte[4]),
                "unexpected text");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': False}", new byte[4]), "exactly descr");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", new byte[4]),
                "exactly descr");
        refused(npy(1, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", new byte[4]),
                "twice");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': 'yes', 'shape': (1,)}", new byte[4]), "fortran_order");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", new byte[4]), "not a tuple");
        refused(npy(1, "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (1,)}", new byte[4]), "escape");
        refused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", new byte[4]), "ends early");
        refused(npy(1, "[" .repeat(100) + "]".repeat(100), new byte[0]), "nesting deeper");
    }

    @Test
    void unknownVersionsAndBrokenUtf8AreRefused() throws IOException {
        byte[] v4 = npy(2, header("<f4", "(1,)"), new byte[4]);
        v4[6] = 4;
        refused(v4, "version 4.0");
        byte[] v3 = npy(3, header("<f4", "(1,)"), new byte[4]);
        v3[12] = (byte) 0xFF; // inside the header text
        refused(v3, "not valid UTF-8");
    }

    @Test
    void filesThatAreNotNpyAreToldApart() throws IOException {
        refused(new byte[0], "empty");
        refused("hello".getBytes(StandardCharsets.US_ASCII), "magic string");
        refused(Files.readAllBytes(DIR.resolve("arrays.npz")), "zip archive");
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(0x80);
        pickle.write(2);
        refused(pickle.toByteArray(), "pickle");
        InvalidInputException dir = assertThrows(InvalidInputException.class, () -> NpyReader.read(tmp));
        assertTrue(dir.getMessage().contains("directory"), dir.getMessage());
        Path missing = tmp.resolve("missing.npy");
        assertTrue(assertThrows(InvalidInputException.class, () -> NpyReader.read(missing)).getMessage()
                .contains("no such file"));
    }

    @Test
    void aFileReplacedAfterReadingIsNotMixedIn() throws IOException {
        Path file = Files.copy(DIR.resolve("v1_f4.npy"), tmp.resolve("a.npy"));
        NpyArray a = NpyReader.read(file);
        // Another array of another size: noticed by the size, whatever the clock's resolution.
        Files.write(file, Files.readAllBytes(DIR.resolve("f8.npy")));
        InvalidInputException e = assertThrows(InvalidInputException.class, a::toFloatArray);
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        assertEquals(5, NpyReader.read(file).toFloatArray().length);
    }
}
