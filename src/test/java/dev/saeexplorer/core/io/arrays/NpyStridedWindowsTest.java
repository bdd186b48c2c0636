package dev.saeexplorer.core.io.arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The strided gather under the PyTorch and NumPy readers, with memory-mapped windows shrunk to 16 bytes so that a
 * small file crosses hundreds of window edges: every layout must give what plain index arithmetic gives. (Named Npy*
 * so that the readers' test filter runs it.)
 */
class NpyStridedWindowsTest {
    private static final int N = 1000;

    @TempDir
    Path tmp;

    /** A file of N elements of {@code type} whose element i has the value i (bools: i % 2), after 5 junk bytes. */
    private Path file(ElementType type, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + N * type.byteSize()).order(order);
        b.put(new byte[]{9, 9, 9, 9, 9});
        for (int i = 0; i < N; i++) {
            switch (type) {
                case FLOAT32 -> b.putFloat(i);
                case FLOAT64 -> b.putDouble(i);
                case FLOAT16 -> b.putShort(half(i));
                case BFLOAT16 -> b.putShort((short) (Float.floatToIntBits(i) >>> 16));
                case INT64 -> b.putLong(i);
                case INT32 -> b.putInt(i);
                case INT16 -> b.putShort((short) i);
                case INT8, UINT8 -> b.put((byte) i);
                case BOOL -> b.put((byte) (i % 2));
            }
        }
        return Files.write(tmp.resolve(type + "-" + order + ".bin"), b.array());
    }

    /** Integers up to 1000 as binary16 (exact below 2048). */
    private static short half(int i) {
        if (i == 0) {
            return 0;
        }
        int exp = 31 - Integer.numberOfLeadingZeros(i);
        int mant = (i << (10 - exp)) & 0x3FF;
        return (short) (((exp + 15) << 10) | mant);
    }

    private static double expected(ElementType type, long index) {
        return switch (type) {
            case INT8 -> (byte) index;
            case UINT8 -> index & 0xFF;
            case BOOL -> index % 2;
            case BFLOAT16 -> Float.intBitsToFloat((Float.floatToIntBits(index) >>> 16) << 16);
            default -> index;
        };
    }

    private static double[] reference(ElementType type, int[] shape, long[] strides, long offset) {
        long count = ArrayData.elementCount(shape);
        double[] out = new double[(int) count];
        int[] idx = new int[shape.length];
        for (int o = 0; o < count; o++) {
            long e = offset;
            for (int d = 0; d < shape.length; d++) {
                e += idx[d] * strides[d];
            }
            out[o] = expected(type, e);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    private void check(ElementType type, ByteOrder order, int[] shape, long[] strides, long offset) throws IOException {
        Path f = file(type, order);
        FileRegion region = new FileRegion(f, FileRegion.Stamp.of(f), 5, (long) N * type.byteSize(), 4);
        ArrayData a = ArrayData.strided(region, type, order, shape, strides, offset, "test array");
        double[] want = reference(type, shape, strides, offset);
        String what = type + " " + order + " " + java.util.Arrays.toString(shape) + " "
                + java.util.Arrays.toString(strides) + " +" + offset;
        assertArrayEquals(want, a.toDoubleArray(), what);
        float[] wantFloat = new float[want.length];
        for (int i = 0; i < want.length; i++) {
            wantFloat[i] = (float) want[i];
        }
        assertArrayEquals(wantFloat, a.toFloatArray(), what);
        if (!type.isFloatingPoint()) {
            long[] wantLong = new long[want.length];
            for (int i = 0; i < want.length; i++) {
                wantLong[i] = (long) want[i];
            }
            assertArrayEquals(wantLong, a.toLongArray(), what);
        }
        // The little-endian bytes decode to the same values.
        byte[] le = a.toLittleEndianBytes();
        assertEquals(want.length * type.byteSize(), le.length);
        ArrayData again = ArrayData.contiguous(new HeapSource(le), type, ByteOrder.LITTLE_ENDIAN, shape, false, what);
        assertArrayEquals(want, again.toDoubleArray(), what + " via little-endian bytes");
    }

    private record HeapSource(byte[] bytes) implements ArrayData.Source {
        @Override
        public ArrayData.Bytes open(long from, long to) {
            return ArrayData.Bytes.heap(java.util.Arrays.copyOfRange(bytes, (int) from, (int) to));
        }
    }

    @Test
    void everyLayoutCrossesWindowEdgesCorrectly() throws IOException {
        for (ElementType type : ElementType.values()) {
            for (ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                check(type, order, new int[]{N}, new long[]{1}, 0);
                check(type, order, new int[]{20, 50}, new long[]{50, 1}, 0);
                check(type, order, new int[]{50, 20}, new long[]{1, 50}, 0); // a transpose
                check(type, order, new int[]{7, 9}, new long[]{50, 3}, 111); // a stepped slice with an offset
                check(type, order, new int[]{4, 5, 6}, new long[]{1, 4, 20}, 3); // Fortran order
                check(type, order, new int[]{3, 100}, new long[]{7, 0}, 5); // an expanded (stride 0) view
                check(type, order, new int[]{}, new long[]{}, 999); // a scalar at the very end
                check(type, order, new int[]{0, 5}, new long[]{5, 1}, 0); // empty
            }
        }
    }

    @Test
    void randomLayoutsAgreeWithIndexArithmetic() throws IOException {
        Random random = new Random(12345);
        for (int trial = 0; trial < 200; trial++) {
            ElementType type = ElementType.values()[random.nextInt(ElementType.values().length)];
            ByteOrder order = random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            int rank = 1 + random.nextInt(3);
            int[] shape = new int[rank];
            long[] strides = new long[rank];
            long reach = 0;
            for (int d = 0; d < rank; d++) {
                shape[d] = 1 + random.nextInt(8);
                strides[d] = random.nextInt(12);
                reach += (shape[d] - 1) * strides[d];
            }
            long offset = random.nextInt((int) (N - reach));
            check(type, order, shape, strides, offset);
        }
    }
}
