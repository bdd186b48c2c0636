package dev.saeexplorer.core.sae;

/**
 * Training inputs for an SAE, one row-major batch [batch, d_in] at a time in host memory. The returned array may be
 * reused by the next call.
 */
public interface BatchSource {
    float[] next();

    int batch();

    int inputDim();
}
