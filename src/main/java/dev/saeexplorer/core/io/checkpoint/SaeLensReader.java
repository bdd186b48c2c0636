package dev.saeexplorer.core.io.checkpoint;

import static dev.saeexplorer.core.io.checkpoint.ReadSupport.bool;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.layerOf;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.optionalInt;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.positiveInt;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Path;
import java.util.Locale;

/**
 * SAELens checkpoints, both generations: a folder with {@code cfg.json} and {@code sae_weights.safetensors}
 * ({@code W_enc} [d_in, d_sae], {@code b_enc}, {@code W_dec} [d_sae, d_in], {@code b_dec}, {@code threshold} for
 * JumpReLU; {@code b_gate}, {@code r_mag}, {@code b_mag} instead of {@code b_enc} for gated). SAELens &lt; 6 is told
 * apart by its {@code cfg.json} keys ({@code activation_fn_str}, {@code hook_point}, {@code hook_layer}, ...).
 *
 * <p>Encoding, as SAELens: sae_in = x − b_dec·apply_b_dec_to_input; standard/TopK/JumpReLU: σ(sae_in·W_enc + b_enc);
 * gated: 1[sae_in·W_enc + b_gate &gt; 0]·ReLU(sae_in·(W_enc ⊙ exp(r_mag)) + b_mag); x̂ = f·W_dec + b_dec.
 */
final class SaeLensReader implements CheckpointReader {
    static final String CONFIG = "cfg.json";
    static final String WEIGHTS = "sae_weights.safetensors";

    @Override
    public String expects() {
        return CONFIG + " and " + WEIGHTS + " (SAELens)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        if (at.file() != null && !at.fileName().equals(CONFIG) && !at.fileEndsWith(".safetensors")) {
            return false;
        }
        if (!at.has(WEIGHTS)) {
            return false;
        }
        return !at.has(SparsifyReader.WEIGHTS) || !SparsifyReader.hasSparsifyConfig(at);
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path dir = at.directory();
        Path cfgPath = dir.resolve(CONFIG);
        if (!at.has(CONFIG)) {
            throw new InvalidInputException(cfgPath + " is missing: an SAE checkpoint needs its " + CONFIG + " next to "
                    + WEIGHTS);
        }
        JsonNode cfg = ReadSupport.readJson(cfgPath);
        boolean legacy = cfg.has("activation_fn_str") || cfg.has("activation_fn_kwargs") || cfg.has("hook_point")
                || cfg.has("hook_name") || cfg.has("hook_layer");
        CheckpointFormat format = legacy ? CheckpointFormat.SAELENS_LEGACY : CheckpointFormat.SAELENS;
        Assembly a = new Assembly(format, dir);
        a.config = cfg;
        a.configFile = cfgPath;
        a.weightsFile = dir.resolve(WEIGHTS);
        a.log.inferred(format.id() + ": " + CONFIG + " and " + WEIGHTS + (legacy
                ? "; SAELens < 6 by its cfg.json keys (activation_fn_str, hook_point, hook_name or hook_layer)"
                : "; SAELens ≥ 6 (no SAELens < 6 keys in cfg.json)"));
        int dIn = positiveInt(cfg, "d_in", cfgPath);
        int dSae = positiveInt(cfg, "d_sae", cfgPath);
        String architecture = architecture(cfg, cfgPath, format);
        a.architecture = architecture;
        a.applyBDec = bool(cfg, "apply_b_dec_to_input", true, cfgPath);
        String normalize = cfg.path("normalize_activations").asText("none");
        if (!normalize.equals("none") && !normalize.isEmpty() && !cfg.path("normalize_activations").isNull()) {
            a.log.note("normalize_activations '" + normalize + "' is not applied: inputs are encoded as given");
        }
        JsonNode metadata = cfg.path("metadata");
        String hookName = text(metadata, "hook_name");
        if (hookName == null) {
            hookName = text(cfg, "hook_name");
        }
        if (hookName == null) {
            hookName = text(cfg, "hook_point");
        }
        Integer hookLayer = optionalInt(metadata, "hook_layer", cfgPath);
        if (hookLayer == null) {
            hookLayer = optionalInt(cfg, "hook_layer", cfgPath);
        }
        if (hookLayer == null) {
            hookLayer = optionalInt(cfg, "hook_point_layer", cfgPath);
        }
        if (hookLayer == null) {
            hookLayer = layerOf(hookName);
            if (hookLayer != null) {
                a.log.inferred("layer " + hookLayer + " from the hook name " + hookName);
            }
        }
        String modelName = text(metadata, "model_name");
        if (modelName == null) {
            modelName = text(cfg, "model_name");
        }
        a.hookName = hookName;
        a.hookLayer = hookLayer;
        a.modelName = modelName;
        a.tied = cfg.path(SaeCheckpoint.RECORD_KEY).path("tied").asBoolean(false);

