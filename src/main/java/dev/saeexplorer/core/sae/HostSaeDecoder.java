package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.compute.PackedMatrix;

/**
 * {@link SaeModel#decode} on host float arrays for many rows at a time: x̂ = f W_dec + b_dec, or f W_encᵀ for the tied
 * form, restored with the inputs' own statistics when the SAE normalises them ({@link #decode(float[][], float[][])},
 * as {@link SaeModel#decode(org.nd4j.linalg.api.ndarray.INDArray, org.nd4j.linalg.api.ndarray.INDArray)}). The
 * companion of {@link HostSaeEncoder}, for splicing an SAE into a language model. Immutable.
 */
public final class HostSaeDecoder {
    private final PackedMatrix wDec;
    private final float[] bDec;
    private final InputNormalization normalization;

    private HostSaeDecoder(PackedMatrix wDec, float[] bDec, InputNormalization normalization) {
        this.wDec = wDec;
        this.bDec = bDec;
        this.normalization = normalization;
    }

    public static HostSaeDecoder of(SaeModel sae) {
        float[] flat = (sae.tied() ? sae.wEnc().transpose() : sae.wDec()).dup('c').data().asFloat(); // [d_sae][d_in]
        float[] bias = sae.tied() ? new float[sae.inputDim()] : sae.bDec().dup().toFloatVector();
        return new HostSaeDecoder(Gemm.pack(flat, sae.latents(), sae.inputDim()), bias, sae.normalization());
    }

    /** Reconstructions [rows][d_in] of features [rows][d_sae]; refused for an SAE that normalises its inputs. */
    public float[][] decode(float[][] f) {
        if (!normalization.isIdentity()) {
            throw new IllegalStateException("this SAE normalises its inputs (" + normalization.describe()
                    + "): its reconstruction needs them, decode(f, x)");
        }
        return Gemm.affine(f, wDec, bDec);
    }

    /** Reconstructions [rows][d_in] of inputs {@code x} [rows][d_in] from their features {@code f} [rows][d_sae]. */
    public float[][] decode(float[][] f, float[][] x) {
        float[][] out = Gemm.affine(f, wDec, bDec);
        if (normalization.isIdentity()) {
            return out;
        }
        if (x.length != f.length) {
            throw new IllegalArgumentException(f.length + " feature rows for " + x.length + " inputs");
        }
        for (int i = 0; i < out.length; i++) {
            double[] xi = new double[x[i].length];
            for (int j = 0; j < xi.length; j++) {
                xi[j] = x[i][j];
            }
            double[] stats = normalization.normalise(xi);
            double[] row = new double[out[i].length];
            for (int j = 0; j < row.length; j++) {
                row[j] = out[i][j];
            }
            normalization.restore(row, stats);
            for (int j = 0; j < row.length; j++) {
                out[i][j] = (float) row[j];
            }
        }
        return out;
    }
}
