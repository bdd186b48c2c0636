package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.torch.TorchCheckpoint;
import dev.saeexplorer.core.io.torch.TorchCheckpointReader;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.InputNormalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code sparse_autoencoder} (github.com/openai/sparse_autoencoder, {@code sparse_autoencoder/model.py}): a
 * {@code .pt} file written by {@code torch.save} of {@code Autoencoder.state_dict()}, which holds the tensors
 * {@code pre_bias} [d], {@code encoder.weight} [n_latents, d] ({@code nn.Linear(d, n_latents, bias=False)}),
 * {@code latent_bias} [n_latents], {@code decoder.weight} [d, n_latents], the statistics buffers
 * {@code stats_last_nonzero}, {@code latents_activation_frequency}, {@code latents_mean_square} (ignored), and the plain
 * values {@code activation} ("ReLU", "TopK", ...) and {@code activation_state_dict} ({@code k}, {@code postact_fn}).
 *
 * <p>Encoding, as their {@code Autoencoder.encode}: with normalize, (x, μ, s) = LN(x) (μ the mean over d, s the
 * unbiased std of x − μ, x ← (x − μ)/(s + 1e-5)); latents = activation(encoder(x − pre_bias) + latent_bias), TopK keeping
 * the k largest and applying postact_fn (ReLU); x̂ = decoder(latents) + pre_bias, then x̂·s + μ with normalize.
 * {@code normalize} is not saved: {@code Autoencoder.from_state_dict} turns it on exactly when the activation is TopK,
 * and so does this reader, unless the file holds a boolean {@code normalize} of its own.
 *
 * <p>Not read: tied autoencoders ({@code TiedTranspose}, whose state dict {@code from_state_dict} cannot load either)
 * and the Identity activations, which would let negative latents through.
 */
final class OpenAiReader implements CheckpointReader {
    private static final List<String> SUFFIXES = List.of(".pt", ".pth");
    private static final Set<String> IGNORED = Set.of("stats_last_nonzero", "latents_activation_frequency",
            "latents_mean_square");
    /** paths.py: az://openaipublic/sparse-autoencoder/gpt2-small/{location}[_v4|_v5_32k|_v5_128k]/autoencoders/{L}.pt */
    private static final Pattern PATH = Pattern.compile(
            "(mlp_post_act|resid_delta_attn|resid_post_attn|resid_delta_mlp|resid_post_mlp)(_v\\d+(?:_\\d+k)?)?$");
    private static final Map<String, String> HOOKS = Map.of(
            "mlp_post_act", "blocks.%d.mlp.hook_post",
            "resid_delta_attn", "blocks.%d.hook_attn_out",
            "resid_post_attn", "blocks.%d.hook_resid_mid",
            "resid_delta_mlp", "blocks.%d.hook_mlp_out",
            "resid_post_mlp", "blocks.%d.hook_resid_post");

