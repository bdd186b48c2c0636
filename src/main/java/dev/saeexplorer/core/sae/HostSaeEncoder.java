package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.compute.TwoWay;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.compute.PackedMatrix;

/**
 * An SAE's encoder on the CPU's float arrays for a few rows at a time (PS-Eval encodes one activation per context):
 * W_enc packed once for {@link Gemm}, so a batch of rows streams the 75 MB of a 24,576-feature GPT-2 SAE once
 * instead of once per row as ND4J's matrix-vector product did. Same formula and activation as
 * {@link SaeModel#encode}: the same {@link InputNormalization} row by row and the same {@link Activation} (gated
 * included) on each row of pre-activations. Immutable.
 */
public final class HostSaeEncoder {
    private final PackedMatrix wEnc;
    private final float[] bEnc;
    private final float[] bDec;
    private final boolean tied;
    private final Activation activation;
    private final InputNormalization normalization;

    private HostSaeEncoder(PackedMatrix wEnc, float[] bEnc, float[] bDec, boolean tied, Activation activation,
            InputNormalization normalization) {
        this.wEnc = wEnc;
        this.bEnc = bEnc;
        this.bDec = bDec;
        this.tied = tied;
        this.activation = activation;
        this.normalization = normalization;
    }

    public static HostSaeEncoder of(SaeModel sae) {
        float[] flat = sae.wEnc().dup('c').data().asFloat(); // [d_in][d_sae], row-major
        return new HostSaeEncoder(Gemm.pack(flat, sae.inputDim(), sae.latents()), sae.bEnc().dup().toFloatVector(),
                sae.bDec().dup().toFloatVector(), sae.tied(), sae.activation(), sae.normalization());
    }

    public int inputDim() {
        return wEnc.rowCount();
    }

    public int latents() {
        return wEnc.columnCount();
    }

    /** A copy of {@code row} as the SAE sees it: normalised in float64 when the SAE normalises its inputs. */
    static float[] normalised(float[] row, InputNormalization normalization) {
        if (normalization.isIdentity()) {
            return row.clone();
        }
        double[] d = new double[row.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = row[j];
        }
        normalization.normalise(d);
        float[] out = new float[d.length];
        for (int j = 0; j < d.length; j++) {
            out[j] = (float) d[j];
        }
        return out;
    }

    /** Features [rows][d_sae] of inputs [rows][d_in]: σ((x − b_dec) W_enc + b_enc), or σ(x W_enc) when tied. */
    public float[][] encode(float[][] x) {
        float[][] in = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != inputDim()) {
                throw new InvalidInputException("input row " + i + " has " + x[i].length + " values but the SAE "
                        + "expects d_in = " + inputDim());
            }
            in[i] = normalised(x[i], normalization);
            if (!tied) {
                for (int j = 0; j < in[i].length; j++) {
                    in[i][j] -= bDec[j];
                }
            }
        }
        float[][] pre = tied ? Gemm.affine(in, wEnc, new float[latents()]) : Gemm.affine(in, wEnc, bEnc);
        float[][] out = new float[x.length][];
        // The activation is defined once, on doubles (Activation); rows are independent, so both cores share them.
        TwoWay.split(pre.length, (long) pre.length * latents() * 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] z = new double[pre[i].length];
                for (int j = 0; j < z.length; j++) {
                    z[j] = pre[i][j];
                }
                double[] f = activation.apply(z);
                out[i] = new float[f.length];
                for (int j = 0; j < f.length; j++) {
                    out[i][j] = (float) f[j];
                }
            }
        });
        return out;
    }
}
