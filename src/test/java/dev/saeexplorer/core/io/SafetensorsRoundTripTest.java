package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    /** A file assembled by hand: length prefix, header exactly as given, then data. */
    static byte[] safetensors(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return buf.putLong(header.length).put(header).put(data).array();
    }

    /** Little-endian 16-bit words. */
    static byte[] shorts(int... words) {
        ByteBuffer buf = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            buf.putShort((short) w);
        }
        return buf.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void f32TensorsAndMetadataRoundTripExactly() {
        float[] values = {0f, -0f, 1f, -2.5f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 3.14159274f};
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "ünïcode ✓, \"quotes\" and \\ backslash");
        Path path = dir.resolve("f32.safetensors");

        SafetensorsWriter.write(path, List.of(Tensor.ofFloats("w", new int[] {3, 4}, values)), metadata);
        SafetensorsFile file = SafetensorsReader.read(path);

        assertEquals(metadata, file.metadata());
        Tensor w = file.tensor("w");
        assertEquals(SafetensorsDtype.F32, w.dtype());
        assertArrayEquals(new int[] {3, 4}, w.shape());
        assertEquals(2, w.rank());
        assertEquals(12, w.elementCount());
        assertArrayEquals(values, w.toFloatArray()); // bitwise: distinguishes -0 and 0, NaN equals NaN
        double[] widened = w.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals((double) values[i], widened[i]);
        }
    }

    @Test
    void f64TensorsRoundTripExactlyIncludingScalars() {
        double[] values = {Math.PI, -Math.E, Double.MIN_VALUE, Double.MAX_VALUE, 1e300, -0.0, 0.1};
        Path path = dir.resolve("f64.safetensors");

        SafetensorsWriter.write(path, List.of(
                Tensor.ofDoubles("v", new int[] {7}, values),
                Tensor.ofDoubles("scalar", new int[] {}, new double[] {42.5})), null);
        SafetensorsFile file = SafetensorsReader.read(path);

        assertTrue(file.metadata().isEmpty());
        assertArrayEquals(values, file.tensor("v").toDoubleArray());
        Tensor scalar = file.tensor("scalar");
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.elementCount());
        assertArrayEquals(new double[] {42.5}, scalar.toDoubleArray());
        assertEquals(SafetensorsDtype.F64, scalar.dtype());
    }

    @Test
    void namesFollowHeaderOrderWhichIsWriteOrder() {
        Path path = dir.resolve("order.safetensors");
        SafetensorsWriter.write(path, List.of(
                Tensor.ofFloats("z", new int[] {1}, new float[] {1}),
                Tensor.ofDoubles("a", new int[] {1}, new double[] {2}),
                Tensor.ofFloats("m", new int[] {2}, new float[] {3, 4})), Map.of());

        SafetensorsFile file = SafetensorsReader.read(path);

        assertEquals(List.of("z", "a", "m"), file.names());
        assertEquals(List.of("z", "a", "m"), file.tensors().stream().map(Tensor::name).toList());
        assertTrue(file.contains("a"));
        assertFalse(file.contains("b"));
    }

    @Test
    void singleF32TensorHasTheExactBytesOfTheFormat() throws IOException {
        Path path = dir.resolve("a.safetensors");
        SafetensorsWriter.write(path, List.of(Tensor.ofFloats("a", new int[] {2}, new float[] {1.0f, -2.0f})), null);
        byte[] bytes = Files.readAllBytes(path);

        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"; // 54 bytes
        // 54 padded with 2 spaces to 56, so the data starts at 8 + 56 = 64, a multiple of 8.
        byte[] expected = concat(
                new byte[] {56, 0, 0, 0, 0, 0, 0, 0},
                (json + "  ").getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, (byte) 0xC0});
        assertArrayEquals(expected, bytes);
    }

    @Test
    void dataSectionStartsEightByteAlignedForAnyNameLength() {
        for (int len = 1; len <= 9; len++) {
            Path path = dir.resolve("align" + len + ".safetensors");
            SafetensorsWriter.write(path, List.of(Tensor.ofFloats("x".repeat(len), new int[] {1}, new float[] {1})),
                    Map.of("k", "v"));
            long headerLength = ByteBuffer.wrap(readUnchecked(path), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, (8 + headerLength) % 8, "name length " + len);
            assertArrayEquals(new float[] {1}, SafetensorsReader.read(path).tensor("x".repeat(len)).toFloatArray());
        }
    }

    @Test
    void handWrittenF16AndBf16DecodeExactly() throws IOException {
        // F16: 1.0, -2.0, 65504 (max), smallest subnormal, largest subnormal, +inf, -inf, -0, 1/3 rounded.
        byte[] f16 = shorts(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x7C00, 0xFC00, 0x8000, 0x3555);
        // BF16: 1.0, -2.0, +inf, smallest subnormal (2^-133), 3.140625.
        byte[] bf16 = shorts(0x3F80, 0xC000, 0x7F80, 0x0001, 0x4049);
        byte[] nans = shorts(0x7E00, 0x7FC0); // F16 NaN, BF16 NaN
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[9],\"data_offsets\":[0,18]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[18,28]},"
                + "\"hn\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[28,30]},"
                + "\"bn\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[30,32]}}";
        Path path = writeBytes("half.safetensors", safetensors(header, concat(f16, bf16, nans)));

        SafetensorsFile file = SafetensorsReader.read(path);

        assertArrayEquals(new float[] {1.0f, -2.0f, 65504f, 5.960464477539063e-8f, 6.097555160522461e-5f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.333251953125f}, file.tensor("h").toFloatArray());
        assertArrayEquals(new double[] {1.0, -2.0, 65504.0, 5.960464477539063e-8, 6.097555160522461e-5,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.333251953125}, file.tensor("h").toDoubleArray());
        assertEquals(Math.scalb(1.0f, -24), file.tensor("h").toFloatArray()[3]);
        assertArrayEquals(new float[] {1.0f, -2.0f, Float.POSITIVE_INFINITY, Math.scalb(1.0f, -133), 3.140625f},
                file.tensor("b").toFloatArray());
        assertTrue(Float.isNaN(file.tensor("hn").toFloatArray()[0]));
        assertTrue(Double.isNaN(file.tensor("bn").toDoubleArray()[0]));
        assertEquals(SafetensorsDtype.F16, file.tensor("h").dtype());
        assertEquals(SafetensorsDtype.BF16, file.tensor("b").dtype());
    }

    @Test
    void everyF16BitPatternDecodesToTheValueTheFormulaGives() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float actual = Tensor.halfToFloat((short) bits);
            if (exp == 0x1F) {
                assertEquals(mant == 0, Float.isInfinite(actual), Integer.toHexString(bits));
                assertEquals(mant != 0, Float.isNaN(actual), Integer.toHexString(bits));
                continue;
            }
            double expected = exp == 0 ? sign * mant * Math.pow(2, -24)
                    : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            assertEquals(expected, actual, 0.0, Integer.toHexString(bits));
            assertEquals(sign < 0, (Float.floatToRawIntBits(actual) & 0x80000000) != 0, Integer.toHexString(bits));
        }
    }

    @Test
    void floatsRoundToTheNearestF16WithTiesToEven() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float v = Tensor.halfToFloat((short) bits);
            if (!Float.isNaN(v)) {
                assertEquals(bits, Tensor.floatToHalf(v) & 0xFFFF, Integer.toHexString(bits));
            }
        }
        assertEquals(0x3C00, Tensor.floatToHalf(1f + 0x1p-11f)); // halfway between 1 and its successor: even, down
        assertEquals(0x3C02, Tensor.floatToHalf(1f + 3 * 0x1p-11f)); // halfway between odd and even: up
        assertEquals(0x3C01, Tensor.floatToHalf(1f + 0x1p-11f + 0x1p-20f)); // just past halfway: up
        assertEquals(0x0001, Tensor.floatToHalf(0x1p-24f * 0.75f)); // subnormal, rounded up
        assertEquals(0x0000, Tensor.floatToHalf(0x1p-25f)); // halfway to the smallest subnormal: even, down
        assertEquals(0x7C00, Tensor.floatToHalf(65520f)); // rounds past 65504: +∞
        assertEquals(0x7BFF, Tensor.floatToHalf(65519f));
        assertEquals(0x8000, Tensor.floatToHalf(-1e-30f) & 0xFFFF);
        assertTrue(Float.isNaN(Tensor.halfToFloat(Tensor.floatToHalf(Float.NaN))));
        assertArrayEquals(new float[] {0.5f, 0.333251953125f}, Tensor.ofHalfFloats("h", new int[] {2},
                new float[] {0.5f, 1 / 3f}).toFloatArray());
    }

    @Test
    void f16AndBf16TensorsRoundTripBitForBit() {
        byte[] f16 = shorts(0x3C00, 0x7E01, 0x0001);
        byte[] bf16 = shorts(0x3F80, 0xFFC1);
        Path path = dir.resolve("halves.safetensors");
        List<Tensor> written = List.of(
                Tensor.ofLittleEndianBytes("h", SafetensorsDtype.F16, new int[] {3}, f16),
                Tensor.ofLittleEndianBytes("b", SafetensorsDtype.BF16, new int[] {1, 2}, bf16));

        SafetensorsWriter.write(path, written, null);

        assertEquals(written, SafetensorsReader.read(path).tensors());
        assertArrayEquals(f16, SafetensorsReader.read(path).tensor("h").toLittleEndianBytes());
    }

    @Test
    void zeroElementTensorBetweenOthersIsRead() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(2f).array();
        SafetensorsFile file = SafetensorsReader.read(writeBytes("zero.safetensors", safetensors(header, data)));

        Tensor empty = file.tensor("empty");
        assertEquals(0, empty.elementCount());
        assertArrayEquals(new int[] {0}, empty.shape());
        assertEquals(0, empty.toFloatArray().length);
        assertArrayEquals(new float[] {2f}, file.tensor("y").toFloatArray());
    }

    @Test
    void zeroElementTensorsRoundTrip() {
        Path path = dir.resolve("empties.safetensors");
        SafetensorsWriter.write(path, List.of(
                Tensor.ofFloats("e0", new int[] {0}, new float[0]),
                Tensor.ofDoubles("e1", new int[] {3, 0}, new double[0]),
                Tensor.ofFloats("one", new int[] {1}, new float[] {7})), null);

        SafetensorsFile file = SafetensorsReader.read(path);

        assertArrayEquals(new int[] {3, 0}, file.tensor("e1").shape());
        assertArrayEquals(new float[] {7}, file.tensor("one").toFloatArray());
    }

    @Test
    void fileWithNoTensorsRoundTrips() {
        Path path = dir.resolve("none.safetensors");
        SafetensorsWriter.write(path, List.of(), Map.of("only", "metadata"));

        SafetensorsFile file = SafetensorsReader.read(path);

        assertEquals(List.of(), file.names());
        assertEquals(Map.of("only", "metadata"), file.metadata());
    }

    @Test
    void headerPaddedWithTrailingSpacesIsAccepted() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}" + " ".repeat(13);
        byte[] data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).array();
        SafetensorsFile file = SafetensorsReader.read(writeBytes("padded.safetensors", safetensors(header, data)));
        assertArrayEquals(new float[] {0.5f}, file.tensor("a").toFloatArray());
    }

    @Test
    void rewritingAFileReplacesItAndLeavesNoTempFile() throws IOException {
        Path path = dir.resolve("model.safetensors");
        SafetensorsWriter.write(path, List.of(Tensor.ofFloats("old", new int[] {1}, new float[] {1})), null);
        SafetensorsReader.read(path); // a read must not keep the file mapped or locked
        SafetensorsWriter.write(path, List.of(Tensor.ofFloats("new", new int[] {1}, new float[] {2})), null);

        assertEquals(List.of("new"), SafetensorsReader.read(path).names());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList());
        }
    }

    @Test
    void unknownTensorNameListsTheAvailableNames() {
        Path path = dir.resolve("many.safetensors");
        List<Tensor> tensors = java.util.stream.IntStream.range(0, 15)
                .mapToObj(i -> Tensor.ofFloats("t" + i, new int[] {1}, new float[] {i})).toList();
        SafetensorsWriter.write(path, tensors, null);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafetensorsReader.read(path).tensor("missing"));

        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("t0, t1"), e.getMessage());
        assertTrue(e.getMessage().contains("(5 more)"), e.getMessage());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void tensorFactoriesRejectDataThatDoesNotMatchTheShape() {
        InvalidInputException f = assertThrows(InvalidInputException.class,
                () -> Tensor.ofFloats("w", new int[] {2, 3}, new float[5]));
        assertTrue(f.getMessage().contains("shape [2, 3]"), f.getMessage());
        assertThrows(InvalidInputException.class, () -> Tensor.ofDoubles("w", new int[] {4}, new double[3]));
        assertThrows(InvalidInputException.class, () -> Tensor.ofFloats("w", new int[] {-1}, new float[0]));
        assertThrows(InvalidInputException.class, () -> Tensor.ofLittleEndianBytes("w", SafetensorsDtype.F16,
                new int[] {2}, new byte[3]));
    }

    @Test
    void tensorsAreImmutable() {
        int[] shape = {2};
        float[] data = {1, 2};
        Tensor t = Tensor.ofFloats("t", shape, data);
        shape[0] = 9;
        data[0] = 9;
        t.shape()[0] = 9;
        t.toFloatArray()[0] = 9;
        assertArrayEquals(new int[] {2}, t.shape());
        assertArrayEquals(new float[] {1, 2}, t.toFloatArray());
    }

    @Test
    void readsHuggingFaceWrittenFile() {
        Path fixture = Path.of("").toAbsolutePath()
                .resolve("../shared/data/tiny-gpt2/fake-gpt2/model.safetensors").normalize();
        Assumptions.assumeTrue(Files.exists(fixture), "fixture not present, skipping: " + fixture);

        SafetensorsFile file = SafetensorsReader.read(fixture);

        Tensor wte = file.tensor("transformer.wte.weight");
        assertEquals(SafetensorsDtype.F32, wte.dtype());
        assertArrayEquals(new int[] {50257, 2}, wte.shape());
        assertEquals(50257 * 2, wte.toFloatArray().length);
        assertArrayEquals(new int[] {2, 6}, file.tensor("transformer.h.0.attn.c_attn.weight").shape());
        assertEquals("pt", file.metadata().get("format"));
    }

    private static byte[] readUnchecked(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
