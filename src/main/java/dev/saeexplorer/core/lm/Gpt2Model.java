package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Gelu;
import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.compute.HostMath;
import dev.saeexplorer.core.compute.PackedMatrix;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.compute.TwoWay;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A GPT-2 family model (GPT2LMHeadModel weights from a Hugging Face folder) with a plain-Java float32 forward pass for
 * one sequence. Activations are returned at TransformerLens hook points and in TransformerLens' convention: each
 * residual-stream vector minus its mean across d_model (ARCHITECTURE.md, "Language-model conventions").
 *
 * <p>Conv1D weights keep Hugging Face's [in, out] orientation and are packed once for {@link Gemm}, which multiplies
 * all of a sequence's tokens at a time. Instances are immutable and safe to share between threads.
 */
public final class Gpt2Model {
    /** The LayerNorm, attention and MLP weights of one transformer block. */
    record Block(float[] ln1W, float[] ln1B, PackedMatrix attnW, float[] attnB, PackedMatrix attnProjW,
                 float[] attnProjB, float[] ln2W, float[] ln2B, PackedMatrix fcW, float[] fcB, PackedMatrix mlpProjW,
                 float[] mlpProjB) {
    }


    private final Gpt2Config config;
    private final String source;
    private final float[][] wte;
    private final float[][] wpe;
    private final Block[] blocks;
    private final float[] lnFW;
    private final float[] lnFB;
    /** wteᵀ packed, made on first use by {@link #unembedding()}. */
    private PackedMatrix unembedding;

    Gpt2Model(Gpt2Config config, String source, float[][] wte, float[][] wpe, Block[] blocks, float[] lnFW,
              float[] lnFB) {
        this.config = config;
        this.source = source;
        this.wte = wte;
        this.wpe = wpe;
        this.blocks = blocks;
        this.lnFW = lnFW;
        this.lnFB = lnFB;
    }

    /**
     * Loads {@code folder/config.json} and {@code folder/model.safetensors}; tensor names may carry the
     * {@code transformer.} prefix or not. Every tensor's shape is checked against the config.
     */
    public static Gpt2Model load(Path folder) {
        return load(folder, TaskMonitor.none());
    }

