package dev.saeexplorer.core.io.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one SAE checkpoint loader (design/ARCHITECTURE.md, "SAE checkpoints"): SAELens ≥ 6, SAELens &lt; 6 and
 * EleutherAI sparsify folders, detected from their files and {@code cfg.json}. Matrix orientation is inferred from
 * shapes against d_in and d_sae, never from names alone; a square matrix (d_in = d_sae) is read in the format's
 * documented orientation and the loader says so in {@link LoadedCheckpoint#notes()}. Pickles are refused. Every
 * problem is an {@link InvalidInputException} naming the file.
 */
public final class CheckpointLoader {
    public static final String CONFIG = "cfg.json";
    public static final String SAELENS_WEIGHTS = "sae_weights.safetensors";
    public static final String SPARSIFY_WEIGHTS = "sae.safetensors";
    /** The key under which this project keeps its training record in a SAELens {@code cfg.json}. */
    public static final String RECORD_KEY = "sae_explorer";

    private static final List<String> PICKLE_SUFFIXES = List.of(".pt", ".pth", ".bin", ".ckpt", ".pkl");
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)(?:blocks|layers|h)\\.(\\d+)(?:\\.|$)");

    private CheckpointLoader() {
    }

    /**
     * Loads a checkpoint: a folder, or a file inside one ({@code cfg.json} or the weights), or a pickle (refused).
     */
    public static LoadedCheckpoint load(Path path) {
        if (path == null) {
            throw new InvalidInputException("no SAE checkpoint path given");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(path + " does not exist (expected an SAE checkpoint folder)");
        }
        Path dir = path;
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (isPickle(path)) {
                throw pickle(path);
            }
            if (!name.equals(CONFIG) && !name.endsWith(".safetensors")) {
                throw new InvalidInputException(path + " is not an SAE checkpoint: pass the folder that holds "
                        + CONFIG + " and " + SAELENS_WEIGHTS + " (SAELens) or " + SPARSIFY_WEIGHTS + " (sparsify)");
            }
            dir = path.toAbsolutePath().getParent();
        }
        return loadFolder(dir);
    }

    private static LoadedCheckpoint loadFolder(Path dir) {
        Path cfgPath = dir.resolve(CONFIG);
        Path saelens = dir.resolve(SAELENS_WEIGHTS);
        Path sparsify = dir.resolve(SPARSIFY_WEIGHTS);
        boolean hasCfg = Files.isRegularFile(cfgPath);
        boolean hasSaelens = Files.isRegularFile(saelens);
        boolean hasSparsify = Files.isRegularFile(sparsify);
        if (!hasSaelens && !hasSparsify) {
            List<Path> entries = list(dir);
            List<Path> pickles = entries.stream().filter(CheckpointLoader::isPickle).collect(Collectors.toList());
            boolean anySafetensors = entries.stream()
                    .anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"));
            if (!pickles.isEmpty() && !anySafetensors) {
                throw pickle(pickles.get(0));
            }
            if (!hasCfg) {
                List<String> nested = entries.stream().filter(p -> Files.isRegularFile(p.resolve(CONFIG)))
                        .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
                if (!nested.isEmpty()) {
                    throw new InvalidInputException(dir + " holds several SAE checkpoints, one per folder ("
                            + String.join(", ", nested.subList(0, Math.min(8, nested.size())))
                            + (nested.size() > 8 ? ", ..." : "") + "): pass one of those folders");
                }
                throw new InvalidInputException(dir + " is not an SAE checkpoint: it needs " + CONFIG + " and "
                        + SAELENS_WEIGHTS + " (SAELens) or " + SPARSIFY_WEIGHTS + " (sparsify)");
            }
            throw new InvalidInputException(dir + " has " + CONFIG + " but no weights: unknown layout (expected "
                    + SAELENS_WEIGHTS + " for SAELens or " + SPARSIFY_WEIGHTS + " for sparsify)");
        }
        if (!hasCfg) {
            throw new InvalidInputException(cfgPath + " is missing: an SAE checkpoint needs its " + CONFIG
                    + " next to " + (hasSaelens ? SAELENS_WEIGHTS : SPARSIFY_WEIGHTS));
        }
        JsonNode cfg = readConfig(cfgPath);
        boolean sparsifyCfg = cfg.has("num_latents") || cfg.has("expansion_factor");
        if (hasSparsify && (!hasSaelens || sparsifyCfg)) {
            return loadSparsify(dir, cfgPath, cfg, sparsify);
        }
        boolean legacy = cfg.has("activation_fn_str") || cfg.has("activation_fn_kwargs") || cfg.has("hook_point")
                || cfg.has("hook_name") || cfg.has("hook_layer");
        return loadSaeLens(dir, cfgPath, cfg, saelens, legacy ? CheckpointFormat.SAELENS_LEGACY : CheckpointFormat.SAELENS);
    }

    // ---------------------------------------------------------------------------------------------- SAELens

    private static LoadedCheckpoint loadSaeLens(Path dir, Path cfgPath, JsonNode cfg, Path weightsPath,
            CheckpointFormat format) {
        List<String> notes = new ArrayList<>();
        int dIn = positiveInt(cfg, "d_in", cfgPath);
        int dSae = positiveInt(cfg, "d_sae", cfgPath);
        String architecture = saeLensArchitecture(cfg, cfgPath, format);
        boolean applyBDec = bool(cfg, "apply_b_dec_to_input", true, cfgPath);
        String normalize = cfg.path("normalize_activations").asText("none");
        if (!normalize.equals("none") && !normalize.isEmpty() && !cfg.path("normalize_activations").isNull()) {
            notes.add("normalize_activations '" + normalize + "' is not applied: inputs are encoded as given");
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
        }
        String modelName = text(metadata, "model_name");
        if (modelName == null) {
            modelName = text(cfg, "model_name");
        }
        boolean tied = cfg.path(RECORD_KEY).path("tied").asBoolean(false);

        SafetensorsFile weights = SafetensorsReader.read(weightsPath);
        String fmt = format.id();
        require(weights, "W_enc", "b_enc", "W_dec", "b_dec");
        INDArray wEnc = matrix(weights, "W_enc", dIn, dSae, false, "[d_in, d_sae]", fmt, notes);
        float[] bEnc = vector(weights, "b_enc", dSae, "d_sae");
        INDArray wDec = matrix(weights, "W_dec", dSae, dIn, false, "[d_sae, d_in]", fmt, notes);
        float[] bDec = vector(weights, "b_dec", dIn, "d_in");
        Activation activation = switch (architecture) {
            case "topk" -> new Activation.TopK(topK(cfg, cfgPath, dSae));
            case "jumprelu" -> jumpRelu(weights, dSae, notes);
            default -> new Activation.Relu();
        };
        String dtype = weights.tensor("W_enc").dtype().name();
        return assemble(format, dir, cfg, wEnc, bEnc, wDec, bDec, activation, tied, applyBDec, hookName, hookLayer,
                modelName, architecture, dtype, notes);
    }

    private static String saeLensArchitecture(JsonNode cfg, Path cfgPath, CheckpointFormat format) {
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
                    return a;
                case "gated":
                    throw new InvalidInputException(cfgPath + ": gated SAEs are not supported yet (standard, topk, jumprelu)");
                default:
                    throw new InvalidInputException(cfgPath + ": unknown architecture '" + arch.asText()
                            + "' (standard, topk, jumprelu)");
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

    private static int topK(JsonNode cfg, Path cfgPath, int dSae) {
        int k;
        if (cfg.has("k")) {
            k = positiveInt(cfg, "k", cfgPath);
        } else if (cfg.path("activation_fn_kwargs").has("k")) {
            k = positiveInt(cfg.get("activation_fn_kwargs"), "k", cfgPath, "activation_fn_kwargs.k");
        } else {
            throw new InvalidInputException(cfgPath + ": a TopK SAE needs 'k' (or activation_fn_kwargs {\"k\": ...})");
        }
        if (k > dSae) {
            throw new InvalidInputException(cfgPath + ": k = " + k + " is larger than d_sae = " + dSae);
        }
        return k;
    }

    private static Activation jumpRelu(SafetensorsFile weights, int dSae, List<String> notes) {
        float[] t;
        if (weights.contains("threshold")) {
            t = vector(weights, "threshold", dSae, "d_sae");
        } else if (weights.contains("log_threshold")) {
            t = vector(weights, "log_threshold", dSae, "d_sae");
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) Math.exp(t[i]);
            }
        } else {
            throw new InvalidInputException(weights.path() + ": a JumpReLU SAE needs a 'threshold' tensor [d_sae]");
        }
        double[] theta = new double[dSae];
        boolean clamped = false;
        boolean uniform = true;
        for (int i = 0; i < dSae; i++) {
            theta[i] = Math.max(0.0, t[i]);
            clamped |= t[i] < 0;
            uniform &= theta[i] == theta[0];
        }
        if (clamped) {
            notes.add("negative JumpReLU thresholds read as 0 (the same activation, since σ applies ReLU first)");
        }
        return uniform ? new Activation.JumpRelu(theta[0]) : new Activation.JumpReluPerLatent(theta);
    }

    // --------------------------------------------------------------------------------------------- sparsify

    private static LoadedCheckpoint loadSparsify(Path dir, Path cfgPath, JsonNode cfg, Path weightsPath) {
        List<String> notes = new ArrayList<>();
        SafetensorsFile weights = SafetensorsReader.read(weightsPath);
        require(weights, "encoder.weight", "encoder.bias", "W_dec", "b_dec");
        float[] bDecAny = weights.tensor("b_dec").toFloatArray();
        int dIn;
        if (cfg.has("d_in")) {
            dIn = positiveInt(cfg, "d_in", cfgPath);
        } else {
            dIn = bDecAny.length;
            notes.add("d_in read from b_dec's length (" + dIn + "): cfg.json does not give it");
            if (dIn < 1) {
                throw new InvalidInputException(weightsPath + ": b_dec is empty");
            }
        }
        int numLatents = cfg.has("num_latents") ? nonNegativeInt(cfg, "num_latents", cfgPath) : 0;
        int dSae;
        if (numLatents > 0) {
            dSae = numLatents;
        } else if (cfg.has("expansion_factor")) {
            int factor = positiveInt(cfg, "expansion_factor", cfgPath);
            long m = (long) factor * dIn;
            if (m > Integer.MAX_VALUE) {
                throw new InvalidInputException(cfgPath + ": expansion_factor × d_in is too large");
            }
            dSae = (int) m;
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
        if (cfg.path("multi_topk").asBoolean(false)) {
            notes.add("multi_topk only changes training; encoding uses TopK(k)");
        }
        boolean transcode = bool(cfg, "transcode", false, cfgPath);
        if (cfg.path("skip_connection").asBoolean(false) || weights.contains("W_skip")) {
            notes.add("the skip connection W_skip is not used: encoding is exact, decoding omits x·W_skip");
        }
        String fmt = CheckpointFormat.SPARSIFY.id();
        INDArray wEnc = matrix(weights, "encoder.weight", dIn, dSae, true, "[num_latents, d_in]", fmt, notes);
        INDArray wDec = matrix(weights, "W_dec", dSae, dIn, false, "[num_latents, d_in]", fmt, notes);
        float[] bEnc = vector(weights, "encoder.bias", dSae, "num_latents");
        float[] bDec = vector(weights, "b_dec", dIn, "d_in");
        String hookName = dir.toAbsolutePath().getFileName() == null ? null
                : dir.toAbsolutePath().getFileName().toString();
        notes.add("sparsify names the hook point by its folder ('" + hookName + "', a Hugging Face module name)");
        String dtype = weights.tensor("encoder.weight").dtype().name();
        return assemble(CheckpointFormat.SPARSIFY, dir, cfg, wEnc, bEnc, wDec, bDec, new Activation.TopK(k), false,
                !transcode, hookName, layerOf(hookName), text(cfg, "model_name"), "topk", dtype, notes);
    }

    // ------------------------------------------------------------------------------------------------ common

    private static LoadedCheckpoint assemble(CheckpointFormat format, Path dir, JsonNode cfg, INDArray wEnc,
            float[] bEnc, INDArray wDec, float[] bDec, Activation activation, boolean tied, boolean applyBDec,
            String hookName, Integer hookLayer, String modelName, String architecture, String dtype,
            List<String> notes) {
        int dSae = bEnc.length;
        int dIn = bDec.length;
        INDArray bEncRow = Nd4j.createFromArray(bEnc).reshape(1, dSae);
        INDArray bDecRow = Nd4j.createFromArray(bDec).reshape(1, dIn);
        INDArray effectiveBEnc = bEncRow;
        if (!applyBDec && !tied) {
            // SaeModel encodes (x − b_dec)W_enc + b_enc; with b_enc' = b_enc + b_dec·W_enc that is x·W_enc + b_enc.
            effectiveBEnc = bEncRow.add(bDecRow.mmul(wEnc));
        }
        SaeModel model = new SaeModel(wEnc, effectiveBEnc, wDec, bDecRow, activation, tied);
        return new LoadedCheckpoint(format, model, hookName, hookLayer, modelName, applyBDec, cfg, architecture, dtype,
                bEnc, notes, dir);
    }

    /**
     * A matrix returned as [rows, cols]. It may be stored as [rows, cols] or [cols, rows]; a square one is read in the
     * format's documented storage ({@code documentedTransposed}: stored [cols, rows]).
     */
    private static INDArray matrix(SafetensorsFile file, String name, int rows, int cols, boolean documentedTransposed,
            String documented, String format, List<String> notes) {
        Tensor t = file.tensor(name);
        int[] s = t.shape();
        if (t.rank() != 2) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected a matrix " + documented + " = " + expect(rows, cols, documentedTransposed)
                    + " from cfg.json");
        }
        float[] data = finite(file, name, t.toFloatArray());
        boolean transpose;
        if (rows == cols) {
            if (s[0] != rows || s[1] != cols) {
                throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                        + ", expected " + documented + " = [" + rows + ", " + cols + "] from cfg.json");
            }
            transpose = documentedTransposed;
            notes.add(name + " is square (d_in = d_sae = " + rows + "), so its orientation cannot be inferred: read as "
                    + format + " documents it, " + documented);
        } else if (s[0] == rows && s[1] == cols) {
            transpose = false;
        } else if (s[0] == cols && s[1] == rows) {
            transpose = true;
        } else {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(s)
                    + ", expected " + documented + " = " + expect(rows, cols, documentedTransposed)
                    + " (either orientation) from cfg.json");
        }
        if (transpose != documentedTransposed && rows != cols) {
            notes.add(name + " is stored as " + Arrays.toString(s) + ", transposed from " + format + "'s " + documented);
        }
        if (!transpose) {
            return Nd4j.createFromArray(data).reshape(rows, cols);
        }
        return Nd4j.createFromArray(data).reshape(cols, rows).transpose().dup('c');
    }

    /** All missing tensors named at once, with what the file does hold. */
    private static void require(SafetensorsFile file, String... names) {
        List<String> missing = Arrays.stream(names).filter(n -> !file.contains(n)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            List<String> present = file.names();
            throw new InvalidInputException(file.path() + " lacks the tensor" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (it holds " + (present.isEmpty() ? "no tensors"
                    : String.join(", ", present.subList(0, Math.min(10, present.size())))
                    + (present.size() > 10 ? ", ..." : "")) + ")");
        }
    }

    private static String expect(int rows, int cols, boolean transposed) {
        return transposed ? "[" + cols + ", " + rows + "]" : "[" + rows + ", " + cols + "]";
    }

    private static float[] vector(SafetensorsFile file, String name, int length, String what) {
        Tensor t = file.tensor(name);
        if (t.rank() != 1 || t.elementCount() != length) {
            throw new InvalidInputException(file.path() + ": " + name + " has shape " + Arrays.toString(t.shape())
                    + ", expected [" + what + "] = [" + length + "] from cfg.json");
        }
        return finite(file, name, t.toFloatArray());
    }

    private static float[] finite(SafetensorsFile file, String name, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(file.path() + ": " + name + " holds a non-finite value (" + v[i]
                        + ") at index " + i);
            }
        }
        return v;
    }

    private static JsonNode readConfig(Path cfgPath) {
        JsonNode cfg;
        try {
            cfg = Json.mapper().readTree(cfgPath.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(cfgPath + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (cfg == null || !cfg.isObject()) {
            throw new InvalidInputException(cfgPath + " must hold a JSON object");
        }
        return cfg;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int positiveInt(JsonNode cfg, String field, Path cfgPath) {
        return positiveInt(cfg, field, cfgPath, field);
    }

    private static int positiveInt(JsonNode node, String field, Path cfgPath, String label) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw new InvalidInputException(cfgPath + ": '" + label + "' must be a positive integer");
        }
        return v.asInt();
    }

    private static int nonNegativeInt(JsonNode cfg, String field, Path cfgPath) {
        JsonNode v = cfg.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new InvalidInputException(cfgPath + ": '" + field + "' must be an integer ≥ 0");
        }
        return v.asInt();
    }

    private static Integer optionalInt(JsonNode node, String field, Path cfgPath) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new InvalidInputException(cfgPath + ": '" + field + "' must be an integer ≥ 0");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode cfg, String field, boolean fallback, Path cfgPath) {
        JsonNode v = cfg.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(cfgPath + ": '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    static Integer layerOf(String hookName) {
        if (hookName == null) {
            return null;
        }
        Matcher m = LAYER.matcher(hookName);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static boolean isPickle(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && PICKLE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static InvalidInputException pickle(Path file) {
        String name = file.getFileName().toString();
        return new InvalidInputException(file + " is a PyTorch pickle, which SAE Explorer does not load (unpickling can "
                + "run code): convert it to safetensors with python -c \"import torch; from safetensors.torch import "
                + "save_file; sd = torch.load('" + name + "', map_location='cpu'); save_file({k: v.contiguous() for k, v "
                + "in sd.items()}, 'sae_weights.safetensors')\" and keep it next to its cfg.json");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
