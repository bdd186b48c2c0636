package dev.saeexplorer.core.sae;

import dev.saeexplorer.core.Gaussian;
import dev.saeexplorer.core.InvalidInputException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SAE parameters in SAELens orientation: W_enc [d_in, d_sae], b_enc [1, d_sae], W_dec [d_sae, d_in], b_dec [1, d_in].
 * f(x) = σ((x − b_dec) W_enc + b_enc) for a row x, x̂ = f W_dec + b_dec (design/MATH.md, rows instead of columns).
 * In the tied form W_dec is W_encᵀ and the biases stay zero.
 *
 * <p>Read checkpoints add two pieces, both here so that this stays the one definition of encode and decode: a gated
 * σ ({@link Activation.Gated}, a per-latent function of the same projection) and an {@link InputNormalization}
 * (OpenAI's layer norm): x is normalised before the formula above and x̂ restored after it. A normalising SAE's
 * reconstruction needs the input's own statistics, so it decodes through {@link #decode(INDArray, INDArray)} or
 * {@link #reconstruct}; {@link #decode(INDArray)} refuses it rather than return the normalised x̂.
 */
public final class SaeModel {
    private final INDArray wEnc;
    private final INDArray bEnc;
    private final INDArray wDec;
    private final INDArray bDec;
    private final Activation activation;
    private final boolean tied;
    private final InputNormalization normalization;

    public SaeModel(INDArray wEnc, INDArray bEnc, INDArray wDec, INDArray bDec, Activation activation, boolean tied) {
        this(wEnc, bEnc, wDec, bDec, activation, tied, new InputNormalization.None());
    }

    public SaeModel(INDArray wEnc, INDArray bEnc, INDArray wDec, INDArray bDec, Activation activation, boolean tied,
            InputNormalization normalization) {
        long dIn = wEnc.size(0);
        long dSae = wEnc.size(1);
        if (wEnc.rank() != 2 || bEnc.length() != dSae || wDec.rank() != 2 || wDec.size(0) != dSae
                || wDec.size(1) != dIn || bDec.length() != dIn) {
            throw new InvalidInputException("SAE tensors do not fit together: W_enc " + shape(wEnc) + ", b_enc "
                    + shape(bEnc) + ", W_dec " + shape(wDec) + ", b_dec " + shape(bDec));
        }
        activation.validateFor((int) dSae);
        this.wEnc = wEnc;
        this.bEnc = bEnc.reshape(1, dSae);
        this.wDec = wDec;
        this.bDec = bDec.reshape(1, dIn);
        this.activation = activation;
        this.tied = tied;
        this.normalization = java.util.Objects.requireNonNull(normalization, "normalization");
    }

    /**
     * A fresh SAE: W_enc Kaiming-uniform-like with each latent's column scaled to unit norm, W_dec = W_encᵀ
     * (design/MATH.md), zero biases. Deterministic for the seed.
     */
    public static SaeModel initialise(SaeConfig cfg) {
        int d = cfg.inputDim();
        int m = cfg.latents();
        SplittableRandom random = new SplittableRandom(cfg.seed());
        float[] w = new float[d * m];
        for (int j = 0; j < m; j++) {
            double norm = 0;
            double[] column = new double[d];
            for (int i = 0; i < d; i++) {
                column[i] = Gaussian.sample(random);
                norm += column[i] * column[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                w[i * m + j] = (float) (column[i] / norm);
            }
        }
        INDArray wEnc = Nd4j.createFromArray(w).reshape(d, m);
        INDArray wDec = wEnc.transpose().dup('c');
        return new SaeModel(wEnc, Nd4j.zeros(DataType.FLOAT, 1, m), wDec, Nd4j.zeros(DataType.FLOAT, 1, d),
                cfg.activation(), cfg.tied());
    }

    public int inputDim() {
        return (int) wEnc.size(0);
    }

    public int latents() {
        return (int) wEnc.size(1);
    }

    public Activation activation() {
        return activation;
    }

    public boolean tied() {
        return tied;
    }

    /** What is done to each input row before encoding (and undone on its reconstruction). */
    public InputNormalization normalization() {
        return normalization;
    }

    /** Whether decoding needs the inputs' own statistics ({@link #decode(INDArray, INDArray)}). */
    public boolean normalisesInputs() {
        return !normalization.isIdentity();
    }

    public INDArray wEnc() {
        return wEnc;
    }

    public INDArray bEnc() {
        return bEnc;
    }

    /** W_dec; in the tied form a fresh copy of W_encᵀ. */
    public INDArray wDec() {
        return tied ? wEnc.transpose().dup('c') : wDec;
    }

    public INDArray bDec() {
        return bDec;
    }

    /** Pre-activations [batch, d_sae] for inputs [batch, d_in] (normalised first when the SAE normalises). */
    public INDArray preActivations(INDArray x) {
        INDArray in = normalization.isIdentity() ? x : normalised(x);
        if (tied) {
            return in.mmul(wEnc);
        }
        return in.subRowVector(bDec).mmul(wEnc).addiRowVector(bEnc);
    }

    public INDArray encode(INDArray x) {
        checkInput(x);
        return activation.forward(preActivations(x));
    }

    /**
     * x̂ = f W_dec + b_dec for features [batch, d_sae]. Refused for an SAE that normalises its inputs, whose x̂ needs
     * them: use {@link #decode(INDArray, INDArray)}.
     */
    public INDArray decode(INDArray f) {
        if (!normalization.isIdentity()) {
            throw new IllegalStateException("this SAE normalises its inputs (" + normalization.describe()
                    + "): its reconstruction needs them, decode(f, x)");
        }
        return linearDecode(f);
    }

    /** The reconstruction of inputs x [batch, d_in] from their features f: x̂ restored with x's own statistics. */
    public INDArray decode(INDArray f, INDArray x) {
        INDArray out = linearDecode(f);
        if (normalization.isIdentity()) {
            return out;
        }
        checkInput(x);
        if (x.size(0) != f.size(0)) {
            throw new IllegalArgumentException(f.size(0) + " feature rows for " + x.size(0) + " inputs");
        }
        double[][] rows = out.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] xs = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            normalization.restore(rows[i], normalization.normalise(xs[i]));
        }
        return Nd4j.createFromArray(rows).castTo(out.dataType());
    }

    /** decode(encode(x), x). */
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x), x);
    }

    private INDArray linearDecode(INDArray f) {
        if (tied) {
            return f.mmul(wEnc.transpose());
        }
        return f.mmul(wDec).addiRowVector(bDec);
    }

    private INDArray normalised(INDArray x) {
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : rows) {
            normalization.normalise(row);
        }
        return Nd4j.createFromArray(rows).castTo(x.dataType());
    }

    /** Euclidean norm of each latent's decoder direction, [d_sae]. */
    public double[] decoderNorms() {
        return wDec().norm2(1).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private void checkInput(INDArray x) {
        if (x.rank() != 2 || x.size(1) != inputDim()) {
            throw new InvalidInputException("input has shape " + shape(x) + " but the SAE expects [batch, " + inputDim() + "]");
        }
    }

    private static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
