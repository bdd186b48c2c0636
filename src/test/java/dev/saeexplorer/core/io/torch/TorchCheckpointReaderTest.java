package dev.saeexplorer.core.io.torch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsDtype;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.arrays.ElementType;
import dev.saeexplorer.testkit.ZipBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the checkpoints that PyTorch 1.13 wrote (src/test/resources/torch/make_fixtures.py) and compares every tensor
 * and value with what torch.load read back from the same files (expected.json).
 */
class TorchCheckpointReaderTest {
    static final Path DIR = Path.of("src/test/resources/torch");
    private static final JsonNode EXPECTED = readExpected();

    @TempDir
    Path tmp;

    private static JsonNode readExpected() {
        try {
            return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtypes.pt", "views.pt", "nested.pt", "openai_like.pt", "bare_tensor.pt", "protocol4.pt"})
    void everyTensorAndValueMatchesWhatTorchReadBack(String file) {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve(file));
        JsonNode expected = EXPECTED.get(file);

        List<String> order = new ArrayList<>();
        expected.get("tensor_order").forEach(n -> order.add(n.asText()));
        assertEquals(order, cp.tensors().stream().map(TorchTensor::name).toList(), "tensor names in file order");
        for (TorchTensor t : cp.tensors()) {
            assertTensorMatches(expected.get("tensors").get(t.name()), t);
        }

        Map<String, Object> values = new LinkedHashMap<>();
        expected.get("values").fields().forEachRemaining(e -> values.put(e.getKey(), plain(e.getValue())));
        assertEquals(values, new LinkedHashMap<>(cp.values()), file + " plain values");
    }

    static void assertTensorMatches(JsonNode e, TorchTensor t) {
        String what = t.name();
        assertEquals(e.get("dtype").asText(), t.dtype().toString(), what + " dtype");
        assertArrayEquals(ints(e.get("shape")), t.shape(), what + " shape");
        assertArrayEquals(longs(e.get("stride")), t.strides(), what + " stride");
        assertEquals(e.get("storage_offset").asLong(), t.storageOffset(), what + " storage offset");
        assertEquals(e.get("parameter").asBoolean(), t.isParameter(), what + " parameter");
        JsonNode values = e.get("values");
        if (t.dtype().isFloatingPoint()) {
            double[] want = new double[values.size()];
            float[] wantFloat = new float[values.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = values.get(i).asDouble();
                wantFloat[i] = (float) want[i];
            }
            assertArrayEquals(want, t.toDoubleArray(), what + " values as doubles (exact)");
            assertArrayEquals(wantFloat, t.toFloatArray(), what + " values as floats");
            assertArrayEquals(wantFloat, t.toTensor().toFloatArray(), what + " as a Tensor");
            assertThrows(InvalidInputException.class, t::toLongArray);
        } else {
            assertArrayEquals(longs(values), t.toLongArray(), what + " values");
            float[] wantFloat = new float[values.size()];
            for (int i = 0; i < wantFloat.length; i++) {
                wantFloat[i] = values.get(i).asLong();
            }
            assertArrayEquals(wantFloat, t.toFloatArray(), what + " integer values as floats");
            assertThrows(InvalidInputException.class, t::toTensor);
        }
    }

    @Test
    void viewsShareOneStorageAndKeepTheirLayout() {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("views.pt"));
        assertEquals(1, cp.tensors().stream().map(TorchTensor::storageKey).distinct().count(),
                "torch.save writes a storage once however many views share it");
        TorchTensor t = cp.tensor("transposed").orElseThrow();
        assertArrayEquals(new int[]{6, 4}, t.shape());
        float[] base = cp.tensor("base").orElseThrow().toFloatArray();
        float[] transposed = t.toFloatArray();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(base[j * 6 + i], transposed[i * 4 + j]);
            }
        }
    }

    @Test
    void halfPrecisionKeepsItsBitsAsATensor() {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("dtypes.pt"));
        Tensor f16 = cp.tensor("f16").orElseThrow().toTensor();
        assertEquals(SafetensorsDtype.F16, f16.dtype());
        assertEquals(SafetensorsDtype.BF16, cp.tensor("bf16").orElseThrow().toTensor().dtype());
        assertEquals(SafetensorsDtype.F64, cp.tensor("f64").orElseThrow().toTensor().dtype());
        assertArrayEquals(new int[]{4, 3}, f16.shape());
        assertEquals(0, cp.tensor("scalar").orElseThrow().rank());
        assertEquals(0, cp.tensor("empty").orElseThrow().toFloatArray().length);
        assertEquals(ElementType.BOOL, cp.tensor("bool").orElseThrow().dtype());
    }

    @Test
    void openAiActivationStateDictIsReadable() {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("openai_like.pt"));
        assertEquals("TopK", cp.value("activation").orElseThrow());
        assertEquals(32L, cp.value("activation_state_dict.k").orElseThrow());
        Map<?, ?> root = assertInstanceOf(Map.class, cp.root());
        assertEquals(Map.of("k", 32L, "postact_fn", "ReLU"), root.get("activation_state_dict"));
        assertArrayEquals(new int[]{8, 4}, cp.tensor("encoder.weight").orElseThrow().shape());
    }

    @Test
    void nestedCheckpointKeepsParametersBuffersAndPlainValues() {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("nested.pt"));
        assertEquals(32L, cp.tensor("k").orElseThrow().longValue(), "dictionary_learning's k buffer");
        assertEquals(ElementType.INT64, cp.tensor("k").orElseThrow().dtype());
        assertTrue(cp.tensor("params.weight").orElseThrow().isParameter());
        assertFalse(cp.tensor("state_dict.weight").orElseThrow().isParameter());
        assertEquals(1L << 40, cp.value("big").orElseThrow());
        assertTrue(cp.values().containsKey("flags.2"));
        assertNull(cp.values().get("flags.2"), "None is a null value");
        Map<?, ?> root = (Map<?, ?>) cp.root();
        assertEquals(List.of(2L, 3L), root.get("shape"), "tuples are lists");
        assertEquals(3, cp.formatVersion().orElseThrow());
        assertEquals(ByteOrder.LITTLE_ENDIAN, cp.byteOrder());
        // The same Parameter saved under two names is one pickled object and one storage.
        assertEquals(cp.tensor("params.weight").orElseThrow().storageKey(),
                cp.tensor("params.tied").orElseThrow().storageKey());
    }

    @Test
    void aBareTensorIsTheRootUnderTheEmptyName() {
        TorchCheckpoint cp = TorchCheckpointReader.read(DIR.resolve("bare_tensor.pt"));
        TorchTensor t = assertInstanceOf(TorchTensor.class, cp.root());
        assertEquals("", t.name());
        assertEquals(List.of(t), cp.tensors());
    }

    /** PyTorch cannot be made to write big-endian storages here, so the test byte-swaps a real file's and says so. */
    @Test
    void bigEndianByteOrderRecordIsHonoured() throws IOException {
        Map<String, byte[]> entries = ZipBytes.entries(DIR.resolve("dtypes.pt"));
        TorchCheckpoint little = TorchCheckpointReader.read(DIR.resolve("dtypes.pt"));
        Map<String, byte[]> swapped = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            swapped.put(e.getKey(), e.getValue());
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        for (TorchTensor t : little.tensors()) {
            String key = "dtypes/data/" + t.storageKey();
            if (done.add(key)) {
                swapped.put(key, swap(entries.get(key), t.dtype().byteSize()));
            }
        }
        swapped.put("dtypes/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        Path big = Files.write(tmp.resolve("big.pt"), new ZipBytes().add(swapped).build());

        TorchCheckpoint cp = TorchCheckpointReader.read(big);
        assertEquals(ByteOrder.BIG_ENDIAN, cp.byteOrder());
        for (TorchTensor t : little.tensors()) {
            TorchTensor b = cp.tensor(t.name()).orElseThrow();
            assertArrayEquals(t.toDoubleArray(), b.toDoubleArray(), t.name());
            if (t.dtype().isFloatingPoint()) {
                assertArrayEquals(t.toTensor().toLittleEndianBytes(), b.toTensor().toLittleEndianBytes(), t.name());
            }
        }
    }

    @Test
    void anUnknownByteOrderIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(ZipBytes.entries(DIR.resolve("views.pt")));
        entries.put("views/byteorder", "middle".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(tmp.resolve("odd.pt"), new ZipBytes().add(entries).build());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpointReader.read(file));
        assertTrue(e.getMessage().contains("byteorder"), e.getMessage());
    }

    @Test
    void aRepackedArchiveWithADeflatedPickleStillReads() throws IOException {
        // Tools that rezip a checkpoint may compress the small records; the pickle is then inflated (CRC-checked).
        Map<String, byte[]> entries = ZipBytes.entries(DIR.resolve("views.pt"));
        ZipBytes zip = new ZipBytes();
        entries.forEach((name, data) -> {
            if (name.endsWith("data.pkl")) {
                zip.addDeflated(name, data);
            } else {
                zip.add(name, data);
            }
        });
        TorchCheckpoint cp = TorchCheckpointReader.read(Files.write(tmp.resolve("rezipped.pt"), zip.build()));
        assertTensorMatches(EXPECTED.get("views.pt").get("tensors").get("slice"), cp.tensor("slice").orElseThrow());
    }

    @Test
    void theFileIsOnlyReadWhenValuesAreAskedFor() throws IOException {
        Path copy = Files.copy(DIR.resolve("views.pt"), tmp.resolve("views.pt"));
        TorchCheckpoint cp = TorchCheckpointReader.read(copy);
        Files.delete(copy);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> cp.tensor("base").orElseThrow().toFloatArray());
        assertTrue(e.getMessage().contains("tensor 'base'"), e.getMessage());
    }

    private static byte[] swap(byte[] data, int size) {
        byte[] out = data.clone();
        for (int i = 0; i + size <= data.length; i += size) {
            for (int b = 0; b < size; b++) {
                out[i + b] = data[i + size - 1 - b];
            }
        }
        return out;
    }

    private static Object plain(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return n.asText();
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
