package dev.saeexplorer.core.io.npy;

import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.ElementType;
import dev.saeexplorer.core.io.arrays.LazyArray;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One NumPy array, from a {@code .npy} file or an {@code .npz} member: its name, dtype, byte order, shape and memory
 * order. The values are read when asked for (see {@link NpyReader} and {@link NpzReader} for how) and always come back
 * in row-major (C) order, whatever the order on disk.
 */
public final class NpyArray implements LazyArray {
    private final String name;
    private final String descr;
    private final boolean fortranOrder;
    private final int formatMajor;
    private final ArrayData data;

    NpyArray(String name, NpyHeader header, ArrayData data) {
        this.name = Objects.requireNonNull(name, "name");
        this.descr = header.descr();
        this.fortranOrder = header.fortranOrder();
        this.formatMajor = header.major();
        this.data = Objects.requireNonNull(data, "data");
    }

    /** The member name without ".npy" for an .npz array ({@code np.savez(f, weight=...)} gives "weight"); the file
     * name without ".npy" for a .npy file. */
    public String name() {
        return name;
    }

    /** The dtype string of the header, e.g. {@code <f4} or {@code >f8}. */
    public String descr() {
        return descr;
    }

    public ElementType dtype() {
        return data.type();
    }

    public ByteOrder byteOrder() {
        return data.order();
    }

    public int[] shape() {
        return data.shape();
    }

    public int rank() {
        return data.shape().length;
    }

    /** Product of the shape; 1 for a 0-d array, 0 if any dimension is 0. */
    public long elementCount() {
        return data.elementCount();
    }

    /** Whether the file stores it column-major ({@code fortran_order: True}); values come back row-major anyway. */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** The .npy format version's major number: 1, 2 or 3. */
    public int formatVersion() {
        return formatMajor;
    }

    /** Values as floats, row-major; float64 and integers round to nearest, the rest convert exactly. */
    public float[] toFloatArray() {
        return data.toFloatArray();
    }

    /** Values as doubles, row-major; exact but for int64 beyond 2^53. */
    public double[] toDoubleArray() {
        return data.toDoubleArray();
    }

    /** Values of an integer or bool array as longs, row-major (bools are 0 and 1). */
    public long[] toLongArray() {
        return data.toLongArray();
    }

    /** The value of a one-element integer or bool array, e.g. a saved {@code k}. */
    public long longValue() {
        return data.longValue("array", name);
    }

    /** The array as the project's {@link Tensor}, same dtype and bits, row-major; floating-point arrays only. */
    public Tensor toTensor() {
        return data.toTensor("array", name);
    }

    @Override
    public String toString() {
        return "NpyArray[" + name + ", " + descr + ", " + Arrays.toString(shape()) + (fortranOrder ? ", F" : "")
                + "]";
    }
}
