package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.torch.TorchCheckpoint;
import dev.saeexplorer.core.io.torch.TorchCheckpointReader;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * saprmarks/dictionary_learning: {@code ae.pt} (a {@code torch.save}d state dict; {@code checkpoints/ae_N.pt} for a
 * step) next to {@code config.json}, whose {@code trainer.dict_class} names the class, as their
 * {@code utils.load_dictionary} reads it. Names, shapes and encodings from {@code dictionary.py} and
 * {@code trainers/top_k.py}, {@code batch_top_k.py}, {@code matryoshka_batch_top_k.py}:
 * <ul>
 *   <li>{@code AutoEncoder}: {@code bias} [d], {@code encoder.weight} [F, d], {@code encoder.bias} [F],
 *       {@code decoder.weight} [d, F]; f = ReLU(encoder(x − bias)), x̂ = decoder(f) + bias. Loaded as
 *       {@code from_pretrained(normalize_decoder=True)} does by default: unless every decoder column has norm 1
 *       ({@code torch.allclose}), the columns are divided by their norms n_j and encoder row j and bias j multiplied by
 *       n_j, so features come out scaled by n_j and x̂ is unchanged.</li>
 *   <li>{@code GatedAutoEncoder}: {@code decoder_bias} [d], {@code encoder.weight} [F, d], {@code r_mag},
 *       {@code gate_bias}, {@code mag_bias} [F], {@code decoder.weight} [d, F]; x_enc = encoder(x − decoder_bias),
 *       f = 1[x_enc + gate_bias &gt; 0]·ReLU(exp(r_mag)·x_enc + mag_bias), x̂ = decoder(f) + decoder_bias
 *       ({@code encode}'s default normalize_decoder=False).</li>
 *   <li>{@code AutoEncoderTopK}: {@code k} [], {@code threshold} [], {@code encoder.weight} [F, d],
 *       {@code encoder.bias} [F], {@code decoder.weight} [d, F], {@code b_dec} [d]; f = TopK_k(ReLU(encoder(x − b_dec)))
 *       ({@code encode}'s default use_threshold=False), x̂ = decoder(f) + b_dec.</li>
 *   <li>{@code BatchTopKSAE}: the same tensors; inference (use_threshold=True, the default) is
 *       f = ReLU(pre)·1[ReLU(pre) &gt; threshold], a JumpReLU with the one learned θ.</li>
 *   <li>{@code MatryoshkaBatchTopKSAE}: {@code W_enc} [d, F], {@code b_enc}, {@code W_dec} [F, d], {@code b_dec},
 *       {@code k}, {@code threshold}, {@code group_sizes}; f = ReLU((x − b_dec)·W_enc + b_enc) kept above θ, all groups
 *       active, x̂ = f·W_dec + b_dec.</li>
 *   <li>{@code JumpReluAutoEncoder}: {@code W_enc} [d, F], {@code b_enc}, {@code W_dec} [F, d], {@code b_dec},
 *       {@code threshold} [F]; apply_b_dec_to_input is False when loaded from a file, so pre = x·W_enc + b_enc,
 *       f = ReLU(pre·1[pre &gt; threshold]), x̂ = f·W_dec + b_dec.</li>
 *   <li>{@code AutoEncoderNew}: {@code encoder.weight}, {@code encoder.bias}, {@code decoder.weight},
 *       {@code decoder.bias}; f = ReLU(encoder(x)), x̂ = decoder(f).</li>
 * </ul>
 * A {@code trainer.norm_factor} (normalize_activations) needs nothing here: the trainer multiplies the biases by it
 * ({@code scale_biases}) before saving, so the file encodes raw activations.
 */
final class DictionaryLearningReader implements CheckpointReader {
    static final String WEIGHTS = "ae.pt";
    static final String CONFIG = "config.json";
    private static final Pattern STEP = Pattern.compile("ae(?:_\\d+)?\\.pt");
    private static final Pattern SUBMODULE = Pattern.compile("^(resid_post|resid_pre|resid_mid|attn_out|mlp_out)_layer_?(\\d+)$");

    /** ae.pt, or ae_N.pt as the trainer saves a step. */
    static boolean isAePt(Path file) {
        return STEP.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String expects() {
        return WEIGHTS + " and " + CONFIG + " (dictionary_learning)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        if (at.file() != null) {
            return isAePt(at.file()) || (at.fileName().equals(CONFIG) && at.has(WEIGHTS));
        }
        return at.has(WEIGHTS);
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path weightsPath = at.file() != null && isAePt(at.file()) ? at.file() : at.resolve(WEIGHTS);
        Path dir = weightsPath.toAbsolutePath().getParent();
        Path configPath = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configPath) && dir.getFileName() != null
                && dir.getFileName().toString().equals("checkpoints") && dir.getParent() != null
                && Files.isRegularFile(dir.getParent().resolve(CONFIG))) {
            configPath = dir.getParent().resolve(CONFIG);
        }
        if (!Files.isRegularFile(configPath)) {
            throw new InvalidInputException(configPath + " is missing: dictionary_learning saves " + WEIGHTS
                    + " next to its " + CONFIG + ", whose trainer.dict_class names the SAE class");
        }
        JsonNode config = ReadSupport.readJson(configPath);
        JsonNode trainer = config.get("trainer");
        if (trainer == null || !trainer.isObject()) {
            throw new InvalidInputException(configPath + ": needs a 'trainer' object (dictionary_learning's"
                    + " config.json)");
        }
        String dictClass = ReadSupport.text(trainer, "dict_class");
        if (dictClass == null) {
            throw new InvalidInputException(configPath + ": 'trainer.dict_class' is missing (AutoEncoder,"
                    + " GatedAutoEncoder, AutoEncoderTopK, BatchTopKSAE, MatryoshkaBatchTopKSAE, JumpReluAutoEncoder,"
                    + " AutoEncoderNew)");
        }
        TorchCheckpoint pt = TorchCheckpointReader.read(weightsPath);
        String prefix = "";
        if (pt.tensors().stream().noneMatch(t -> !t.name().contains(".") || t.name().startsWith("encoder.")
                || t.name().startsWith("decoder.")) && pt.tensors().stream().anyMatch(t -> t.name().startsWith("ae."))) {
            prefix = "ae.";
        }
        TensorSource w = TensorSource.of(pt, prefix);
        Assembly a = new Assembly(CheckpointFormat.DICTIONARY_LEARNING, dir);
        a.config = config;
        a.configFile = configPath;
        a.weightsFile = weightsPath;
        a.log.inferred("dictionary-learning: " + weightsPath.getFileName() + " with " + dir.relativize(configPath)
                + ", trainer.dict_class " + dictClass + (prefix.isEmpty() ? "" : "; the state dict under 'ae' (a"
                + " training backup)"));
        Path cfgFile = configPath;
        switch (dictClass) {
            case "AutoEncoder" -> autoEncoder(w, a, trainer, cfgFile);
            case "AutoEncoderNew" -> autoEncoderNew(w, a, trainer, cfgFile);
            case "GatedAutoEncoder" -> gated(w, a, trainer, cfgFile);
            case "AutoEncoderTopK", "BatchTopKSAE" -> topK(w, a, trainer, cfgFile, dictClass);
            case "MatryoshkaBatchTopKSAE" -> matryoshka(w, a, trainer, cfgFile);
            case "JumpReluAutoEncoder" -> jumpRelu(w, a, trainer, cfgFile);
            default -> throw new InvalidInputException(configPath + ": trainer.dict_class '" + dictClass
                    + "' is not supported (AutoEncoder, GatedAutoEncoder, AutoEncoderTopK, BatchTopKSAE,"
                    + " MatryoshkaBatchTopKSAE, JumpReluAutoEncoder, AutoEncoderNew)");
        }
        hook(trainer, cfgFile, a);
        if (trainer.has("norm_factor") && !trainer.get("norm_factor").isNull()) {
            a.log.inferred("trainer.norm_factor " + trainer.get("norm_factor").asText() + " needs no scaling: the"
                    + " trainer folds it into the saved biases (scale_biases)");
        }
        return a.build();
    }

    // ----------------------------------------------------------------------------------------- classes

    /** d from a vector, F from another; both checked against config.json's activation_dim and dict_size. */
    private static int[] dims(TensorSource w, String dName, String fName, JsonNode trainer, Path cfg) {
        int d = ReadSupport.length(w, dName);
        int f = ReadSupport.length(w, fName);
        check(trainer, "activation_dim", d, dName, cfg);
        check(trainer, "dict_size", f, fName, cfg);
        return new int[] {d, f};
    }

    private static void check(JsonNode trainer, String field, int actual, String tensor, Path cfg) {
        Integer v = ReadSupport.optionalInt(trainer, field, cfg, "trainer." + field);
        if (v != null && v != actual) {
            throw new InvalidInputException(cfg + ": trainer." + field + " is " + v + " but the tensor " + tensor
                    + " has " + actual + " entries");
        }
    }

    private static String dims(int d, int f, String dName, String fName) {
        return "d_in " + d + " from " + dName + ", d_sae " + f + " from " + fName;
    }

    private static void autoEncoder(TensorSource w, Assembly a, JsonNode trainer, Path cfg) {
        ReadSupport.requireFor(w, "an AutoEncoder", "bias", "encoder.weight", "encoder.bias", "decoder.weight");
        int[] df = dims(w, "bias", "encoder.bias", trainer, cfg);
        String dims = dims(df[0], df[1], "bias", "encoder.bias");
        linearWeights(w, a, df, dims, "bias");
        normalizeDecoder(a, w.path());
        a.activation = new Activation.Relu();
        a.architecture = "standard";
        a.applyBDec = true;
        a.log.inferred("ReLU(encoder(x − bias)) (AutoEncoder)");
        a.dtype = w.dtype("encoder.weight");
    }

    private static void autoEncoderNew(TensorSource w, Assembly a, JsonNode trainer, Path cfg) {
        ReadSupport.requireFor(w, "an AutoEncoderNew", "encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias");
        int[] df = dims(w, "decoder.bias", "encoder.bias", trainer, cfg);
        String dims = dims(df[0], df[1], "decoder.bias", "encoder.bias");
        linearWeights(w, a, df, dims, "decoder.bias");
        a.activation = new Activation.Relu();
        a.architecture = "standard";
        a.applyBDec = false;
        a.log.inferred("ReLU(encoder(x)), x̂ = decoder(f) with its bias: no bias subtracted from x (AutoEncoderNew)");
        a.dtype = w.dtype("encoder.weight");
    }

    private static void gated(TensorSource w, Assembly a, JsonNode trainer, Path cfg) {
        ReadSupport.requireFor(w, "a GatedAutoEncoder", "decoder_bias", "encoder.weight", "r_mag", "gate_bias", "mag_bias",
                "decoder.weight");
        int[] df = dims(w, "decoder_bias", "gate_bias", trainer, cfg);
        String dims = dims(df[0], df[1], "decoder_bias", "gate_bias");
        linearPair(w, a, df, dims);
        a.bEnc = new float[df[1]];
        a.bDec = ReadSupport.vector(w, "decoder_bias", df[0], "activation_dim", dims);
        double[] gate = ReadSupport.vector64(w, "gate_bias", df[1], "dict_size", dims);
        double[] rMag = ReadSupport.vector64(w, "r_mag", df[1], "dict_size", dims);
        double[] mag = ReadSupport.vector64(w, "mag_bias", df[1], "dict_size", dims);
        a.activation = new Activation.Gated(gate, SaeLensReader.exp(w.path(), "r_mag", rMag), mag);
        a.architecture = "gated";
        a.applyBDec = true;
        a.log.inferred("gated: x_enc = encoder(x − decoder_bias), f = 1[x_enc + gate_bias > 0]·ReLU(exp(r_mag)·x_enc"
                + " + mag_bias) (GatedAutoEncoder.encode, normalize_decoder=False)");
        a.dtype = w.dtype("encoder.weight");
    }

    private static void topK(TensorSource w, Assembly a, JsonNode trainer, Path cfg, String dictClass) {
        ReadSupport.requireFor(w, "an " + dictClass, "encoder.weight", "encoder.bias", "decoder.weight", "b_dec");
        if (dictClass.equals("BatchTopKSAE")) {
            ReadSupport.requireFor(w, "a BatchTopKSAE", "threshold");
        }
        int[] df = dims(w, "b_dec", "encoder.bias", trainer, cfg);
        String dims = dims(df[0], df[1], "b_dec", "encoder.bias");
        linearWeights(w, a, df, dims, "b_dec");
        a.applyBDec = true;
        int k = k(w, trainer, cfg, df[1], a);
        if (dictClass.equals("AutoEncoderTopK")) {
            a.activation = new Activation.TopK(k);
            a.architecture = "topk";
            a.log.inferred("TopK k=" + k + " of ReLU(encoder(x − b_dec)) (AutoEncoderTopK.encode, use_threshold=False);"
                    + " the threshold buffer is not used");
        } else {
            thresholdActivation(w, a, "BatchTopKSAE");
        }
        a.dtype = w.dtype("encoder.weight");
    }

    private static void matryoshka(TensorSource w, Assembly a, JsonNode trainer, Path cfg) {
        ReadSupport.requireFor(w, "a MatryoshkaBatchTopKSAE", "W_enc", "b_enc", "W_dec", "b_dec", "threshold",
                "group_sizes");
        int[] df = dims(w, "b_dec", "b_enc", trainer, cfg);
        String dims = dims(df[0], df[1], "b_dec", "b_enc");
        plainWeights(w, a, df, dims);
        a.applyBDec = true;
        k(w, trainer, cfg, df[1], a);
        int[] gs = w.shape("group_sizes");
        if (gs.length != 1 || gs[0] < 1) {
            throw new InvalidInputException(w.path() + ": group_sizes has shape " + java.util.Arrays.toString(gs)
                    + ", expected a non-empty vector");
        }
        long sum = 0;
        double[] groups = w.doubles("group_sizes");
        for (double g : groups) {
            if (!(g > 0) || g != Math.rint(g)) {
                throw new InvalidInputException(w.path() + ": group_sizes must be positive integers, found " + g);
            }
            sum += (long) g;
        }
        if (sum != df[1]) {
            throw new InvalidInputException(w.path() + ": group_sizes sum to " + sum + " but dict_size is " + df[1]);
        }
        a.log.inferred(groups.length + " Matryoshka groups, all active (as from_pretrained leaves them)");
        thresholdActivation(w, a, "MatryoshkaBatchTopKSAE");
        a.dtype = w.dtype("W_enc");
    }

    private static void jumpRelu(TensorSource w, Assembly a, JsonNode trainer, Path cfg) {
        ReadSupport.requireFor(w, "a JumpReluAutoEncoder", "W_enc", "b_enc", "W_dec", "b_dec", "threshold");
        int[] df = dims(w, "b_dec", "b_enc", trainer, cfg);
        String dims = dims(df[0], df[1], "b_dec", "b_enc");
        plainWeights(w, a, df, dims);
        double[] theta = ReadSupport.vector64(w, "threshold", df[1], "dict_size", dims);
        a.activation = SaeLensReader.perLatentJumpRelu(theta, a.log);
        a.architecture = "jumprelu";
        a.applyBDec = false;
        a.log.inferred("JumpReLU with the per-latent 'threshold' parameter; b_dec not subtracted from x"
                + " (apply_b_dec_to_input is False when loaded from a file)");
        a.dtype = w.dtype("W_enc");
    }

    // ----------------------------------------------------------------------------------------- shared

    /** encoder.weight (nn.Linear [F, d]) and decoder.weight (nn.Linear [d, F]). */
    private static void linearPair(TensorSource w, Assembly a, int[] df, String dims) {
        String fmt = CheckpointFormat.DICTIONARY_LEARNING.id();
        a.wEnc = ReadSupport.matrix(w, "encoder.weight", "W_enc", df[0], df[1], true, "nn.Linear's [dict_size,"
                + " activation_dim]", fmt, dims, a.log);
        a.wDec = ReadSupport.matrix(w, "decoder.weight", "W_dec", df[1], df[0], true, "nn.Linear's [activation_dim,"
                + " dict_size]", fmt, dims, a.log);
    }

    /** {@link #linearPair}, encoder.bias and the decoder bias {@code bDec} ([F] and [d]). */
    private static void linearWeights(TensorSource w, Assembly a, int[] df, String dims, String bDec) {
        linearPair(w, a, df, dims);
        a.bEnc = ReadSupport.vector(w, "encoder.bias", df[1], "dict_size", dims);
        a.bDec = ReadSupport.vector(w, bDec, df[0], "activation_dim", dims);
    }

    /** W_enc [d, F] and W_dec [F, d] (plain parameters, no transpose), b_enc [F] and b_dec [d]. */
    private static void plainWeights(TensorSource w, Assembly a, int[] df, String dims) {
        String fmt = CheckpointFormat.DICTIONARY_LEARNING.id();
        a.wEnc = ReadSupport.matrix(w, "W_enc", "W_enc", df[0], df[1], false, "[activation_dim, dict_size]", fmt,
                dims, a.log);
        a.wDec = ReadSupport.matrix(w, "W_dec", "W_dec", df[1], df[0], false, "[dict_size, activation_dim]", fmt,
                dims, a.log);
        a.bEnc = ReadSupport.vector(w, "b_enc", df[1], "dict_size", dims);
        a.bDec = ReadSupport.vector(w, "b_dec", df[0], "activation_dim", dims);
    }

    /**
     * k as load_dictionary takes it: trainer.k, checked against the k buffer when the file has one (from_pretrained
     * raises when they differ); the buffer alone when config.json has no k. Between 1 and F.
     */
    private static int k(TensorSource w, JsonNode trainer, Path cfg, int f, Assembly a) {
        Integer configured = ReadSupport.optionalInt(trainer, "k", cfg, "trainer.k");
        Integer stored = null;
        if (w.contains("k")) {
            double kv = ReadSupport.scalar(w, "k");
            if (kv != Math.rint(kv) || kv < 1 || kv > Integer.MAX_VALUE) {
                throw new InvalidInputException(w.path() + ": the k buffer is " + fmt(kv) + ", expected a positive"
                        + " integer");
            }
            stored = (int) kv;
        }
        if (configured != null && stored != null && !configured.equals(stored)) {
            throw new InvalidInputException(cfg + ": trainer.k is " + configured + " but the k buffer in "
                    + w.path().getFileName() + " is " + stored + " (from_pretrained refuses this too)");
        }
        Integer k = configured != null ? configured : stored;
        if (k == null) {
            throw new InvalidInputException(cfg + ": needs trainer.k (the file has no k buffer either)");
        }
        if (k < 1 || k > f) {
            throw new InvalidInputException((configured != null ? cfg + ": trainer.k" : w.path() + ": the k buffer")
                    + " is " + k + ", expected 1 to dict_size = " + f);
        }
        a.log.inferred("k=" + k + (configured != null ? " from trainer.k" + (stored != null ? " (the k buffer agrees)"
                : "") : " from the k buffer"));
        return k;
    }

    private static void thresholdActivation(TensorSource w, Assembly a, String dictClass) {
        double theta = ReadSupport.scalar(w, "threshold");
        a.activation = new Activation.JumpRelu(Math.max(0.0, theta));
        a.architecture = "jumprelu";
        a.log.inferred("threshold θ = " + theta + " from the threshold buffer: " + dictClass + ".encode keeps ReLU(pre)"
                + " above it (use_threshold=True, its default)" + (theta < 0 ? "; θ < 0 (never set) keeps every"
                + " positive value, read as 0" : ""));
    }

    /**
     * AutoEncoder.from_pretrained(normalize_decoder=True): unless torch.allclose(norms, 1), decoder columns are divided
     * by their norms and the encoder's rows and bias multiplied by them.
     */
    private static void normalizeDecoder(Assembly a, Path file) {
        int f = (int) a.wDec.size(0);
        double[] norms = a.wDec.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).norm2(1).toDoubleVector();
        boolean allClose = true;
        for (int j = 0; j < f; j++) {
            allClose &= Math.abs(norms[j] - 1.0) <= 1e-8 + 1e-5;
            if (norms[j] == 0) {
                throw new InvalidInputException(file + ": decoder column " + j + " is zero, so AutoEncoder's decoder"
                        + " normalisation divides by 0");
            }
        }
        if (allClose) {
            a.log.inferred("decoder columns already have norm 1: features as encoded");
            return;
        }
        INDArray normRow = org.nd4j.linalg.factory.Nd4j.createFromArray(norms).castTo(a.wDec.dataType())
                .reshape(1, f);
        a.wDec = a.wDec.divColumnVector(normRow.reshape(f, 1)).dup('c');
        a.wEnc = a.wEnc.mulRowVector(normRow).dup('c');
        for (int j = 0; j < f; j++) {
            a.bEnc[j] = (float) (a.bEnc[j] * norms[j]);
        }
        double min = java.util.Arrays.stream(norms).min().orElse(0);
        double max = java.util.Arrays.stream(norms).max().orElse(0);
        a.log.inferred("decoder columns normalised to norm 1 and encoder rows and bias scaled by their norms ("
                + fmt(min) + " – " + fmt(max) + "), as AutoEncoder.from_pretrained(normalize_decoder=True) does: features"
                + " are scaled by the decoder norms, x̂ unchanged");
    }

    /** Layer, hook and model from trainer.layer, trainer.submodule_name and trainer.lm_name. */
    private static void hook(JsonNode trainer, Path cfg, Assembly a) {
        Integer layer = ReadSupport.optionalInt(trainer, "layer", cfg, "trainer.layer");
        String submodule = ReadSupport.text(trainer, "submodule_name");
        a.modelName = ReadSupport.text(trainer, "lm_name");
        if (a.modelName != null) {
            a.log.inferred("model " + a.modelName + " from trainer.lm_name");
        }
        if (submodule != null) {
            Matcher m = SUBMODULE.matcher(submodule);
            if (m.matches()) {
                int l = Integer.parseInt(m.group(2));
                if (layer != null && layer != l) {
                    throw new InvalidInputException(cfg + ": trainer.layer is " + layer + " but trainer.submodule_name '"
                            + submodule + "' names layer " + l);
                }
                String site = switch (m.group(1)) {
                    case "attn_out" -> "hook_attn_out";
                    case "mlp_out" -> "hook_mlp_out";
                    default -> "hook_" + m.group(1);
                };
                a.hookLayer = l;
                a.hookName = "blocks." + l + "." + site;
                a.log.inferred("hook " + a.hookName + " and layer " + l + " from trainer.submodule_name '" + submodule
                        + "'");
                a.log.note("dictionary_learning trains on a Hugging Face module's output (nnsight); this app's hooks are"
                        + " TransformerLens values, centred for residual-stream hooks");
                return;
            }
            a.log.inferred("trainer.submodule_name '" + submodule + "' names no TransformerLens hook SAE Explorer knows:"
                    + " no hook");
        }
        if (layer != null) {
            a.hookLayer = layer;
            a.log.inferred("layer " + layer + " from trainer.layer");
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
