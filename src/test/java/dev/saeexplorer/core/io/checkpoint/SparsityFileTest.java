package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparsityFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenDensitiesReadBackAndCountTheDead() {
        // counts over 1000 samples: 1000 → log10(1) = 0, 10 → −2, 0 → log10(1e-10) = −10
        double[] log10 = SparsityFile.log10Density(new long[] {1000, 10, 0}, 1000);
        assertEquals(0, log10[0], 1e-9);
        assertEquals(-2, log10[1], 1e-7);
        assertEquals(-10, log10[2], 1e-9);
        Path file = dir.resolve(SparsityFile.NAME);
        SparsityFile.write(file, log10);
        assertArrayEquals(log10, SparsityFile.read(file, 3), 1e-6);
        assertEquals(1 / 3.0, SparsityFile.deadFraction(log10), 1e-12);
        assertTrue(SparsityFile.readNextTo(dir, 3).isPresent());
        assertTrue(SparsityFile.readNextTo(dir.resolve("nowhere"), 3).isEmpty());
    }

    @Test
    void theDeadFractionFillsTheStatistics() {
        FeatureGeometry g = new FeatureGeometry(new double[] {1, 2}, new double[] {0.5, Double.NaN});
        CheckpointStats s = CheckpointStats.of(g, new double[] {-1, -10});
        assertEquals(0.5, s.deadFraction(), 0);
        assertEquals(1, s.zeroVectorLatents());
        assertEquals(0.5, s.encoderDecoderCosine().mean(), 0);
        assertEquals(1.5, s.decoderNorm().mean(), 0);
    }

    @Test
    void aNeverFiringFeatureWithoutSaeLensOffsetIsKeptAsMinusInfinity() {
        Path file = write(Tensor.ofFloats("sparsity", new int[] {2}, new float[] {Float.NEGATIVE_INFINITY, -3f}));
        double[] v = SparsityFile.read(file, 2);
        assertEquals(Double.NEGATIVE_INFINITY, v[0]);
        assertEquals(0.5, SparsityFile.deadFraction(v), 0);
    }

    @Test
    void aShapeForAnotherSaeIsRefusedNamingTheFile() {
        Path file = write(Tensor.ofFloats("sparsity", new int[] {3}, new float[] {-1, -2, -3}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparsityFile.read(file, 4));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[4]"), e.getMessage());
        Path matrix = write(Tensor.ofFloats("sparsity", new int[] {2, 2}, new float[] {-1, -2, -3, -4}));
        assertThrows(InvalidInputException.class, () -> SparsityFile.read(matrix, 4));
    }

    @Test
    void nanAndDensitiesAboveOneAreRefused() {
        Path nan = write(Tensor.ofFloats("sparsity", new int[] {2}, new float[] {-1, Float.NaN}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparsityFile.read(nan, 2));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("feature 1"), e.getMessage());
        Path linear = write(Tensor.ofFloats("sparsity", new int[] {2}, new float[] {0.5f, 3f}));
        e = assertThrows(InvalidInputException.class, () -> SparsityFile.read(linear, 2));
        assertTrue(e.getMessage().contains("not a log10 density"), e.getMessage());
    }

    @Test
    void aFileWithoutTheTensorSaysWhatItHolds() {
        Path file = write(Tensor.ofFloats("feature_sparsity", new int[] {2}, new float[] {-1, -2}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparsityFile.read(file, 2));
        assertTrue(e.getMessage().contains("feature_sparsity") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void anIntegerDtypeAndATruncatedFileAreRefused() throws IOException {
        byte[] header = "{\"sparsity\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]}}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).putInt(1).putInt(2);
        Path ints = dir.resolve("ints.safetensors");
        Files.write(ints, b.array());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparsityFile.read(ints, 2));
        assertTrue(e.getMessage().contains("I32"), e.getMessage());

        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, new byte[] {1, 2, 3});
        assertThrows(InvalidInputException.class, () -> SparsityFile.read(truncated, 2));
    }

    private Path write(Tensor t) {
        Path file = dir.resolve(t.name() + "-" + t.elementCount() + "-" + System.nanoTime() + ".safetensors");
        SafetensorsWriter.write(file, List.of(t), Map.of());
        return file;
    }
}
