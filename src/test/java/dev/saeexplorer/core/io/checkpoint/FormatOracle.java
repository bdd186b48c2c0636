package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.npy.NpyArray;
import dev.saeexplorer.core.io.npy.NpzFile;
import dev.saeexplorer.core.io.npy.NpzReader;
import dev.saeexplorer.core.io.torch.TorchCheckpoint;
import dev.saeexplorer.core.io.torch.TorchCheckpointReader;
import dev.saeexplorer.core.io.torch.TorchTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Each format's encode and decode written out again in float64, straight from the formulas of the libraries that
 * wrote the fixtures (src/test/resources/checkpoints/make_formats.py), on the raw tensors in their stored layout: no
 * {@link dev.saeexplorer.core.sae.SaeModel}, no folding of biases, no transposes shared with the readers. The
 * {@link Decisions} count the places where σ's decision mattered, so a test can show its inputs exercised them.
 */
public final class FormatOracle {
    /** One SAE, row by row. */
    public interface Sae {
        double[] features(double[] x, Decisions d);

        double[] reconstruction(double[] x, double[] f);
    }

    /** How often σ's decision differed from a plain ReLU of the pre-activation (and, for gates, of the magnitude). */
    public static final class Decisions {
        int positiveDroppedByTopK;
        int positiveBelowThreshold;
        int gateClosedOnPositiveMagnitude;
        int gateOpenOnNonPositiveMagnitude;

        int total() {
            return positiveDroppedByTopK + positiveBelowThreshold + gateClosedOnPositiveMagnitude
                    + gateOpenOnNonPositiveMagnitude;
        }
    }

    private FormatOracle() {
    }

    // ------------------------------------------------------------------------------------------- raw tensors

