package dev.saeexplorer.core.io.npy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.testkit.ZipBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the .npz archives numpy wrote (np.savez, np.savez_compressed, and np.savez with zip64 records) and compares
 * every array with what np.load read back (expected.json).
 */
class NpzReaderTest {
    private static final Path DIR = NpyReaderTest.DIR;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"arrays.npz", "compressed.npz", "zip64.npz"})
    void everyArrayMatchesWhatNumpyReadBack(String file) {
        NpzFile npz = NpzReader.read(DIR.resolve(file));
        JsonNode expected = NpyReaderTest.EXPECTED.get(file);
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);
        assertEquals(names.stream().sorted().toList(), npz.names().stream().sorted().toList());
        for (NpyArray a : npz.arrays()) {
            NpyReaderTest.assertMatches(expected.get(a.name()), a);
        }
    }

    @Test
    void namesFollowTheArchiveAndDropTheExtension() {
        NpzFile npz = NpzReader.read(DIR.resolve("arrays.npz"));
        assertEquals(List.of("weight", "bias", "k", "fortran"), npz.names(), "np.savez keyword order");
        assertEquals(32, npz.array("k").orElseThrow().longValue());
        assertTrue(npz.array("fortran").orElseThrow().fortranOrder());
        assertTrue(npz.array("missing").isEmpty());
    }

    @Test
    void aJavaBuiltZip64ArchiveWithDeflatedMembersReads() throws IOException {
        Map<String, byte[]> members = ZipBytes.entries(DIR.resolve("arrays.npz"));
        ZipBytes zip = new ZipBytes().zip64();
        members.forEach(zip::addDeflated);
        NpzFile npz = NpzReader.read(Files.write(tmp.resolve("z.npz"), zip.build()));
        NpzFile reference = NpzReader.read(DIR.resolve("arrays.npz"));
        for (NpyArray a : reference.arrays()) {
            assertArrayEquals(a.toDoubleArray(), npz.array(a.name()).orElseThrow().toDoubleArray(), a.name());
        }
    }

    @Test
    void aLargeDeflatedMemberIsInflatedOnlyWhenAskedFor() throws IOException {
        // 20000 floats: past the header prefix, so reading parses the header and converting inflates the rest.
        int n = 20_000;
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(4 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putFloat(i / 7f);
        }
        byte[] npy = NpyHostileInputTest.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 200), }",
                data.array());
        NpzFile npz = NpzReader.read(Files.write(tmp.resolve("big.npz"),
                new ZipBytes().addDeflated("x.npy", npy).build()));
        float[] values = npz.array("x").orElseThrow().toFloatArray();
        assertEquals(n, values.length);
        assertEquals(19_999 / 7f, values[n - 1]);
    }

    @Test
    void membersThatAreNotNpyAreIgnored() throws IOException {
        byte[] zip = new ZipBytes().add("README.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .add("a.npy", Files.readAllBytes(DIR.resolve("f8.npy"))).build();
        NpzFile npz = NpzReader.read(Files.write(tmp.resolve("mixed.npz"), zip));
        assertEquals(List.of("a"), npz.names());
    }

    @Test
    void anObjectArrayInsideIsRefusedByName() {
        Path file = DIR.resolve("object.npz");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NpzReader.read(file));
        assertTrue(e.getMessage().contains("array 'bad'") && e.getMessage().contains("Python objects"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
