package dev.saeexplorer.core.io.npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsDtype;
import dev.saeexplorer.core.io.arrays.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the .npy files numpy wrote (src/test/resources/npy/make_fixtures.py) and compares each with what np.load read
 * back from the same file (expected.json): dtype string, shape, memory order and every value in row-major order.
 */
class NpyReaderTest {
    static final Path DIR = Path.of("src/test/resources/npy");
    static final JsonNode EXPECTED = readExpected();

    private static JsonNode readExpected() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1_f4.npy", "v2_f4.npy", "v3_f4.npy", "f2.npy", "f8.npy", "be_f4.npy", "be_f8.npy",
            "be_f2.npy", "fortran_f4.npy", "fortran_be_f8_3d.npy", "i8.npy", "i4.npy", "be_i4.npy", "b1.npy",
            "u1.npy", "scalar_f8.npy", "empty_f4.npy"})
    void everyArrayMatchesWhatNumpyReadBack(String file) {
        NpyArray a = NpyReader.read(DIR.resolve(file));
        assertEquals(file.substring(0, file.length() - 4), a.name());
        assertMatches(EXPECTED.get(file), a);
    }

    /** Compares an array with numpy's description of it: descr, shape, order and values (row-major). */
    static void assertMatches(JsonNode e, NpyArray a) {
        String what = a.name();
        assertEquals(e.get("descr").asText(), a.descr(), what + " descr");
        int[] shape = new int[e.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = e.get("shape").get(i).asInt();
        }
        assertArrayEquals(shape, a.shape(), what + " shape");
        assertEquals(e.get("fortran_order").asBoolean(), a.fortranOrder(), what + " fortran order");
        assertEquals(a.descr().startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, a.byteOrder());
        JsonNode values = e.get("values");
        assertEquals(values.size(), a.elementCount(), what + " element count");
        if (a.dtype().isFloatingPoint()) {
            double[] want = new double[values.size()];
            float[] wantFloat = new float[values.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = values.get(i).asDouble();
                wantFloat[i] = (float) want[i];
            }
            assertArrayEquals(want, a.toDoubleArray(), what + " values as doubles (exact)");
            assertArrayEquals(wantFloat, a.toFloatArray(), what + " values as floats");
            assertArrayEquals(wantFloat, a.toTensor().toFloatArray(), what + " as a Tensor");
        } else {
            long[] want = new long[values.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = values.get(i).asLong();
            }
            assertArrayEquals(want, a.toLongArray(), what + " values");
            assertThrows(InvalidInputException.class, a::toTensor);
        }
    }

    @Test
    void formatVersionsAreReported() {
        assertEquals(1, NpyReader.read(DIR.resolve("v1_f4.npy")).formatVersion());
        assertEquals(2, NpyReader.read(DIR.resolve("v2_f4.npy")).formatVersion());
        assertEquals(3, NpyReader.read(DIR.resolve("v3_f4.npy")).formatVersion());
    }

    @Test
    void fortranOrderComesBackRowMajor() {
        NpyArray c = NpyReader.read(DIR.resolve("v1_f4.npy"));
        NpyArray f = NpyReader.read(DIR.resolve("fortran_f4.npy"));
        assertTrue(f.fortranOrder());
        assertArrayEquals(c.toFloatArray(), f.toFloatArray());
    }

    @Test
    void halfAndDoublePrecisionKeepTheirBitsAsATensor() {
        assertEquals(SafetensorsDtype.F16, NpyReader.read(DIR.resolve("be_f2.npy")).toTensor().dtype());
        assertEquals(SafetensorsDtype.F64, NpyReader.read(DIR.resolve("fortran_be_f8_3d.npy")).toTensor().dtype());
        assertEquals(ElementType.BOOL, NpyReader.read(DIR.resolve("b1.npy")).dtype());
        assertEquals(0, NpyReader.read(DIR.resolve("scalar_f8.npy")).rank());
    }

    @Test
    void aSingleIntegerReadsAsALong() {
        assertEquals(-3, NpyReader.read(DIR.resolve("i8.npy")).toLongArray()[0]);
        assertThrows(InvalidInputException.class, () -> NpyReader.read(DIR.resolve("i8.npy")).longValue());
        assertThrows(InvalidInputException.class, () -> NpyReader.read(DIR.resolve("f8.npy")).toLongArray());
    }
}