    /** A tensor's values as a [rows][cols] matrix in the stored layout. */
    static double[][] matrix(double[] flat, int[] shape) {
        double[][] m = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(flat, i * shape[1], m[i], 0, shape[1]);
        }
        return m;
    }

    static double[][] torchMatrix(TorchCheckpoint pt, String name) {
        TorchTensor t = pt.tensor(name).orElseThrow();
        return matrix(t.toDoubleArray(), t.shape());
    }

    static double[] torchVector(TorchCheckpoint pt, String name) {
        return pt.tensor(name).orElseThrow().toDoubleArray();
    }

    // ------------------------------------------------------------------------------------------ formulas

    /** y_j = Σ_i m[j][i]·v_i + b_j: PyTorch's F.linear with weight m [out, in]. */
    static double[] linear(double[][] m, double[] v, double[] b) {
        double[] y = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            double s = b == null ? 0 : b[j];
            for (int i = 0; i < v.length; i++) {
                s += m[j][i] * v[i];
            }
            y[j] = s;
        }
        return y;
    }

    /** y_j = Σ_i v_i·m[i][j] + b_j: v @ m with m [in, out]. */
    static double[] matmul(double[] v, double[][] m, double[] b) {
        double[] y = new double[m[0].length];
        for (int j = 0; j < y.length; j++) {
            double s = b == null ? 0 : b[j];
            for (int i = 0; i < v.length; i++) {
                s += v[i] * m[i][j];
            }
            y[j] = s;
        }
        return y;
    }

    static double[] minus(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] -= b[i];
        }
        return c;
    }

    static double[] relu(double[] z) {
        return Arrays.stream(z).map(v -> Math.max(0, v)).toArray();
    }

    /** torch.topk(z, k) then ReLU on the kept values, the rest 0. */
    static double[] topK(double[] z, int k, Decisions d) {
        Integer[] order = IntStream.range(0, z.length).boxed().sorted(Comparator.comparingDouble(j -> -z[j]))
                .toArray(Integer[]::new);
        double[] f = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            int j = order[r];
            if (r < k) {
                f[j] = Math.max(0, z[j]);
            } else if (z[j] > 0) {
                d.positiveDroppedByTopK++;
            }
        }
        return f;
    }

    /** z·1[z &gt; θ_j] with ReLU: what Gemma Scope, dictionary_learning and lm_saes (θ ≥ 0) compute. */
    static double[] jump(double[] z, double[] theta, Decisions d) {
        double[] f = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            if (z[j] > theta[j] && z[j] > 0) {
                f[j] = z[j];
            } else if (z[j] > 0) {
                d.positiveBelowThreshold++;
            }
        }
        return f;
    }

    static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    // ------------------------------------------------------------------------------------------ formats

    /** OpenAI sparse_autoencoder: LN (eps 1e-5, unbiased std) for TopK, encoder(x − pre_bias) + latent_bias. */
    public static Sae openai(Path file, boolean transposedEncoder) {
        TorchCheckpoint pt = TorchCheckpointReader.read(file);
        double[][] enc = torchMatrix(pt, "encoder.weight");
        if (transposedEncoder) {
            enc = transpose(enc);
        }
        double[][] encoder = enc;
        double[][] decoder = torchMatrix(pt, "decoder.weight");
        double[] preBias = torchVector(pt, "pre_bias");
        double[] latentBias = torchVector(pt, "latent_bias");
        boolean topK = "TopK".equals(pt.value("activation").orElse("ReLU"));
        int k = topK ? ((Long) pt.value("activation_state_dict.k").orElseThrow()).intValue() : 0;
        return new Sae() {
            @Override
            public double[] features(double[] x, Decisions d) {
                double[] in = topK ? layerNorm(x)[0] : x;
                double[] pre = linear(encoder, minus(in, preBias), latentBias);
                return topK ? topK(pre, k, d) : relu(pre);
            }

            @Override
            public double[] reconstruction(double[] x, double[] f) {
                double[] r = linear(decoder, f, preBias);
                if (topK) {
                    double[][] ln = layerNorm(x);
                    double mu = ln[1][0];
                    double std = ln[1][1];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = r[i] * std + mu;
                    }
                }
                return r;
            }
        };
    }

    /** OpenAI's LN: {x normalised, {μ, std}} with std = sqrt(Σ(x − μ)²/(n − 1)) and x / (std + 1e-5). */
    static double[][] layerNorm(double[] x) {
        double mu = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) {
            ss += (v - mu) * (v - mu);
        }
        double std = Math.sqrt(ss / (x.length - 1));
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mu) / (std + 1e-5);
        }
        return new double[][] {out, {mu, std}};
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** dictionary_learning, by trainer.dict_class, as utils.load_dictionary loads it. */
    public static Sae dictionaryLearning(Path folder) {
        TorchCheckpoint pt = TorchCheckpointReader.read(folder.resolve("ae.pt"));
        String cls = readJson(folder.resolve("config.json")).path("trainer").path("dict_class").asText();
        switch (cls) {
            case "AutoEncoder": {
                // from_pretrained(normalize_decoder=True): decoder columns to norm 1, encoder rows and bias × norms.
                double[][] enc = torchMatrix(pt, "encoder.weight");
                double[] encBias = torchVector(pt, "encoder.bias");
                double[][] dec = torchMatrix(pt, "decoder.weight");
                double[] bias = torchVector(pt, "bias");
                int f = enc.length;
                for (int j = 0; j < f; j++) {
                    double[] column = new double[dec.length];
                    for (int i = 0; i < dec.length; i++) {
                        column[i] = dec[i][j];
                    }
                    double n = norm(column);
                    for (int i = 0; i < dec.length; i++) {
                        dec[i][j] /= n;
                    }
                    for (int i = 0; i < enc[j].length; i++) {
                        enc[j][i] *= n;
                    }
                    encBias[j] *= n;
                }
                return simple(x -> relu(linear(enc, minus(x, bias), encBias)), dec, bias);
            }
            case "AutoEncoderNew": {
                double[][] enc = torchMatrix(pt, "encoder.weight");
                double[] encBias = torchVector(pt, "encoder.bias");
                return simple(x -> relu(linear(enc, x, encBias)), torchMatrix(pt, "decoder.weight"),
                        torchVector(pt, "decoder.bias"));
            }
            case "GatedAutoEncoder": {
                double[][] enc = torchMatrix(pt, "encoder.weight");
                double[] decBias = torchVector(pt, "decoder_bias");
                double[] gate = torchVector(pt, "gate_bias");
                double[] rMag = torchVector(pt, "r_mag");
                double[] mag = torchVector(pt, "mag_bias");
                double[][] dec = torchMatrix(pt, "decoder.weight");
                return new Sae() {
                    @Override
                    public double[] features(double[] x, Decisions d) {
                        double[] xEnc = linear(enc, minus(x, decBias), null);
                        double[] f = new double[xEnc.length];
                        for (int j = 0; j < f.length; j++) {
                            boolean open = xEnc[j] + gate[j] > 0;
                            double m = Math.exp(rMag[j]) * xEnc[j] + mag[j];
                            f[j] = open ? Math.max(0, m) : 0;
                            if (!open && m > 0) {
                                d.gateClosedOnPositiveMagnitude++;
                            }
                            if (open && m <= 0) {
                                d.gateOpenOnNonPositiveMagnitude++;
                            }
                        }
                        return f;
                    }

                    @Override
                    public double[] reconstruction(double[] x, double[] f) {
                        return linear(dec, f, decBias);
                    }
                };
            }
            case "AutoEncoderTopK":
            case "BatchTopKSAE": {
                double[][] enc = torchMatrix(pt, "encoder.weight");
                double[] encBias = torchVector(pt, "encoder.bias");
                double[] bDec = torchVector(pt, "b_dec");
                double[][] dec = torchMatrix(pt, "decoder.weight");
                int k = (int) pt.tensor("k").orElseThrow().longValue();
                double threshold = torchVector(pt, "threshold")[0];
                boolean batch = cls.equals("BatchTopKSAE");
                return new Sae() {
                    @Override
                    public double[] features(double[] x, Decisions d) {
                        double[] post = relu(linear(enc, minus(x, bDec), encBias));
                        return batch ? jump(post, fill(post.length, threshold), d) : topK(post, k, d);
                    }

                    @Override
                    public double[] reconstruction(double[] x, double[] f) {
                        return linear(dec, f, bDec);
                    }
                };
            }
            case "MatryoshkaBatchTopKSAE": {
                double[][] wEnc = torchMatrix(pt, "W_enc");
                double[] bEnc = torchVector(pt, "b_enc");
                double[][] wDec = torchMatrix(pt, "W_dec");
                double[] bDec = torchVector(pt, "b_dec");
                double threshold = torchVector(pt, "threshold")[0];
                return new Sae() {
                    @Override
                    public double[] features(double[] x, Decisions d) {
                        double[] post = relu(matmul(minus(x, bDec), wEnc, bEnc));
                        return jump(post, fill(post.length, threshold), d);
                    }

                    @Override
                    public double[] reconstruction(double[] x, double[] f) {
                        return matmul(f, wDec, bDec);
                    }
                };
            }
            case "JumpReluAutoEncoder": {
                double[][] wEnc = torchMatrix(pt, "W_enc");
                double[] bEnc = torchVector(pt, "b_enc");
                double[][] wDec = torchMatrix(pt, "W_dec");
                double[] bDec = torchVector(pt, "b_dec");
                double[] theta = torchVector(pt, "threshold");
                return new Sae() {
                    @Override
                    public double[] features(double[] x, Decisions d) {
                        return jump(matmul(x, wEnc, bEnc), theta, d); // apply_b_dec_to_input is False
                    }

                    @Override
                    public double[] reconstruction(double[] x, double[] f) {
                        return matmul(f, wDec, bDec);
                    }
                };
            }
            default:
                throw new IllegalArgumentException(cls);
        }
    }

    private static Sae simple(java.util.function.Function<double[], double[]> encode, double[][] decoder,
            double[] decoderBias) {
        return new Sae() {
            @Override
            public double[] features(double[] x, Decisions d) {
                return encode.apply(x);
            }

            @Override
            public double[] reconstruction(double[] x, double[] f) {
                return linear(decoder, f, decoderBias);
            }
        };
    }

    /** Gemma Scope: pre = x·W_enc + b_enc, f = 1[pre &gt; threshold]·ReLU(pre), x̂ = f·W_dec + b_dec. */
    public static Sae gemmaScope(Path params) {
        NpzFile npz = NpzReader.read(params);
        double[][] wEnc = npy(npz, "W_enc");
        double[][] wDec = npy(npz, "W_dec");
        double[] bEnc = npz.array("b_enc").orElseThrow().toDoubleArray();
        double[] bDec = npz.array("b_dec").orElseThrow().toDoubleArray();
        double[] theta = npz.array("threshold").orElseThrow().toDoubleArray();
        return new Sae() {
            @Override
            public double[] features(double[] x, Decisions d) {
                return jump(matmul(x, wEnc, bEnc), theta, d);
            }

            @Override
            public double[] reconstruction(double[] x, double[] f) {
                return matmul(f, wDec, bDec);
            }
        };
    }

    private static double[][] npy(NpzFile npz, String name) {
        NpyArray a = npz.array(name).orElseThrow();
        return matrix(a.toDoubleArray(), a.shape());
    }

    /**
     * Llama Scope in lm_saes' training-time terms, without the inference folding the reader does: with
     * s_in = √d/avg_in, s_out = √d/avg_out, h = encoder(x·s_in − decoder.bias·apply) (the model's space), the
     * activation on g_j = n_j·h_j/s_in where n_j is the norm of decoder column j times s_in/s_out, and
     * x̂ = (decoder(h masked) + decoder.bias)/s_out.
     */
    public static Sae llamaScope(Path folder) {
        JsonNode hp = readJson(folder.resolve("hyperparams.json"));
        SafetensorsFile st = SafetensorsReader.read(folder.resolve("checkpoints/final.safetensors"));
        double[][] enc = matrix(st.tensor("encoder.weight").toDoubleArray(), st.tensor("encoder.weight").shape());
        double[] encBias = st.tensor("encoder.bias").toDoubleArray();
        double[][] dec = matrix(st.tensor("decoder.weight").toDoubleArray(), st.tensor("decoder.weight").shape());
        double[] decBias = st.tensor("decoder.bias").toDoubleArray();
        int dModel = hp.get("d_model").asInt();
        double sIn = Math.sqrt(dModel) / hp.get("dataset_average_activation_norm").get("in").asDouble();
        double sOut = Math.sqrt(dModel) / hp.get("dataset_average_activation_norm").get("out").asDouble();
        boolean apply = hp.get("apply_decoder_bias_to_pre_encoder").asBoolean();
        String act = hp.get("act_fn").asText();
        double theta = hp.get("jump_relu_threshold").asDouble();
        int k = hp.get("top_k").asInt();
        int f = enc.length;
        double[] n = new double[f];
        for (int j = 0; j < f; j++) {
            double[] column = new double[dec.length];
            for (int i = 0; i < dec.length; i++) {
                column[i] = dec[i][j];
            }
            n[j] = norm(column) * sIn / sOut;
        }
        return new Sae() {
            @Override
            public double[] features(double[] x, Decisions d) {
                double[] scaled = Arrays.stream(x).map(v -> v * sIn).toArray();
                double[] h = linear(enc, apply ? minus(scaled, decBias) : scaled, encBias);
                double[] g = new double[f];
                for (int j = 0; j < f; j++) {
                    g[j] = n[j] * h[j] / sIn;
                }
                boolean jumpRelu = act.equals("jumprelu") || theta > 0;
                return jumpRelu ? jump(g, fill(f, theta), d) : topK(g, k, d);
            }

            @Override
            public double[] reconstruction(double[] x, double[] feats) {
                double[] h = new double[f];
                for (int j = 0; j < f; j++) {
                    h[j] = feats[j] * sIn / n[j];
                }
                double[] r = linear(dec, h, decBias);
                for (int i = 0; i < r.length; i++) {
                    r[i] /= sOut;
                }
                return r;
            }
        };
    }

    static JsonNode readJson(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
