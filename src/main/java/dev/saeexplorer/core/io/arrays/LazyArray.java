package dev.saeexplorer.core.io.arrays;

/**
 * A named array that a reader found but has not read yet ({@code NpyArray}, {@code TorchTensor}), so code that only
 * needs names, shapes and values handles both formats alike.
 */
public interface LazyArray {
    String name();

    ElementType dtype();

    int[] shape();

    /** Values as floats, row-major. */
    float[] toFloatArray();

    /** Values as doubles, row-major. */
    double[] toDoubleArray();
}
