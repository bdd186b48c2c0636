package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor: dtype, row-major shape and its raw little-endian bytes. Immutable: arrays are copied in and out.
 * Data is kept as bytes so F16/BF16 survive a read/write round trip bit for bit.
 */
public final class Tensor {
    /** Largest byte size one Java array can hold. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final String name;
    private final SafetensorsDtype dtype;
    private final int[] shape;
    private final long elementCount;
    private final byte[] data;

    private Tensor(String name, SafetensorsDtype dtype, int[] shape, byte[] data) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = Objects.requireNonNull(shape, "shape").clone();
        this.elementCount = elementCount(name, this.shape);
        this.data = Objects.requireNonNull(data, "data");
        if (elementCount > MAX_BYTES / dtype.byteSize()) {
            throw new InvalidInputException("tensor '" + name + "': shape " + Arrays.toString(shape) + " of dtype "
                    + dtype + " exceeds " + MAX_BYTES + " bytes, more than one array can hold");
        }
        long expected = elementCount * dtype.byteSize();
        if (data.length != expected) {
            throw new InvalidInputException("tensor '" + name + "': shape " + Arrays.toString(shape) + " of dtype "
                    + dtype + " needs " + expected + " bytes but " + data.length + " were given");
        }
    }

    /** An F32 tensor; {@code data.length} must equal the product of {@code shape}. */
    public static Tensor ofFloats(String name, int[] shape, float[] data) {
        checkLength(name, shape, data.length, 4);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        return new Tensor(name, SafetensorsDtype.F32, shape, buf.array());
    }

    /** An F64 tensor; {@code data.length} must equal the product of {@code shape}. */
    public static Tensor ofDoubles(String name, int[] shape, double[] data) {
        checkLength(name, shape, data.length, 8);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(data);
        return new Tensor(name, SafetensorsDtype.F64, shape, buf.array());
    }

    /**
     * An F16 tensor of {@code data}, each value rounded to the nearest binary16 (ties to even); values beyond ±65504
     * become ±∞, so callers scale first where that matters.
     */
    public static Tensor ofHalfFloats(String name, int[] shape, float[] data) {
        checkLength(name, shape, data.length, 2);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            buf.putShort(floatToHalf(v));
        }
        return new Tensor(name, SafetensorsDtype.F16, shape, buf.array());
    }

    /** A tensor of any supported dtype from raw little-endian bytes (copied), e.g. to write F16 or BF16. */
    public static Tensor ofLittleEndianBytes(String name, SafetensorsDtype dtype, int[] shape, byte[] data) {
        return new Tensor(name, dtype, shape, data.clone());
    }

    /** For the reader, which hands over a fresh array it no longer touches. */
    static Tensor wrap(String name, SafetensorsDtype dtype, int[] shape, byte[] data) {
        return new Tensor(name, dtype, shape, data);
    }

    public String name() {
        return name;
    }

    public SafetensorsDtype dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Product of the shape; 1 for a scalar (rank 0), 0 if any dimension is 0. */
    public long elementCount() {
        return elementCount;
    }

    /** Size of the data in bytes. */
    public long byteSize() {
        return data.length;
    }

    /** A copy of the raw little-endian bytes. */
    public byte[] toLittleEndianBytes() {
        return data.clone();
    }

    /** Package access without a copy, for the writer. */
    byte[] rawBytes() {
        return data;
    }

    /** Values as floats; F64 is rounded to nearest float, the other dtypes convert exactly. */
    public float[] toFloatArray() {
        float[] out = new float[(int) elementCount];
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> buf.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) buf.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(buf.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bfloat16ToFloat(buf.getShort(i * 2));
                }
            }
        }
        return out;
    }

    /** Values as doubles; exact for every dtype. */
    public double[] toDoubleArray() {
        if (dtype == SafetensorsDtype.F64) {
            double[] out = new double[(int) elementCount];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        }
        float[] f = toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /**
     * IEEE 754 binary16 to float, exactly, by hand because Float.float16ToFloat is Java 20+. Public for the
     * PyTorch/NumPy arrays ({@code core.io.arrays}), which convert the same bits.
     */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            // Zero or subnormal: mant * 2^-24, exact in float.
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1F) {
            // Inf or NaN; NaN keeps its payload in the top mantissa bits.
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** bfloat16 (the top half of a float's bits) to float, exactly. */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Float to IEEE 754 binary16, rounding to nearest with ties to even (Float.floatToFloat16 is Java 20+). */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant == 0 ? 0 : 0x200 | (mant >>> 13)));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: ±0
            }
            return (short) (sign | roundShift(mant | 0x800000, 14 - e));
        }
        // A carry out of the mantissa moves into the exponent, which is the right result (up to +∞).
        return (short) (sign | roundShift((e << 23) | mant, 13));
    }

    /** {@code value >>> shift}, rounded to nearest with ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
    }

    private static void checkLength(String name, int[] shape, int length, int byteSize) {
        if (length > MAX_BYTES / byteSize) {
            throw new InvalidInputException("tensor '" + name + "': " + length + " values exceed " + MAX_BYTES
                    + " bytes, more than one array can hold");
        }
        long count = elementCount(name, shape);
        if (count != length) {
            throw new InvalidInputException("tensor '" + name + "': shape " + Arrays.toString(shape) + " holds "
                    + count + " elements but " + length + " values were given");
        }
    }

    /** Product of the shape, saturating at Long.MAX_VALUE (a later size check rejects it). */
    private static long elementCount(String name, int[] shape) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidInputException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            count = count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + dtype + ", " + Arrays.toString(shape) + "]";
    }
}
