package dev.saeexplorer.core.io.torch;

import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.arrays.ArrayData;
import dev.saeexplorer.core.io.arrays.ElementType;
import dev.saeexplorer.core.io.arrays.LazyArray;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a {@link TorchCheckpoint}: its dotted name, element type, shape and where its elements are (a storage
 * record of the archive, an element offset and strides, so views, transposes and slices keep their meaning). The
 * values are read when asked for, from a memory map of the storage, into row-major order; every bound was checked
 * when the checkpoint was read. Several tensors may share one storage.
 */
public final class TorchTensor implements LazyArray {
    private final String name;
    private final String storageKey;
    private final boolean parameter;
    private final ArrayData data;

    TorchTensor(String name, String storageKey, boolean parameter, ArrayData data) {
        this.name = Objects.requireNonNull(name, "name");
        this.storageKey = Objects.requireNonNull(storageKey, "storageKey");
        this.parameter = parameter;
        this.data = Objects.requireNonNull(data, "data");
    }

    /** The dotted path in the checkpoint, e.g. {@code state_dict.encoder.weight}; empty for a bare saved tensor. */
    public String name() {
        return name;
    }

    public ElementType dtype() {
        return data.type();
    }

    public int[] shape() {
        return data.shape();
    }

    public int rank() {
        return data.shape().length;
    }

    /** Product of the shape; 1 for a scalar, 0 if any dimension is 0. */
    public long elementCount() {
        return data.elementCount();
    }

    /** Strides in elements, as {@code tensor.stride()} reports them. */
    public long[] strides() {
        return data.strides();
    }

    /** The element offset into the storage, as {@code tensor.storage_offset()} reports it. */
    public long storageOffset() {
        return data.offset();
    }

    /** The storage record's key ("0", "1", ...); tensors that are views of one another share it. */
    public String storageKey() {
        return storageKey;
    }

    /** The byte order of the storage (the archive's {@code byteorder} record; little-endian when absent). */
    public ByteOrder byteOrder() {
        return data.order();
    }

    /** Whether it was saved as an {@code nn.Parameter} rather than a plain tensor. */
    public boolean isParameter() {
        return parameter;
    }

    /** Values as floats in row-major order; float64 and integers round to nearest, the rest convert exactly. */
    public float[] toFloatArray() {
        return data.toFloatArray();
    }

    /** Values as doubles in row-major order; exact but for int64 beyond 2^53. */
    public double[] toDoubleArray() {
        return data.toDoubleArray();
    }

    /** Values of an integer or bool tensor as longs in row-major order (bools are 0 and 1). */
    public long[] toLongArray() {
        return data.toLongArray();
    }

    /** The value of a one-element integer or bool tensor, e.g. a TopK {@code k} buffer. */
    public long longValue() {
        return data.longValue("tensor", name);
    }

    /**
     * The tensor as the project's {@link Tensor}, same dtype and bits, row-major; only the floating-point types
     * (float32, float16, bfloat16, float64) convert. The bytes are briefly held twice while the Tensor copies them.
     */
    public Tensor toTensor() {
        return data.toTensor("tensor", name);
    }

    @Override
    public String toString() {
        return "TorchTensor[" + name + ", " + dtype() + ", " + Arrays.toString(shape()) + "]";
    }
}
