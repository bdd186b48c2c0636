package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.torch.TorchCheckpointReader;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OpenMOSS Llama Scope (the lm_saes library, github.com/OpenMOSS/Language-Model-SAEs, as of the October 2024 release
 * that published the SAEs): a folder such as {@code Llama3_1-8B-Base-L15R-8x} with {@code hyperparams.json} and
 * {@code checkpoints/final.safetensors}, holding {@code encoder.weight} [d_sae, d_model], {@code encoder.bias},
 * {@code decoder.weight} [d_model, d_sae] and {@code decoder.bias} (nn.Linear layouts).
 *
 * <p>Read as lm_saes' {@code SparseAutoEncoder.from_config} prepares a checkpoint for inference, folded into the
 * weights: with {@code norm_activation: "dataset-wise"}, s_in = √d_model / dataset_average_activation_norm.in and
 * s_out likewise from {@code .out}; encoder.bias ÷ s_in, decoder.bias ÷ s_out, decoder.weight × s_in/s_out. Then, with
 * {@code sparsity_include_decoder_norm}, each decoder column is divided by its norm n_j and encoder row j and bias j
 * multiplied by it. Encoding: h = encoder(x − decoder.bias if apply_decoder_bias_to_pre_encoder), f = h·1[h &gt;
 * jump_relu_threshold] for {@code act_fn: "jumprelu"} (and for "topk" when jump_relu_threshold &gt; 0, as from_config
 * converts it), TopK(top_k) of ReLU(h) for "topk" otherwise, ReLU(h) for "relu"; x̂ = decoder(f).
 *
 * <p>Confirmed from lm_saes' code (sae.py, config.py at the release) and SAELens' Llama Scope loader, which applies
 * the same scalar threshold: the key names, the tensor names and layouts, the dataset-wise folding and the defaults
 * used when a key is absent (those of lm_saes' SAEConfig). Not confirmed: whether every published
 * {@code final.safetensors} already has unit decoder columns (SAELens reads them without renormalising; lm_saes
 * renormalises, which this reader follows — the two agree exactly when the norms are 1). Token-wise and batch-wise
 * normalisation, GLU encoders and transcoders (hook_point_in ≠ hook_point_out) are refused.
 */
final class LlamaScopeReader implements CheckpointReader {
    static final String CONFIG = "hyperparams.json";
    /** lm_saes' order of preference (SparseAutoEncoder.from_config). */
    private static final List<String> WEIGHTS = List.of("sae_weights.safetensors", "sae_weights.pt",
            "checkpoints/pruned.safetensors", "checkpoints/pruned.pt", "checkpoints/final.safetensors",
            "checkpoints/final.pt");
    private static final Pattern FOLDER = Pattern.compile("^(Llama3_1-8B-Base)-L(\\d+)(R|A|M|TC)-(\\d+)x$");

    @Override
    public String expects() {
        return CONFIG + " and checkpoints/final.safetensors (Llama Scope)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        return root(at) != null;
    }

    /** The folder holding hyperparams.json: the location's, or its parent's when a file in checkpoints/ was given. */
    private static Path root(CheckpointLocation at) {
        if (at.file() != null && !at.fileName().equals(CONFIG) && !at.fileEndsWith(".safetensors", ".pt")) {
            return null;
        }
        if (at.has(CONFIG)) {
            return at.directory();
        }
        Path dir = at.directory().toAbsolutePath();
        if (dir.getFileName() != null && dir.getFileName().toString().equals("checkpoints") && dir.getParent() != null
                && Files.isRegularFile(dir.getParent().resolve(CONFIG))) {
            return dir.getParent();
        }
        return null;
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path root = root(at);
        Path cfgPath = root.resolve(CONFIG);
        JsonNode cfg = ReadSupport.readJson(cfgPath);
        Path weightsPath = at.file() != null && !at.fileName().equals(CONFIG) ? at.file() : null;
        if (weightsPath == null) {
            for (String w : WEIGHTS) {
                if (Files.isRegularFile(root.resolve(w))) {
                    weightsPath = root.resolve(w);
                    break;
                }
            }
        }
        if (weightsPath == null) {
            throw new InvalidInputException(root + " has " + CONFIG + " but no weights: lm_saes looks for "
                    + String.join(", ", WEIGHTS));
        }
        Assembly a = new Assembly(CheckpointFormat.LLAMA_SCOPE, root);
        a.config = cfg;
        a.configFile = cfgPath;
        a.weightsFile = weightsPath;
        a.log.inferred("llama-scope: " + CONFIG + " with " + root.relativize(weightsPath));
        TensorSource w = weightsPath.getFileName().toString().endsWith(".pt")
                ? TensorSource.of(TorchCheckpointReader.read(weightsPath), "sae.")
                : TensorSource.of(SafetensorsReader.read(weightsPath));

        int dModel = ReadSupport.positiveInt(cfg, "d_model", cfgPath);
        int dSae;
        if (cfg.hasNonNull("d_sae")) {
            dSae = ReadSupport.positiveInt(cfg, "d_sae", cfgPath);
        } else {
            int factor = ReadSupport.positiveInt(cfg, "expansion_factor", cfgPath);
            long m = (long) factor * dModel;
            if (m > Integer.MAX_VALUE) {
                throw new InvalidInputException(cfgPath + ": expansion_factor × d_model is too large");
            }
            dSae = (int) m;
            a.log.inferred("d_sae " + dSae + " = expansion_factor × d_model (no d_sae)");
        }
        if (cfg.path("use_glu_encoder").asBoolean(false)) {
            throw new InvalidInputException(cfgPath + ": use_glu_encoder is not supported");
        }
        String hookIn = ReadSupport.text(cfg, "hook_point_in");
        String hookOut = ReadSupport.text(cfg, "hook_point_out");
        if (hookIn != null && hookOut != null && !hookIn.equals(hookOut)) {
            throw new InvalidInputException(cfgPath + ": hook_point_in '" + hookIn + "' differs from hook_point_out '"
                    + hookOut + "': a transcoder, not an SAE that reconstructs its input");
        }
        boolean useDecoderBias = flag(cfg, "use_decoder_bias", true, cfgPath, a.log);
        boolean biasToEncoder = useDecoderBias && flag(cfg, "apply_decoder_bias_to_pre_encoder", true, cfgPath, a.log);
        boolean includeDecoderNorm = flag(cfg, "sparsity_include_decoder_norm", true, cfgPath, a.log);
        if (useDecoderBias) {
            ReadSupport.requireFor(w, "a Llama Scope SAE", "encoder.weight", "encoder.bias", "decoder.weight",
                    "decoder.bias");
        } else {
            ReadSupport.requireFor(w, "a Llama Scope SAE", "encoder.weight", "encoder.bias", "decoder.weight");
        }
        String dims = "d_model " + dModel + " and d_sae " + dSae + " from " + CONFIG;
        String fmt = CheckpointFormat.LLAMA_SCOPE.id();
        INDArray wEnc = ReadSupport.matrix(w, "encoder.weight", "W_enc", dModel, dSae, true, "nn.Linear's [d_sae,"
                + " d_model]", fmt, dims, a.log).castTo(DataType.DOUBLE);
        INDArray wDec = ReadSupport.matrix(w, "decoder.weight", "W_dec", dSae, dModel, true, "nn.Linear's [d_model,"
                + " d_sae]", fmt, dims, a.log).castTo(DataType.DOUBLE);
        double[] bEnc = ReadSupport.vector64(w, "encoder.bias", dSae, "d_sae", dims);
        double[] bDec = useDecoderBias ? ReadSupport.vector64(w, "decoder.bias", dModel, "d_model", dims)
                : new double[dModel];

        String norm = ReadSupport.text(cfg, "norm_activation");
        if (norm == null) {
            throw new InvalidInputException(cfgPath + ": 'norm_activation' is missing (lm_saes' default is token-wise,"
                    + " which is not supported; published Llama Scope SAEs say \"dataset-wise\")");
        }
        double sIn = 1;
        double sOut = 1;
        switch (norm) {
            case "dataset-wise" -> {
                JsonNode avg = cfg.get("dataset_average_activation_norm");
                if (avg == null || !avg.isObject()) {
                    throw new InvalidInputException(cfgPath + ": norm_activation \"dataset-wise\" needs"
                            + " dataset_average_activation_norm {\"in\": ..., \"out\": ...}");
                }
                double in = positive(avg, "in", cfgPath);
                double out = avg.has("out") ? positive(avg, "out", cfgPath) : in;
                sIn = Math.sqrt(dModel) / in;
                sOut = Math.sqrt(dModel) / out;
                a.log.inferred("dataset-wise normalisation folded into the weights: s_in = √" + dModel + "/" + in
                        + ", s_out = √" + dModel + "/" + out + " (encoder.bias ÷ s_in, decoder.bias ÷ s_out,"
                        + " decoder.weight × s_in/s_out, as lm_saes from_config does)");
            }
            case "none", "inference" -> a.log.inferred("norm_activation \"" + norm + "\": inputs encoded as given");
            default -> throw new InvalidInputException(cfgPath + ": norm_activation \"" + norm + "\" is not supported"
                    + " (dataset-wise, none)");
        }
        for (int j = 0; j < dSae; j++) {
            bEnc[j] /= sIn;
        }
        for (int i = 0; i < dModel; i++) {
            bDec[i] /= sOut;
        }
        wDec.muli(sIn / sOut);
        if (includeDecoderNorm) {
            double[] n = wDec.norm2(1).toDoubleVector();
            for (int j = 0; j < dSae; j++) {
                if (n[j] == 0) {
                    throw new InvalidInputException(weightsPath + ": decoder column " + j + " is zero, so lm_saes'"
                            + " unit-decoder-norm transform divides by 0");
                }
                bEnc[j] *= n[j];
            }
            INDArray nRow = Nd4j.createFromArray(n).reshape(1, dSae);
            wDec.diviColumnVector(nRow.reshape(dSae, 1));
            wEnc.muliRowVector(nRow);
            double min = java.util.Arrays.stream(n).min().orElse(0);
            double max = java.util.Arrays.stream(n).max().orElse(0);
            a.log.inferred("decoder columns scaled to norm 1 (norms " + fmt(min) + " – " + fmt(max) + ") and encoder"
                    + " rows and bias by the norms: sparsity_include_decoder_norm, as lm_saes from_config does");
        }
        a.wEnc = wEnc.castTo(DataType.FLOAT).dup('c');
        a.wDec = wDec.castTo(DataType.FLOAT).dup('c');
        a.bEnc = ReadSupport.finiteAfter(weightsPath, "encoder.bias", floats(bEnc));
        a.bDec = ReadSupport.finiteAfter(weightsPath, "decoder.bias", floats(bDec));
        a.applyBDec = biasToEncoder;
        a.log.inferred(biasToEncoder ? "decoder.bias subtracted from x before encoding (apply_decoder_bias_to_pre_encoder)"
                : "x encoded without subtracting decoder.bias");

        String act = ReadSupport.text(cfg, "act_fn");
        if (act == null) {
            act = "relu";
            a.log.inferred("no act_fn: relu, lm_saes' default");
        }
        double theta = ReadSupport.number(cfg, "jump_relu_threshold", 0.0, cfgPath, "jump_relu_threshold");
        switch (act.toLowerCase(Locale.ROOT)) {
            case "jumprelu" -> jump(theta, cfgPath, a, "act_fn jumprelu");
            case "topk" -> {
                if (theta > 0) {
                    jump(theta, cfgPath, a, "act_fn topk with jump_relu_threshold > 0, converted as from_config does");
                } else {
                    int k = ReadSupport.positiveInt(cfg, "top_k", cfgPath);
                    if (k > dSae) {
                        throw new InvalidInputException(cfgPath + ": top_k = " + k + " is larger than d_sae = " + dSae);
                    }
                    a.activation = new Activation.TopK(k);
                    a.architecture = "topk";
                    a.log.inferred("TopK k=" + k + " from top_k (act_fn topk)");
                }
            }
            case "relu" -> {
                a.activation = new Activation.Relu();
                a.architecture = "standard";
                a.log.inferred("ReLU (act_fn relu)");
            }
            default -> throw new InvalidInputException(cfgPath + ": act_fn '" + act + "' is not supported (jumprelu,"
                    + " topk, relu)");
        }
        a.hookName = hookIn;
        a.hookLayer = ReadSupport.layerOf(hookIn);
        if (hookIn != null) {
            a.log.inferred("hook " + hookIn + (a.hookLayer == null ? "" : " and layer " + a.hookLayer)
                    + " from hook_point_in");
        }
        Matcher folder = FOLDER.matcher(root.toAbsolutePath().getFileName() == null ? ""
                : root.toAbsolutePath().getFileName().toString());
        if (folder.matches()) {
            a.modelName = "meta-llama/Llama-3.1-8B";
            a.log.inferred("model meta-llama/Llama-3.1-8B from the folder's name " + folder.group(0));
            if (a.hookLayer == null) {
                a.hookLayer = Integer.parseInt(folder.group(2));
                a.log.inferred("layer " + a.hookLayer + " from the folder's name");
            }
        }
        if (a.modelName == null) {
            a.modelName = ReadSupport.text(cfg, "model_name");
        }
        a.dtype = w.dtype("encoder.weight");
        return a.build();
    }

    private static void jump(double theta, Path cfgPath, Assembly a, String why) {
        if (theta < 0) {
            throw new InvalidInputException(cfgPath + ": jump_relu_threshold " + theta + " is negative: lm_saes would"
                    + " keep negative pre-activations, which SAE Explorer's JumpReLU does not");
        }
        a.activation = new Activation.JumpRelu(theta);
        a.architecture = "jumprelu";
        a.log.inferred("JumpReLU θ = " + theta + " from jump_relu_threshold (" + why + "), compared with the"
                + " pre-activation after the folding above");
    }

    private static boolean flag(JsonNode cfg, String field, boolean fallback, Path file, ReadLog log) {
        if (!cfg.has(field) || cfg.get(field).isNull()) {
            log.inferred("no " + field + ": " + fallback + ", lm_saes' default");
        }
        return ReadSupport.bool(cfg, field, fallback, file);
    }

    private static double positive(JsonNode node, String field, Path file) {
        double v = ReadSupport.number(node, field, Double.NaN, file, "dataset_average_activation_norm." + field);
        if (!(v > 0)) {
            throw new InvalidInputException(file + ": dataset_average_activation_norm." + field
                    + " must be a positive number");
        }
        return v;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