    /**
     * {@link #load(Path)} reporting progress (the fraction of tensors converted) and checking {@code monitor}'s
     * cancellation between tensors, for the GUI's 500 MB loads.
     */
    public static Gpt2Model load(Path folder, TaskMonitor monitor) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(monitor, "monitor");
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot load a GPT-2 model from " + folder + ": not a directory (expected "
                    + "a Hugging Face model folder with config.json and model.safetensors)");
        }
        Gpt2Config config = Gpt2Config.read(folder.resolve("config.json"));
        Path weights = folder.resolve("model.safetensors");
        if (!Files.exists(weights)) {
            throw new InvalidInputException("cannot load a GPT-2 model from " + folder + ": no model.safetensors "
                    + "(only the safetensors format is read; convert pytorch_model.bin with the safetensors library)");
        }
        monitor.report(0.0, "reading " + weights.getFileName());
        return fromSafetensors(config, SafetensorsReader.read(weights), monitor);
    }

    /** Builds a model from an already-read safetensors file, checking names and shapes against {@code config}. */
    public static Gpt2Model fromSafetensors(Gpt2Config config, SafetensorsFile file) {
        return fromSafetensors(config, file, TaskMonitor.none());
    }

    private static Gpt2Model fromSafetensors(Gpt2Config config, SafetensorsFile file, TaskMonitor monitor) {
        Weights w = new Weights(file, file.contains("transformer.wte.weight") ? "transformer." : "", monitor,
                4 + 12 * config.nLayer(), new int[1]);
        int d = config.nEmbd();
        int inner = config.nInner();
        float[][] wte = w.matrix("wte.weight", config.vocabSize(), d);
        float[][] wpe = w.matrix("wpe.weight", config.nPositions(), d);
        Block[] blocks = new Block[config.nLayer()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "h." + l + ".";
            blocks[l] = new Block(
                    w.vector(p + "ln_1.weight", d), w.vector(p + "ln_1.bias", d),
                    w.packed(p + "attn.c_attn.weight", d, 3 * d), w.vector(p + "attn.c_attn.bias", 3 * d),
                    w.packed(p + "attn.c_proj.weight", d, d), w.vector(p + "attn.c_proj.bias", d),
                    w.vector(p + "ln_2.weight", d), w.vector(p + "ln_2.bias", d),
                    w.packed(p + "mlp.c_fc.weight", d, inner), w.vector(p + "mlp.c_fc.bias", inner),
                    w.packed(p + "mlp.c_proj.weight", inner, d), w.vector(p + "mlp.c_proj.bias", d));
        }
        return new Gpt2Model(config, String.valueOf(file.path()), wte, wpe, blocks,
                w.vector("ln_f.weight", d), w.vector("ln_f.bias", d));
    }

    /** Looks tensors up under one prefix and checks their shapes. */
    private record Weights(SafetensorsFile file, String prefix, TaskMonitor monitor, int total, int[] done) {
        Tensor get(String name, int... expected) {
            monitor.checkCancelled();
            monitor.report(Math.min(1.0, done[0]++ / (double) total), "converting " + name);
            String full = prefix + name;
            if (!file.contains(full)) {
                throw new InvalidInputException(file.path() + ": missing tensor '" + full + "' (a GPT-2 checkpoint "
                        + "needs it" + (prefix.isEmpty() ? "; names may also carry the 'transformer.' prefix" : "")
                        + ")");
            }
            Tensor t = file.tensor(full);
            if (!Arrays.equals(t.shape(), expected)) {
                throw new InvalidInputException(file.path() + ": tensor '" + full + "' has shape "
                        + Arrays.toString(t.shape()) + " but config.json implies " + Arrays.toString(expected));
            }
            return t;
        }

        float[] vector(String name, int n) {
            return get(name, n).toFloatArray();
        }

        /** A Conv1D weight [in][out], laid out for {@link Gemm}. */
        PackedMatrix packed(String name, int rows, int cols) {
            return Gemm.pack(get(name, rows, cols).toFloatArray(), rows, cols);
        }

        float[][] matrix(String name, int rows, int cols) {
            float[] flat = get(name, rows, cols).toFloatArray();
            float[][] m = new float[rows][];
            for (int r = 0; r < rows; r++) {
                m[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
            }
            return m;
        }
    }

    public Gpt2Config config() {
        return config;
    }

    /** Where the weights came from (for messages). */
    public String source() {
        return source;
    }

    /** d_model. */
    public int dModel() {
        return config.nEmbd();
    }

    /** Token embedding [vocab][d_model] (shared, do not modify). */
    float[][] wte() {
        return wte;
    }

    /** Final LayerNorm weight [d_model] (a copy). */
    public float[] lnFinalWeight() {
        return lnFW.clone();
    }

    /** Final LayerNorm bias [d_model] (a copy). */
    public float[] lnFinalBias() {
        return lnFB.clone();
    }

    /** Parses {@code hookName} against this model and runs {@link #run(int[], HookPoint)}. */
    public float[][] run(int[] tokens, String hookName) {
        return run(tokens, HookPoint.parse(hookName, config.nLayer()));
    }

    /**
     * Runs the model on one token sequence up to {@code hook} (only the blocks the hook needs) and returns its
     * activations, [tokens][d_model], each row centred across d_model as TransformerLens reports them.
     */
    public float[][] run(int[] tokens, HookPoint hook) {
        return run(List.of(tokens), hook).get(0);
    }

    /**
     * {@link #run(int[], HookPoint)} for several independent sequences at once: their tokens share every matrix
     * product (so the weights are read once for all of them) and attend only within their own sequence. The results
     * equal one-by-one runs up to float rounding.
     */
    public List<float[][]> run(List<int[]> sequences, HookPoint hook) {
        Objects.requireNonNull(hook, "hook");
        hook.checkAgainst(config.nLayer());
        int[] starts = new int[sequences.size() + 1];
        for (int s = 0; s < sequences.size(); s++) {
            checkTokens(sequences.get(s));
            starts[s + 1] = starts[s] + sequences.get(s).length;
        }
        return split(centred(forward(embed(sequences, starts), starts, hook, null)), starts);
    }

    /**
     * The logits of one sequence, run through every block with the hook's value edited on the way: {@code edit}
     * receives the value as the model holds it ([tokens][d_model], not centred) and returns the value to go on with
     * (its argument, unchanged, for a clean run). A value shifted along the all-ones direction gives the same logits
     * (every later LayerNorm removes the mean), so a TransformerLens-centred replacement splices correctly.
     *
     * @return logits [tokens][vocab]: ln_f, then the tied unembedding wteᵀ
     */
    public float[][] logits(int[] tokens, HookPoint hook, UnaryOperator<float[][]> edit) {
        Objects.requireNonNull(edit, "edit");
        hook.checkAgainst(config.nLayer());
        checkTokens(tokens);
        int[] starts = {0, tokens.length};
        float[][] x = forward(embed(List.of(tokens), starts), starts, hook, edit);
        float[][] h = layerNorm(x, lnFW, lnFB, (float) config.layerNormEpsilon());
        return Gemm.affine(h, unembedding(), new float[wte.length]);
    }

    /**
     * wteᵀ packed for the token-rows-times-weights kernel, made on first use: a copy of the embedding (150 MB for GPT-2
     * small) that only the commands and views reading logits pay for.
     */
    private synchronized PackedMatrix unembedding() {
        if (unembedding == null) {
            int d = config.nEmbd();
            float[] flat = new float[d * wte.length];
            for (int v = 0; v < wte.length; v++) {
                for (int j = 0; j < d; j++) {
                    flat[j * wte.length + v] = wte[v][j];
                }
            }
            unembedding = Gemm.pack(flat, d, wte.length);
        }
        return unembedding;
    }

    /** Token plus position embeddings of the stacked sequences. */
    private float[][] embed(List<int[]> sequences, int[] starts) {
        int d = config.nEmbd();
        float[][] x = new float[starts[sequences.size()]][d];
        for (int s = 0; s < sequences.size(); s++) {
            int[] tokens = sequences.get(s);
            for (int i = 0; i < tokens.length; i++) {
                float[] e = wte[tokens[i]];
                float[] p = wpe[i];
                float[] row = x[starts[s] + i];
                for (int j = 0; j < d; j++) {
                    row[j] = e[j] + p[j];
                }
            }
        }
        return x;
    }

    /**
     * The blocks on the stacked rows. Without an edit, runs only up to the hook and returns its (uncentred) value; with
     * one, replaces the hook's value by {@code edit}'s result and runs every block, returning the last residual stream.
     */
    private float[][] forward(float[][] x, int[] starts, HookPoint hook, UnaryOperator<float[][]> edit) {
        float eps = (float) config.layerNormEpsilon();
        int last = edit == null ? hook.layer() : config.nLayer() - 1;
        for (int l = 0; l <= last; l++) {
            Block b = blocks[l];
            boolean target = l == hook.layer();
            if (target && hook.kind() == HookPoint.Kind.RESID_PRE) {
                if (edit == null) {
                    return x;
                }
                x = edit.apply(x);
            }
            float[][] attn = attention(layerNorm(x, b.ln1W, b.ln1B, eps), b, starts);
            if (target && hook.kind() == HookPoint.Kind.ATTN_OUT) {
                if (edit == null) {
                    return attn;
                }
                attn = edit.apply(attn);
            }
            HostMath.add(x, attn);
            if (target && hook.kind() == HookPoint.Kind.RESID_MID) {
                if (edit == null) {
                    return x;
                }
                x = edit.apply(x);
            }
            float[][] mlp = mlp(layerNorm(x, b.ln2W, b.ln2B, eps), b);
            if (target && hook.kind() == HookPoint.Kind.MLP_OUT) {
                if (edit == null) {
                    return mlp;
                }
                mlp = edit.apply(mlp);
            }
            HostMath.add(x, mlp);
            if (target && hook.kind() == HookPoint.Kind.RESID_POST && edit != null) {
                x = edit.apply(x);
            }
        }
        return x; // without an edit: RESID_POST of the hook's block
    }

    /** Stacked rows back into one array per sequence. */
    private static List<float[][]> split(float[][] rows, int[] starts) {
        List<float[][]> out = new ArrayList<>(starts.length - 1);
        for (int s = 0; s + 1 < starts.length; s++) {
            out.add(Arrays.copyOfRange(rows, starts[s], starts[s + 1]));
        }
        return out;
    }

    private void checkTokens(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.length == 0) {
            throw new InvalidInputException("cannot run the model on an empty token sequence");
        }
        if (tokens.length > config.nPositions()) {
            throw new InvalidInputException("sequence of " + tokens.length + " tokens is longer than the model's "
                    + "context of n_positions = " + config.nPositions() + " tokens (" + source + ")");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new InvalidInputException("token id " + tokens[i] + " at position " + i
                        + " is outside the model's vocabulary of " + config.vocabSize() + " (" + source + ")");
            }
        }
    }

    private static float[][] layerNorm(float[][] x, float[] g, float[] b, float eps) {
        float[][] out = new float[x.length][];
        // rows are independent: both cores when there are enough of them (stacked sequences)
        TwoWay.split(x.length, (long) x.length * g.length * 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = layerNormRow(x[i], g, b, eps);
            }
        });
        return out;
    }

    private static float[] layerNormRow(float[] r, float[] g, float[] b, float eps) {
        double mean = 0;
        for (float v : r) {
            mean += v;
        }
        mean /= r.length;
        double var = 0;
        for (float v : r) {
            double c = v - mean;
            var += c * c;
        }
        var /= r.length;
        float m = (float) mean;
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        float[] o = new float[r.length];
        for (int j = 0; j < r.length; j++) {
            o[j] = (r[j] - m) * inv * g[j] + b[j];
        }
        return o;
    }

    /**
     * Causal multi-head self-attention for all positions: one GEMM for q, k and v of every token, softmax(q·kᵀ/√d_head)
     * over positions 0..i, then one GEMM for the output projection.
     */
    private float[][] attention(float[][] h, Block b, int[] starts) {
        int t = h.length;
        int d = config.nEmbd();
        int nh = config.nHead();
        int dh = config.dHead();
        float[][] qkv = Gemm.affine(h, b.attnW, b.attnB);
        // k and v per head as rows [head][token][d_head], so every dot product and axpy runs over whole arrays
        float[][][] k = new float[nh][t][];
        float[][][] v = new float[nh][t][];
        TwoWay.split(t, (long) t * d * 2, (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int hd = 0; hd < nh; hd++) {
                    k[hd][i] = Arrays.copyOfRange(qkv[i], d + hd * dh, d + (hd + 1) * dh);
                    v[hd][i] = Arrays.copyOfRange(qkv[i], 2 * d + hd * dh, 2 * d + (hd + 1) * dh);
                }
            }
        });
        float scale = (float) (1.0 / Math.sqrt(dh));
        float[][] z = new float[t][d];
        int[] first = new int[t]; // causal within its own sequence: row i attends to rows first[i]..i
        for (int seq = 0; seq + 1 < starts.length; seq++) {
            Arrays.fill(first, starts[seq], starts[seq + 1], starts[seq]);
        }
        long work = 0;
        for (int i = 0; i < t; i++) {
            work += (long) (i - first[i] + 1) * d * 2;
        }
        // rows are independent once k and v are laid out: split them over both cores, each with its own scratch
        TwoWay.split(t, work, (from, to) -> {
            float[] q = new float[dh];
            float[] zh = new float[dh];
            float[] scores = new float[t];
            for (int i = from; i < to; i++) {
                for (int hd = 0; hd < nh; hd++) {
                    System.arraycopy(qkv[i], hd * dh, q, 0, dh);
                    float max = Float.NEGATIVE_INFINITY;
                    for (int s = first[i]; s <= i; s++) {
                        scores[s] = HostMath.dot(q, k[hd][s]) * scale;
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = first[i]; s <= i; s++) {
                        scores[s] = (float) Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    float invSum = (float) (1.0 / sum);
                    Arrays.fill(zh, 0f);
                    for (int s = first[i]; s <= i; s++) {
                        HostMath.axpy(zh, scores[s] * invSum, v[hd][s]);
                    }
                    System.arraycopy(zh, 0, z[i], hd * dh, dh);
                }
            }
        });
        return Gemm.affine(z, b.attnProjW, b.attnProjB);
    }

    private static float[][] mlp(float[][] h, Block b) {
        float[][] a = Gemm.affine(h, b.fcW, b.fcB);
        // a few multiply-adds' worth of time per element (one vector exp)
        TwoWay.split(a.length, (long) a.length * b.fcB.length * 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                Gelu.applyInPlace(a[i]);
            }
        });
        return Gemm.affine(a, b.mlpProjW, b.mlpProjB);
    }

    /** Copies of the rows, each minus its mean (TransformerLens' centred residual stream). */
    static float[][] centred(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            float[] r = x[i];
            double mean = 0;
            for (float v : r) {
                mean += v;
            }
            float m = (float) (mean / r.length);
            float[] o = new float[r.length];
            for (int j = 0; j < r.length; j++) {
                o[j] = r[j] - m;
            }
            out[i] = o;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Gpt2Model[" + config + ", " + source + "]";
    }
}
