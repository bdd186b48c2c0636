package dev.saeexplorer.core.io.arrays;

import dev.saeexplorer.core.io.SafetensorsDtype;

import java.util.Optional;

/**
 * The element types the PyTorch and NumPy readers convert. Floating-point types keep their bits up to the conversion
 * the caller asks for; integers and booleans are for small buffers (a TopK {@code k}, a step counter).
 */
public enum ElementType {
    FLOAT32(4, true, "float32"),
    FLOAT16(2, true, "float16"),
    BFLOAT16(2, true, "bfloat16"),
    FLOAT64(8, true, "float64"),
    INT64(8, false, "int64"),
    INT32(4, false, "int32"),
    INT16(2, false, "int16"),
    INT8(1, false, "int8"),
    UINT8(1, false, "uint8"),
    BOOL(1, false, "bool");

    private final int byteSize;
    private final boolean floatingPoint;
    private final String label;

    ElementType(int byteSize, boolean floatingPoint, String label) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
        this.label = label;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The safetensors dtype with the same bits, for the floating-point types. */
    public Optional<SafetensorsDtype> safetensorsDtype() {
        return switch (this) {
            case FLOAT32 -> Optional.of(SafetensorsDtype.F32);
            case FLOAT16 -> Optional.of(SafetensorsDtype.F16);
            case BFLOAT16 -> Optional.of(SafetensorsDtype.BF16);
            case FLOAT64 -> Optional.of(SafetensorsDtype.F64);
            default -> Optional.empty();
        };
    }

    /** The name PyTorch and NumPy share ("float32", "bool"). */
    @Override
    public String toString() {
        return label;
    }
}
