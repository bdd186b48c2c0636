package dev.saeexplorer.core.io.checkpoint;

import static dev.saeexplorer.core.io.checkpoint.ReadSupport.bool;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.layerOf;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.nonNegativeInt;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.positiveInt;
import static dev.saeexplorer.core.io.checkpoint.ReadSupport.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Path;
import java.util.Locale;

/**
 * EleutherAI sparsify: a folder (named after the Hugging Face module, e.g. {@code layers.6}) with {@code cfg.json}
 * ({@code num_latents} or {@code expansion_factor}, {@code k}) and {@code sae.safetensors} ({@code encoder.weight}
 * [num_latents, d_in], {@code encoder.bias}, {@code W_dec} [num_latents, d_in], {@code b_dec}). Encoding, as
 * sparsify: TopK(k) of ReLU((x − b_dec)·encoder.weightᵀ + encoder.bias) (x itself for a transcoder), x̂ = f·W_dec + b_dec.
 */
final class SparsifyReader implements CheckpointReader {
    static final String WEIGHTS = "sae.safetensors";

    @Override
    public String expects() {
        return SaeLensReader.CONFIG + " and " + WEIGHTS + " (sparsify)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        if (at.file() != null && !at.fileName().equals(SaeLensReader.CONFIG) && !at.fileEndsWith(".safetensors")) {
            return false;
        }
        return at.has(WEIGHTS) && (!at.has(SaeLensReader.WEIGHTS) || hasSparsifyConfig(at));
    }

    /** Whether the folder's cfg.json has sparsify's keys (when it holds both weights files, this decides). */
    static boolean hasSparsifyConfig(CheckpointLocation at) {
        if (!at.has(SaeLensReader.CONFIG)) {
            return false;
        }
        JsonNode cfg = ReadSupport.readJson(at.resolve(SaeLensReader.CONFIG));
        return cfg.has("num_latents") || cfg.has("expansion_factor");
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path dir = at.directory();
        Path cfgPath = dir.resolve(SaeLensReader.CONFIG);
        if (!at.has(SaeLensReader.CONFIG)) {
            throw new InvalidInputException(cfgPath + " is missing: an SAE checkpoint needs its "
                    + SaeLensReader.CONFIG + " next to " + WEIGHTS);
        }
        JsonNode cfg = ReadSupport.readJson(cfgPath);
        Path weightsPath = dir.resolve(WEIGHTS);
        Assembly a = new Assembly(CheckpointFormat.SPARSIFY, dir);
        a.config = cfg;
        a.configFile = cfgPath;
        a.weightsFile = weightsPath;
        a.log.inferred("sparsify: " + SaeLensReader.CONFIG + " and " + WEIGHTS
                + (at.has(SaeLensReader.WEIGHTS) ? " (cfg.json has num_latents or expansion_factor)" : ""));
        TensorSource weights = TensorSource.of(SafetensorsReader.read(weightsPath));
        ReadSupport.require(weights, "encoder.weight", "encoder.bias", "W_dec", "b_dec");
        int dIn;
        String dInFrom;
        if (cfg.has("d_in")) {
            dIn = positiveInt(cfg, "d_in", cfgPath);
            dInFrom = "d_in " + dIn + " from cfg.json";
        } else {
            dIn = weights.floats("b_dec").length;
            if (dIn < 1) {
                throw new InvalidInputException(weightsPath + ": b_dec is empty");
            }
            a.log.note("d_in read from b_dec's length (" + dIn + "): cfg.json does not give it");
            dInFrom = "d_in " + dIn + " from b_dec";
        }
        int numLatents = cfg.has("num_latents") ? nonNegativeInt(cfg, "num_latents", cfgPath) : 0;
        int dSae;
        String dSaeFrom;
        if (numLatents > 0) {
            dSae = numLatents;
            dSaeFrom = "num_latents " + dSae + " from cfg.json";
        } else if (cfg.has("expansion_factor")) {
            int factor = positiveInt(cfg, "expansion_factor", cfgPath);
            long m = (long) factor * dIn;
            if (m > Integer.MAX_VALUE) {
                throw new InvalidInputException(cfgPath + ": expansion_factor × d_in is too large");
            }
            dSae = (int) m;
            dSaeFrom = "num_latents " + dSae + " = expansion_factor × d_in";
        } else {
            throw new InvalidInputException(cfgPath + ": a sparsify cfg.json needs num_latents > 0 or expansion_factor");
        }
        String activation = cfg.path("activation").asText("topk").toLowerCase(Locale.ROOT);
        if (!activation.equals("topk")) {
            throw new InvalidInputException(cfgPath + ": sparsify activation '" + activation + "' is not supported (topk)");
        }
        int k = positiveInt(cfg, "k", cfgPath);
        if (k > dSae) {
            throw new InvalidInputException(cfgPath + ": k = " + k + " is larger than the number of latents " + dSae);
        }
        a.log.inferred("TopK k=" + k + " from cfg.json k");
        if (cfg.path("multi_topk").asBoolean(false)) {
            a.log.note("multi_topk only changes training; encoding uses TopK(k)");
        }
        boolean transcode = bool(cfg, "transcode", false, cfgPath);
        if (cfg.path("skip_connection").asBoolean(false) || weights.contains("W_skip")) {
            a.log.note("the skip connection W_skip is not used: encoding is exact, decoding omits x·W_skip");
        }
        String fmt = CheckpointFormat.SPARSIFY.id();
        String dims = dInFrom + ", " + dSaeFrom;
        a.wEnc = ReadSupport.matrix(weights, "encoder.weight", "W_enc", dIn, dSae, true, "[num_latents, d_in]", fmt,
                dims, a.log);
        a.wDec = ReadSupport.matrix(weights, "W_dec", "W_dec", dSae, dIn, false, "[num_latents, d_in]", fmt, dims,
                a.log);
        a.bEnc = ReadSupport.vector(weights, "encoder.bias", dSae, "num_latents", dims);
        a.bDec = ReadSupport.vector(weights, "b_dec", dIn, "d_in", dims);
        String hookName = dir.toAbsolutePath().getFileName() == null ? null
                : dir.toAbsolutePath().getFileName().toString();
        a.log.note("sparsify names the hook point by its folder ('" + hookName + "', a Hugging Face module name)");
        a.hookName = hookName;
        a.hookLayer = layerOf(hookName);
        if (a.hookLayer != null) {
            a.log.inferred("hook '" + hookName + "' and layer " + a.hookLayer + " from the folder's name");
        }
        a.modelName = text(cfg, "model_name");
        a.activation = new Activation.TopK(k);
        a.tied = false;
        a.applyBDec = !transcode;
        a.architecture = "topk";
        a.dtype = weights.dtype("encoder.weight");
        return a.build();
    }
}
