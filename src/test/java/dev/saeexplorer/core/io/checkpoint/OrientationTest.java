package dev.saeexplorer.core.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How every reader decides a matrix's orientation ({@link ReadSupport#matrix}), on hand-built tensors: the shape against
 * d_in and d_sae decides, whatever the name says; only a square matrix falls back on the format's documented name, and
 * says so; a shape that fits neither way is refused.
 */
class OrientationTest {
    /** Tensors in memory, as a reader sees a file. */
    private static TensorSource source(Map<String, int[]> shapes, Map<String, float[]> values) {
        return new TensorSource() {
            @Override
            public Path path() {
                return Path.of("hand-built.pt");
            }

            @Override
            public List<String> names() {
                return List.copyOf(shapes.keySet());
            }

            @Override
            public boolean contains(String name) {
                return shapes.containsKey(name);
            }

            @Override
            public int[] shape(String name) {
                return shapes.get(name);
            }

            @Override
            public float[] floats(String name) {
                return values.get(name).clone();
            }

            @Override
            public double[] doubles(String name) {
                float[] f = values.get(name);
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }

            @Override
            public String dtype(String name) {
                return "F32";
            }
        };
    }

    private static TensorSource one(String name, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put(name, new int[] {rows, cols});
        return source(shapes, Map.of(name, v));
    }

    private static INDArray read(TensorSource s, String name, int dIn, int dSae, boolean documentedTransposed,
            ReadLog log) {
        return ReadSupport.matrix(s, name, "W_enc", dIn, dSae, documentedTransposed, "nn.Linear's [d_sae, d_in]",
                "test", "d_in " + dIn + " from b", log);
    }

    @Test
    void theShapeDecidesWhenDInDiffersFromDSae() {
        // Stored [d_sae, d_in] = [3, 2] as nn.Linear documents it: read transposed.
        ReadLog log = new ReadLog();
        INDArray w = read(one("encoder.weight", 3, 2), "encoder.weight", 2, 3, true, log);
        assertArrayEquals(new long[] {2, 3}, w.shape());
        assertEquals(0f, w.getFloat(0, 0));
        assertEquals(2f, w.getFloat(0, 1)); // element [1][0] of the stored [3, 2]
        assertEquals(1f, w.getFloat(1, 0));
        assertEquals(List.of("encoder.weight [3, 2] read as W_encᵀ (d_in 2 from b)"), log.inferred());
        assertTrue(log.notes().isEmpty());
        // The same name stored [d_in, d_sae] = [2, 3]: the shape wins over the name, and the log says so.
        ReadLog other = new ReadLog();
        INDArray v = read(one("encoder.weight", 2, 3), "encoder.weight", 2, 3, true, other);
        assertEquals(1f, v.getFloat(0, 1));
        assertEquals(List.of("encoder.weight [2, 3] read as W_enc (d_in 2 from b): transposed from test's nn.Linear's"
                + " [d_sae, d_in]"), other.inferred());
        assertEquals(1, other.notes().size());
    }

    @Test
    void aSquareMatrixIsDecidedByItsNameAndTheLogSaysSo() {
        ReadLog log = new ReadLog();
        INDArray byLinear = read(one("encoder.weight", 2, 2), "encoder.weight", 2, 2, true, log);
        assertEquals(2f, byLinear.getFloat(0, 1)); // transposed: nn.Linear's [out, in]
        assertTrue(log.inferred().get(0).startsWith("encoder.weight [2, 2] is square, so its name decides: read as"
                + " W_encᵀ"), log.inferred()::toString);
        ReadLog asStored = new ReadLog();
        INDArray byName = read(one("W_enc", 2, 2), "W_enc", 2, 2, false, asStored);
        assertEquals(1f, byName.getFloat(0, 1));
        assertTrue(asStored.inferred().get(0).contains("read as W_enc,"), asStored.inferred()::toString);
    }

    @Test
    void aShapeThatFitsNeitherWayIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read(one("encoder.weight", 3, 3), "encoder.weight", 2, 3, true, new ReadLog()));
        assertTrue(e.getMessage().contains("[3, 3]") && e.getMessage().contains("either orientation"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> read(one("encoder.weight", 2, 3), "encoder.weight", 2, 2, true, new ReadLog()));
        Map<String, int[]> shapes = Map.of("v", new int[] {6});
        InvalidInputException rank = assertThrows(InvalidInputException.class,
                () -> read(source(shapes, Map.of("v", new float[6])), "v", 2, 3, false, new ReadLog()));
        assertTrue(rank.getMessage().contains("expected a matrix"), rank.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRefused() {
        Map<String, int[]> shapes = Map.of("W_enc", new int[] {2, 3});
        float[] v = new float[6];
        v[4] = Float.POSITIVE_INFINITY;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> read(source(shapes, Map.of("W_enc", v)), "W_enc", 2, 3, false, new ReadLog()));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }
}