        TensorSource weights = TensorSource.of(SafetensorsReader.read(a.weightsFile));
        String fmt = format.id();
        String dims = "d_in " + dIn + " and d_sae " + dSae + " from cfg.json";
        boolean gated = architecture.equals("gated");
        if (gated) {
            ReadSupport.requireFor(weights, "a gated SAE", "W_enc", "b_gate", "r_mag", "b_mag", "W_dec", "b_dec");
        } else {
            ReadSupport.require(weights, "W_enc", "b_enc", "W_dec", "b_dec");
        }
        a.wEnc = ReadSupport.matrix(weights, "W_enc", "W_enc", dIn, dSae, false, "[d_in, d_sae]", fmt, dims, a.log);
        a.wDec = ReadSupport.matrix(weights, "W_dec", "W_dec", dSae, dIn, false, "[d_sae, d_in]", fmt, dims, a.log);
        a.bDec = ReadSupport.vector(weights, "b_dec", dIn, "d_in", dims);
        if (gated) {
            a.bEnc = new float[dSae];
            a.activation = gated(weights, dSae, dims);
            a.log.inferred("gated: gate 1[z + b_gate > 0], magnitude ReLU(exp(r_mag)·z + b_mag), z = (x − b_dec)·W_enc");
        } else {
            a.bEnc = ReadSupport.vector(weights, "b_enc", dSae, "d_sae", dims);
            a.activation = switch (architecture) {
                case "topk" -> new Activation.TopK(topK(cfg, cfgPath, dSae, a.log));
                case "jumprelu" -> jumpRelu(weights, dSae, dims, a.log);
                default -> new Activation.Relu();
            };
        }
        a.dtype = weights.dtype("W_enc");
        return a.build();
    }

    private static Activation gated(TensorSource weights, int dSae, String dims) {
        double[] gate = ReadSupport.vector64(weights, "b_gate", dSae, "d_sae", dims);
        double[] rMag = ReadSupport.vector64(weights, "r_mag", dSae, "d_sae", dims);
        double[] mag = ReadSupport.vector64(weights, "b_mag", dSae, "d_sae", dims);
        return new Activation.Gated(gate, exp(weights.path(), "r_mag", rMag), mag);
    }

    static double[] exp(Path file, String name, double[] logScale) {
        double[] s = new double[logScale.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = (float) Math.exp(logScale[j]);
            if (!Double.isFinite(s[j])) {
                throw new InvalidInputException(file + ": exp(" + name + "[" + j + "]) overflows float32 ("
                        + name + " = " + logScale[j] + ")");
            }
        }
        return s;
    }

    private static String architecture(JsonNode cfg, Path cfgPath, CheckpointFormat format) {
        JsonNode arch = cfg.get("architecture");
        if (arch != null && !arch.isNull()) {
            if (!arch.isTextual()) {
                throw new InvalidInputException(cfgPath + ": 'architecture' must be a string");
            }
            String a = arch.asText().toLowerCase(Locale.ROOT);
            switch (a) {
                case "standard":
                case "topk":
                case "jumprelu":
                case "gated":
                    return a;
                default:
                    throw new InvalidInputException(cfgPath + ": unknown architecture '" + arch.asText()
                            + "' (standard, topk, jumprelu, gated)");
            }
        }
        if (format == CheckpointFormat.SAELENS_LEGACY) {
            JsonNode fn = cfg.get("activation_fn_str");
            if (fn == null || fn.isNull()) {
                return "standard";
            }
            String f = fn.asText().toLowerCase(Locale.ROOT);
            switch (f) {
                case "relu":
                    return "standard";
                case "topk":
                    return "topk";
                default:
                    throw new InvalidInputException(cfgPath + ": activation_fn_str '" + fn.asText()
                            + "' is not supported (relu, topk)");
            }
        }
        return "standard";
    }

    private static int topK(JsonNode cfg, Path cfgPath, int dSae, ReadLog log) {
        int k;
        if (cfg.has("k")) {
            k = positiveInt(cfg, "k", cfgPath);
            log.inferred("TopK k=" + k + " from cfg.json k");
        } else if (cfg.path("activation_fn_kwargs").has("k")) {
            k = positiveInt(cfg.get("activation_fn_kwargs"), "k", cfgPath, "activation_fn_kwargs.k");
            log.inferred("TopK k=" + k + " from cfg.json activation_fn_kwargs.k");
        } else {
            throw new InvalidInputException(cfgPath + ": a TopK SAE needs 'k' (or activation_fn_kwargs {\"k\": ...})");
        }
        if (k > dSae) {
            throw new InvalidInputException(cfgPath + ": k = " + k + " is larger than d_sae = " + dSae);
        }
        return k;
    }

    private static Activation jumpRelu(TensorSource weights, int dSae, String dims, ReadLog log) {
        float[] t;
        if (weights.contains("threshold")) {
            t = ReadSupport.vector(weights, "threshold", dSae, "d_sae", dims);
            log.inferred("JumpReLU thresholds from the 'threshold' tensor");
        } else if (weights.contains("log_threshold")) {
            t = ReadSupport.vector(weights, "log_threshold", dSae, "d_sae", dims);
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) Math.exp(t[i]);
            }
            log.inferred("JumpReLU thresholds as exp(log_threshold)");
        } else {
            throw new InvalidInputException(weights.path() + ": a JumpReLU SAE needs a 'threshold' tensor [d_sae]");
        }
        double[] theta = new double[dSae];
        for (int i = 0; i < dSae; i++) {
            theta[i] = t[i];
        }
        return perLatentJumpRelu(theta, log);
    }

    /**
     * JumpReLU from per-latent thresholds as stored: negative ones read as 0 (σ keeps z &gt; θ and z &gt; 0 either way),
     * one shared θ when they are all equal.
     */
    static Activation perLatentJumpRelu(double[] stored, ReadLog log) {
        double[] theta = new double[stored.length];
        boolean clamped = false;
        boolean uniform = true;
        for (int i = 0; i < stored.length; i++) {
            theta[i] = Math.max(0.0, stored[i]);
            clamped |= stored[i] < 0;
            uniform &= theta[i] == theta[0];
        }
        if (clamped) {
            log.note("negative JumpReLU thresholds read as 0 (the same activation, since σ applies ReLU first)");
        }
        return uniform ? new Activation.JumpRelu(theta[0]) : new Activation.JumpReluPerLatent(theta);
    }
}
