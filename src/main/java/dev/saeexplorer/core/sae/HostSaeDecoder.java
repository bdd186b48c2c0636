package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.compute.PackedMatrix;

/**
 * {@link SaeModel#decode} on host float arrays for many rows at a time: x̂ = f W_dec + b_dec, or f W_encᵀ for the tied
 * form. The companion of {@link HostSaeEncoder}, for splicing an SAE into a language model. Immutable.
 */
public final class HostSaeDecoder {
    private final PackedMatrix wDec;
    private final float[] bDec;

    private HostSaeDecoder(PackedMatrix wDec, float[] bDec) {
        this.wDec = wDec;
        this.bDec = bDec;
    }

    public static HostSaeDecoder of(SaeModel sae) {
        float[] flat = (sae.tied() ? sae.wEnc().transpose() : sae.wDec()).dup('c').data().asFloat(); // [d_sae][d_in]
        float[] bias = sae.tied() ? new float[sae.inputDim()] : sae.bDec().dup().toFloatVector();
        return new HostSaeDecoder(Gemm.pack(flat, sae.latents(), sae.inputDim()), bias);
    }

    /** Reconstructions [rows][d_in] of features [rows][d_sae]. */
    public float[][] decode(float[][] f) {
        return Gemm.affine(f, wDec, bDec);
    }
}
