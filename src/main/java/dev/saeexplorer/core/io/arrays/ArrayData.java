package dev.saeexplorer.core.io.arrays;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One n-dimensional array that still lives in its file: where its bytes are ({@link Source}), their element type and
 * byte order, and the strided layout that picks its elements out of them (a PyTorch view, a Fortran-order NumPy
 * array). Nothing is read until a {@code to...Array} method asks; that method maps just the span of bytes the array
 * touches, converts each element straight into the result array in row-major (C) order, and releases the mapping,
 * so the heap holds the result and nothing else.
 *
 * <p>Strides and the offset count elements, not bytes, and are never negative (neither PyTorch nor a saved NumPy array
 * has negative strides). The readers check every bound with {@link #span} before building one of these, so a
 * conversion can fail only when the file changed or could not be read since.
 */
public final class ArrayData {
    /** Most elements one Java array can hold. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Source source;
    private final ElementType type;
    private final ByteOrder order;
    private final int[] shape;
    private final long[] strides;
    private final long offset;
    private final long count;
    private final String what;

    /** Where an array's bytes are: a region of a file, or bytes inflated from a zip member. */
    public interface Source {
        /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), counted from the source's start. */
        Bytes open(long from, long to) throws IOException;
    }

    private ArrayData(Source source, ElementType type, ByteOrder order, int[] shape, long[] strides, long offset,
                      String what) {
        this.source = Objects.requireNonNull(source, "source");
        this.type = Objects.requireNonNull(type, "type");
        this.order = Objects.requireNonNull(order, "order");
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.offset = offset;
        this.what = Objects.requireNonNull(what, "what");
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and strides "
                    + Arrays.toString(strides) + " differ in rank");
        }
        this.count = elementCount(shape);
        span(shape, strides, offset); // throws on negative values or overflow
    }

    /**
     * An array with explicit strides (in elements).
     *
     * @param what names the array in messages, e.g. "tensor 'encoder.weight' of /models/sae.pt"
     */
    public static ArrayData strided(Source source, ElementType type, ByteOrder order, int[] shape, long[] strides,
                                    long offset, String what) {
        return new ArrayData(source, type, order, shape, strides, offset, what);
    }

    /** A contiguous array in row-major (C) or column-major (Fortran) order, starting at the source's first byte. */
    public static ArrayData contiguous(Source source, ElementType type, ByteOrder order, int[] shape,
                                      boolean fortranOrder, String what) {
        return new ArrayData(source, type, order, shape, contiguousStrides(shape, fortranOrder), 0, what);
    }

    /** Strides (in elements) of a dense array in C or Fortran order. */
    public static long[] contiguousStrides(int[] shape, boolean fortranOrder) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = fortranOrder ? k : shape.length - 1 - k;
            strides[d] = step;
            step = step * Math.max(shape[d], 1);
        }
        return strides;
    }

    /**
     * How many elements of its source an array reaches: one past the largest element index it uses (0 for an empty
     * array). Throws {@link ArithmeticException} when a size, stride or offset is negative or the index overflows.
     */
    public static long span(int[] shape, long[] strides, long offset) {
        if (offset < 0) {
            throw new ArithmeticException("negative offset " + offset);
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || strides[d] < 0) {
                throw new ArithmeticException("negative size or stride");
            }
            if (shape[d] == 0) {
                return 0;
            }
            last = Math.addExact(last, Math.multiplyExact((long) shape[d] - 1, strides[d]));
        }
        return Math.addExact(last, 1);
    }

    /** Product of the shape, or -1 when it overflows a long (callers refuse that). */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ArithmeticException("negative size");
            }
            if (d == 0) {
                return 0;
            }
        }
        for (int d : shape) {
            if (n > Long.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    public ElementType type() {
        return type;
    }

    public ByteOrder order() {
        return order;
    }

    public int[] shape() {
        return shape.clone();
    }

    public long[] strides() {
        return strides.clone();
    }

    public long offset() {
        return offset;
    }

    public long elementCount() {
        return count;
    }

    /** Every element as a float, row-major: float64 and the integers round to nearest, the rest convert exactly. */
    public float[] toFloatArray() {
        checkFitsArray(1);
        float[] out = new float[(int) count];
        gather((o, buf, pos, step, n) -> {
            switch (type) {
                case FLOAT32 -> {
                    if (step == 4) {
                        buf.slice(pos, n * 4).order(order).asFloatBuffer().get(out, o, n);
                    } else {
                        for (int k = 0; k < n; k++) {
                            out[o + k] = buf.getFloat(pos + k * step);
                        }
                    }
                }
                case FLOAT64 -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = (float) buf.getDouble(pos + k * step);
                    }
                }
                case FLOAT16 -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = Tensor.halfToFloat(buf.getShort(pos + k * step));
                    }
                }
                case BFLOAT16 -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = Tensor.bfloat16ToFloat(buf.getShort(pos + k * step));
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = integer(buf, pos + k * step);
                    }
                }
            }
        });
        return out;
    }

    /** Every element as a double, row-major: exact for every type but int64 beyond 2^53. */
    public double[] toDoubleArray() {
        checkFitsArray(1);
        double[] out = new double[(int) count];
        gather((o, buf, pos, step, n) -> {
            for (int k = 0; k < n; k++) {
                int p = pos + k * step;
                out[o + k] = switch (type) {
                    case FLOAT32 -> buf.getFloat(p);
                    case FLOAT64 -> buf.getDouble(p);
                    case FLOAT16 -> Tensor.halfToFloat(buf.getShort(p));
                    case BFLOAT16 -> Tensor.bfloat16ToFloat(buf.getShort(p));
                    default -> integer(buf, p);
                };
            }
        });
        return out;
    }

    /** Every element of an integer or boolean array as a long, row-major (booleans are 0 and 1). */
    public long[] toLongArray() {
        if (type.isFloatingPoint()) {
            throw new InvalidInputException(what + " holds " + type + " values, not integers");
        }
        checkFitsArray(1);
        long[] out = new long[(int) count];
        gather((o, buf, pos, step, n) -> {
            for (int k = 0; k < n; k++) {
                out[o + k] = integer(buf, pos + k * step);
            }
        });
        return out;
    }

    /**
     * The value of a one-element integer or bool array, e.g. a saved {@code k}. The message names it as its reader
     * does ({@code noun} "array" or "tensor", then {@code name}), without {@code what}'s path.
     */
    public long longValue(String noun, String name) {
        if (count != 1) {
            throw new InvalidInputException(noun + " '" + name + "' has shape " + Arrays.toString(shape)
                    + ", not a single value");
        }
        return toLongArray()[0];
    }

    /**
     * The array as the project's {@link Tensor} named {@code name}, same dtype and bits, row-major; floating-point
     * types only ({@code noun} words the refusal). The bytes are briefly held twice while the Tensor copies them.
     */
    public Tensor toTensor(String noun, String name) {
        var dtype = type.safetensorsDtype().orElseThrow(() -> new InvalidInputException(noun + " '" + name
                + "' holds " + type + " values; only floating-point " + noun + "s convert to a Tensor"));
        return Tensor.ofLittleEndianBytes(name, dtype, shape, toLittleEndianBytes());
    }

    /** The elements' bytes, unchanged but for byte order (little-endian), row-major; e.g. to build a {@code Tensor}. */
    public byte[] toLittleEndianBytes() {
        checkFitsArray(type.byteSize());
        int size = type.byteSize();
        byte[] out = new byte[(int) (count * size)];
        boolean swap = size > 1 && order != ByteOrder.LITTLE_ENDIAN;
        gather((o, buf, pos, step, n) -> {
            for (int k = 0; k < n; k++) {
                int p = pos + k * step;
                int q = (o + k) * size;
                for (int b = 0; b < size; b++) {
                    out[q + b] = buf.get(p + (swap ? size - 1 - b : b));
                }
            }
        });
        return out;
    }

    private long integer(ByteBuffer buf, int p) {
        return switch (type) {
            case INT64 -> buf.getLong(p);
            case INT32 -> buf.getInt(p);
            case INT16 -> buf.getShort(p);
            case INT8 -> buf.get(p);
            case UINT8 -> buf.get(p) & 0xFF;
            case BOOL -> buf.get(p) != 0 ? 1 : 0;
            default -> throw new IllegalStateException(type + " is not an integer type");
        };
    }

    private void checkFitsArray(int bytesPerElement) {
        if (count > MAX_ELEMENTS / bytesPerElement) {
            throw new InvalidInputException(what + " has " + count + " elements, more than one Java array can hold");
        }
    }

    /** Receives one run of a row: {@code n} elements starting at byte {@code pos} of {@code buf}, {@code step} apart. */
    @FunctionalInterface
    private interface Run {
        void accept(int out, ByteBuffer buf, int pos, int step, int n);
    }

    /**
     * Walks the array in row-major order, one innermost row at a time, handing each row to {@code run} in runs that
     * lie in a single mapped window.
     */
    private void gather(Run run) {
        if (count == 0) {
            return;
        }
        int size = type.byteSize();
        long from = offset * size;
        long to = span(shape, strides, offset) * size;
        try (Bytes bytes = source.open(from, to)) {
            int rank = shape.length;
            int inner = rank == 0 ? 1 : shape[rank - 1];
            long innerStep = rank == 0 ? 0 : strides[rank - 1] * size;
            int[] index = new int[Math.max(rank - 1, 0)];
            long element = offset;
            int out = 0;
            while (true) {
                bytes.row(run, out, element * size - from, innerStep, inner, order);
                out += inner;
                int d = rank - 2;
                while (d >= 0) {
                    element += strides[d];
                    if (++index[d] < shape[d]) {
                        break;
                    }
                    element -= strides[d] * shape[d];
                    index[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + ": " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file no longer exists";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A read-only view of bytes {@code [from, to)} of a source, as one heap buffer or as memory-mapped windows of at
     * most 1 GiB each (one mapping cannot exceed 2 GiB). Consecutive windows overlap by 8 bytes, so every element lies
     * whole in the window its first byte falls in. Closing releases the mappings at once.
     */
    public static final class Bytes implements AutoCloseable {
        static final int WINDOW_SHIFT = 30;
        static final int OVERLAP = 8;

        private final ByteBuffer[] windows;
        private final int shift;
        private final Runnable release;

        private Bytes(ByteBuffer[] windows, int shift, Runnable release) {
            this.windows = windows;
            this.shift = shift;
            this.release = release;
        }

        /** Heap bytes: {@code data[0]} is the source's byte {@code from}. */
        public static Bytes heap(byte[] data) {
            return new Bytes(new ByteBuffer[]{ByteBuffer.wrap(data)}, 31, () -> { });
        }

        /**
         * Windows of {@code 2^shift} bytes (the last may be shorter), each mapped {@link #OVERLAP} bytes further,
         * with a hook that unmaps them.
         */
        static Bytes windows(ByteBuffer[] windows, int shift, Runnable release) {
            return new Bytes(windows, shift, release);
        }

        /** How many windows of {@code 2^shift} bytes cover {@code length} bytes. */
        static int windowCount(long length, int shift) {
            return (int) Math.max(1, (length + (1L << shift) - 1) >>> shift);
        }

        void row(Run run, int out, long start, long step, int n, ByteOrder order) {
            long mask = (1L << shift) - 1;
            int k = 0;
            while (k < n) {
                long p = start + k * step;
                int w = (int) (p >>> shift);
                ByteBuffer buf = windows[w].order(order);
                // As many elements as stay in this window (all of them when the row is short or the step is 0).
                long room = step == 0 ? n - k : ((((long) w + 1) << shift) - p + step - 1) / step;
                int m = (int) Math.min(n - k, Math.max(room, 1));
                // m > 1 only when (m - 1) * step stays inside one window, so the step then fits an int.
                run.accept(out + k, buf, (int) (p & mask), m > 1 ? (int) step : 0, m);
                k += m;
            }
        }

        @Override
        public void close() {
            release.run();
        }
    }
}