    @Override
    public String expects() {
        return "a .pt state dict of OpenAI's sparse_autoencoder (pre_bias, encoder.weight, latent_bias, decoder.weight)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        if (at.file() != null) {
            return SUFFIXES.stream().anyMatch(at::fileEndsWith) && !DictionaryLearningReader.isAePt(at.file());
        }
        return onlyStateDict(at).isPresent();
    }

    /** A folder given: its one .pt/.pth file, when it holds nothing another format would claim. */
    private static Optional<Path> onlyStateDict(CheckpointLocation at) {
        if (at.has(SaeLensReader.CONFIG) || at.has(DictionaryLearningReader.CONFIG) || at.has(LlamaScopeReader.CONFIG)
                || at.has(DictionaryLearningReader.WEIGHTS)) {
            return Optional.empty();
        }
        List<Path> pts = new ArrayList<>();
        for (Path p : at.entries()) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isRegularFile(p) && SUFFIXES.stream().anyMatch(name::endsWith)) {
                pts.add(p);
            }
        }
        return pts.size() == 1 ? Optional.of(pts.get(0)) : Optional.empty();
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path file = at.file() != null ? at.file() : onlyStateDict(at).orElseThrow();
        TorchCheckpoint pt = TorchCheckpointReader.read(file);
        String prefix = pt.tensor("encoder.weight").isPresent() || !pt.tensor("state_dict.encoder.weight").isPresent()
                ? "" : "state_dict.";
        TensorSource weights = TensorSource.of(pt, prefix);
        List<String> needed = List.of("pre_bias", "encoder.weight", "latent_bias", "decoder.weight");
        if (needed.stream().noneMatch(weights::contains)) {
            throw new InvalidInputException(file + " is a PyTorch checkpoint but not an SAE state dict SAE Explorer"
                    + " knows: OpenAI's holds pre_bias, encoder.weight, latent_bias and decoder.weight; dictionary_learning's"
                    + " is ae.pt next to its config.json (it holds " + describe(weights.names()) + ")");
        }
        if (!weights.contains("decoder.weight") && weights.contains("decoder.linear.weight")) {
            throw new InvalidInputException(file + " is a tied OpenAI autoencoder (decoder.linear.weight): not"
                    + " supported, as Autoencoder.from_state_dict cannot load it either");
        }
        ReadSupport.requireFor(weights, "an OpenAI sparse_autoencoder state dict", "pre_bias", "encoder.weight",
                "latent_bias", "decoder.weight");
        Assembly a = new Assembly(CheckpointFormat.OPENAI, file.getParent());
        a.weightsFile = file;
        a.log.inferred("openai: " + file.getFileName() + " is a torch.save state dict with pre_bias, encoder.weight,"
                + " latent_bias and decoder.weight" + (prefix.isEmpty() ? "" : " (under '" + prefix + "')"));
        int dIn = ReadSupport.length(weights, "pre_bias");
        int dSae = ReadSupport.length(weights, "latent_bias");
        String dims = "d_in " + dIn + " from pre_bias, d_sae " + dSae + " from latent_bias";
        String fmt = CheckpointFormat.OPENAI.id();
        a.wEnc = ReadSupport.matrix(weights, "encoder.weight", "W_enc", dIn, dSae, true,
                "nn.Linear's [n_latents, d]", fmt, dims, a.log);
        a.wDec = ReadSupport.matrix(weights, "decoder.weight", "W_dec", dSae, dIn, true,
                "nn.Linear's [d, n_latents]", fmt, dims, a.log);
        a.bEnc = ReadSupport.vector(weights, "latent_bias", dSae, "n_latents", dims);
        a.bDec = ReadSupport.vector(weights, "pre_bias", dIn, "d", dims);
        a.applyBDec = true;

        Map<String, Object> values = pt.values();
        String activation = string(values, prefix + "activation", file);
        if (activation == null) {
            activation = "ReLU";
            a.log.inferred("no 'activation' entry: ReLU, as Autoencoder.from_state_dict defaults");
        }
        boolean topK;
        switch (activation) {
            case "ReLU" -> {
                a.activation = new Activation.Relu();
                a.architecture = "standard";
                topK = false;
                a.log.inferred("ReLU from activation 'ReLU'");
            }
            case "TopK" -> {
                Object kv = values.get(prefix + "activation_state_dict.k");
                if (!(kv instanceof Long)) {
                    throw new InvalidInputException(file + ": a TopK autoencoder needs activation_state_dict.k, an"
                            + " integer (found " + (kv == null ? "none" : kv) + ")");
                }
                long k = (Long) kv;
                if (k < 1 || k > dSae) {
                    throw new InvalidInputException(file + ": activation_state_dict.k = " + k + " must be between 1"
                            + " and n_latents = " + dSae);
                }
                String post = string(values, prefix + "activation_state_dict.postact_fn", file);
                if (post == null) {
                    throw new InvalidInputException(file + ": a TopK autoencoder needs"
                            + " activation_state_dict.postact_fn (\"ReLU\")");
                }
                if (!post.equals("ReLU")) {
                    throw new InvalidInputException(file + ": TopK with postact_fn '" + post + "' is not supported"
                            + " (ReLU): it would keep negative latents");
                }
                a.activation = new Activation.TopK((int) k);
                a.architecture = "topk";
                topK = true;
                a.log.inferred("TopK k=" + k + " from activation_state_dict, postact_fn ReLU");
            }
            default -> throw new InvalidInputException(file + ": activation '" + activation + "' is not supported"
                    + " (ReLU, TopK)");
        }
        Object normalize = values.get(prefix + "normalize");
        boolean ln;
        if (normalize instanceof Boolean b) {
            ln = b;
            a.log.inferred("input layer norm " + (ln ? "on" : "off") + " from the file's 'normalize' entry");
        } else if (normalize != null) {
            throw new InvalidInputException(file + ": 'normalize' must be True or False, found " + normalize);
        } else {
            ln = topK;
            a.log.inferred("input layer norm " + (ln ? "on" : "off") + ": normalize is not saved, and"
                    + " Autoencoder.from_state_dict turns it on exactly for TopK");
        }
        if (ln) {
            if (dIn < 2) {
                throw new InvalidInputException(file + ": a layer-normalised autoencoder needs d ≥ 2, pre_bias has "
                        + dIn);
            }
            a.normalization = new InputNormalization.LayerNorm(InputNormalization.LayerNorm.OPENAI_EPS);
            a.log.inferred("LN: x − mean, divided by (unbiased std + 1e-5); x̂ restored as x̂·std + mean");
        }
        List<String> ignored = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : weights.names()) {
            if (IGNORED.contains(n)) {
                ignored.add(n);
            } else if (!needed.contains(n)) {
                unknown.add(n);
            }
        }
        if (!ignored.isEmpty()) {
            a.log.inferred("not used for encoding: " + String.join(", ", ignored) + " (training statistics)");
        }
        if (!unknown.isEmpty()) {
            a.log.note("tensors not part of OpenAI's Autoencoder, ignored: " + describe(unknown));
        }
        fromPath(file, a);
        ObjectNode cfg = Json.mapper().createObjectNode();
        values.forEach((k, v) -> {
            if (v == null || v instanceof String || v instanceof Boolean) {
                cfg.put(k, (String) (v == null ? null : v.toString()));
            } else if (v instanceof Long l) {
                cfg.put(k, l);
            } else if (v instanceof Double d) {
                cfg.put(k, d);
            }
        });
        a.config = cfg;
        a.dtype = weights.dtype("encoder.weight");
        return a.build();
    }

    /** Layer, hook and model from paths.py's layout, {location}_v5_32k/autoencoders/{layer}.pt. */
    private static void fromPath(Path file, Assembly a) {
        String name = file.getFileName().toString();
        Matcher layer = Pattern.compile("^(\\d+)\\.pt$").matcher(name);
        Path parent = file.toAbsolutePath().getParent();
        Path grand = parent == null ? null : parent.getParent();
        if (layer.matches() && parent.getFileName() != null && parent.getFileName().toString().equals("autoencoders")
                && grand != null && grand.getFileName() != null) {
            Matcher loc = PATH.matcher(grand.getFileName().toString());
            if (loc.find()) {
                int l = Integer.parseInt(layer.group(1));
                a.hookLayer = l;
                a.hookName = String.format(Locale.ROOT, HOOKS.get(loc.group(1)), l);
                a.log.inferred("layer " + l + " and hook " + a.hookName + " from the path ("
                        + grand.getFileName() + "/autoencoders/" + name + ", as paths.py lays them out)");
                if (grand.getParent() != null && grand.getParent().getFileName() != null
                        && grand.getParent().getFileName().toString().equals("gpt2-small")) {
                    a.modelName = "gpt2";
                    a.log.inferred("model gpt2 from the path's gpt2-small folder");
                }
                if (a.normalization.isIdentity()) {
                    a.log.note("OpenAI trained on TransformerLens activations with center_writing_weights=False;"
                            + " this app's residual hooks are centred, which changes what this un-normalised SAE sees");
                }
                return;
            }
        }
        a.log.inferred("no layer or hook: the path is not paths.py's {location}/autoencoders/{layer}.pt");
    }

    private static String string(Map<String, Object> values, String key, Path file) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(file + ": '" + key + "' must be a string, found " + v);
        }
        return s;
    }

    static String describe(List<String> names) {
        if (names.isEmpty()) {
            return "no tensors";
        }
        return String.join(", ", names.subList(0, Math.min(10, names.size()))) + (names.size() > 10 ? ", ..." : "");
    }
}
