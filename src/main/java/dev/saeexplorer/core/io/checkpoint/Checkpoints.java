package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one way to read an SAE checkpoint (design/ARCHITECTURE.md, "SAE checkpoints"): a folder, or any file in it, or a
 * single-file checkpoint ({@code .pt}, {@code .npz}). The format is detected from the files by asking each
 * {@link CheckpointReader} in turn — Llama Scope ({@code hyperparams.json}), SAELens ({@code cfg.json} +
 * {@code sae_weights.safetensors}), sparsify ({@code cfg.json} + {@code sae.safetensors}), dictionary_learning
 * ({@code ae.pt} + {@code config.json}), Gemma Scope ({@code params.npz}), OpenAI (any other {@code .pt}) — and the
 * first that recognises the location reads it. Every problem is an {@link InvalidInputException} naming the file.
 */
public final class Checkpoints {
    private static final List<CheckpointReader> READERS = List.of(new LlamaScopeReader(), new SaeLensReader(),
            new SparsifyReader(), new DictionaryLearningReader(), new GemmaScopeReader(), new OpenAiReader());
    /** PyTorch pickles that no reader takes (a .pt or .pth is OpenAI's or dictionary_learning's). */
    private static final List<String> PICKLE_SUFFIXES = List.of(".pt", ".pth", ".bin", ".ckpt", ".pkl");

    private Checkpoints() {
    }

    public static LoadedCheckpoint load(Path path) {
        if (path == null) {
            throw new InvalidInputException("no SAE checkpoint path given");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(path + " does not exist (expected an SAE checkpoint folder or file)");
        }
        CheckpointLocation at = CheckpointLocation.of(path);
        for (CheckpointReader reader : READERS) {
            if (reader.recognises(at)) {
                return reader.read(at);
            }
        }
        throw unrecognised(at);
    }

    private static InvalidInputException unrecognised(CheckpointLocation at) {
        String formats = READERS.stream().map(CheckpointReader::expects).collect(Collectors.joining(", "));
        if (at.file() != null) {
            if (isPickle(at.file())) {
                return pickle(at.file());
            }
            return new InvalidInputException(at.given() + " is not an SAE checkpoint: pass the folder that holds "
                    + formats);
        }
        List<Path> entries = at.entries();
        List<Path> pickles = entries.stream().filter(Checkpoints::isPickle).collect(Collectors.toList());
        boolean anySafetensors = entries.stream().anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"));
        List<String> stateDicts = pickles.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".pt") || n.toLowerCase(Locale.ROOT).endsWith(".pth"))
                .collect(Collectors.toList());
        if (stateDicts.size() > 1 && !at.has(SaeLensReader.CONFIG)) {
            return new InvalidInputException(at.directory() + " holds several PyTorch checkpoints ("
                    + String.join(", ", stateDicts.subList(0, Math.min(8, stateDicts.size())))
                    + (stateDicts.size() > 8 ? ", ..." : "") + "): pass one of those files");
        }
        if (!pickles.isEmpty() && !anySafetensors) {
            return pickle(pickles.get(0));
        }
        boolean hasCfg = at.has(SaeLensReader.CONFIG);
        if (!hasCfg) {
            List<String> nested = entries.stream().filter(Checkpoints::looksLikeCheckpoint)
                    .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            if (!nested.isEmpty()) {
                return new InvalidInputException(at.directory() + " holds several SAE checkpoints, one per folder ("
                        + String.join(", ", nested.subList(0, Math.min(8, nested.size())))
                        + (nested.size() > 8 ? ", ..." : "") + "): pass one of those folders");
            }
            return new InvalidInputException(at.directory() + " is not an SAE checkpoint: it needs " + formats);
        }
        return new InvalidInputException(at.directory() + " has " + SaeLensReader.CONFIG + " but no weights: unknown"
                + " layout (expected " + SaeLensReader.WEIGHTS + " for SAELens or " + SparsifyReader.WEIGHTS
                + " for sparsify)");
    }

    private static boolean looksLikeCheckpoint(Path p) {
        return Files.isDirectory(p) && (Files.isRegularFile(p.resolve(SaeLensReader.CONFIG))
                || Files.isRegularFile(p.resolve(LlamaScopeReader.CONFIG))
                || Files.isRegularFile(p.resolve(DictionaryLearningReader.WEIGHTS))
                || Files.isRegularFile(p.resolve(GemmaScopeReader.WEIGHTS)));
    }

    private static boolean isPickle(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && PICKLE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static InvalidInputException pickle(Path file) {
        String name = file.getFileName().toString();
        return new InvalidInputException(file + " is a PyTorch pickle of no format SAE Explorer reads (OpenAI's"
                + " sparse_autoencoder .pt and dictionary_learning's ae.pt are read; other pickles are not): convert it"
                + " to safetensors with python -c \"import torch; from safetensors.torch import save_file; sd ="
                + " torch.load('" + name + "', map_location='cpu'); save_file({k: v.contiguous() for k, v in"
                + " sd.items()}, 'sae_weights.safetensors')\" and keep it next to its cfg.json");
    }
}
