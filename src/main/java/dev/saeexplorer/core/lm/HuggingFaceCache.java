package dev.saeexplorer.core.lm;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds GPT-2 family models in the local Hugging Face hub cache, where {@code huggingface_hub} (and so
 * {@code transformers}, TransformerLens and SAELens) downloads them: {@code <hub>/models--<org>--<name>/snapshots/<rev>/}
 * with {@code config.json} and {@code model.safetensors}. The hub folder is, as huggingface_hub decides it,
 * {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
 * {@code ~/.cache/huggingface/hub}. Nothing is downloaded; unreadable entries are skipped.
 */
public final class HuggingFaceCache {
    /**
     * One cached snapshot of a GPT-2 family model.
     *
     * @param repoId  the hub id, e.g. {@code gpt2} or {@code openai-community/gpt2}
     * @param folder  the snapshot folder to pass to {@link Gpt2Model#load}
     * @param config  its configuration
     * @param hasWeights whether {@code model.safetensors} is there (a snapshot may hold only the PyTorch .bin)
     */
    public record CachedModel(String repoId, Path folder, Gpt2Config config, boolean hasWeights) {
        public CachedModel {
            Objects.requireNonNull(repoId, "repoId");
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(config, "config");
        }

        /** For lists: "gpt2 (12 layers, d_model 768)". */
        public String label() {
            return repoId + " (" + config.nLayer() + " layers, d_model " + config.nEmbd()
                    + (hasWeights ? "" : ", no model.safetensors") + ")";
        }
    }

    private final Path hub;

    public HuggingFaceCache(Path hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** The cache huggingface_hub would use in this process's environment. */
    public static HuggingFaceCache fromEnvironment() {
        return new HuggingFaceCache(hubFolder(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** The hub folder for an environment and home folder (see the class comment for the order). */
    static Path hubFolder(Map<String, String> env, Path home) {
        String hubCache = env.get("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String hfHome = env.get("HF_HOME");
        if (hfHome != null && !hfHome.isBlank()) {
            return Path.of(hfHome, "hub");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "huggingface", "hub");
        }
        return home.resolve(".cache").resolve("huggingface").resolve("hub");
    }

    /**
     * The name people know a model folder by: the hub id for a cache snapshot
     * ({@code .../models--org--name/snapshots/<rev>} → "org/name"), else the folder's own name.
     */
    public static String displayName(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && parent.getParent() != null && parent.getParent().getFileName() != null) {
            String repo = parent.getParent().getFileName().toString();
            if (repo.startsWith("models--")) {
                return repo.substring("models--".length()).replace("--", "/");
            }
        }
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    /** Where this cache looks (for messages that tell people where to put a model). */
    public Path hub() {
        return hub;
    }

    /**
     * The GPT-2 family snapshots in the cache (config.json with {@code model_type} "gpt2"), sorted by id; each repo's
     * {@code refs/main} snapshot first when there are several. Empty when the cache folder does not exist.
     */
    public List<CachedModel> gpt2Models() {
        List<CachedModel> out = new ArrayList<>();
        if (!Files.isDirectory(hub)) {
            return out;
        }
        try (DirectoryStream<Path> repos = Files.newDirectoryStream(hub, "models--*")) {
            for (Path repo : repos) {
                String id = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
                for (Path snapshot : snapshots(repo)) {
                    CachedModel m = describe(id, snapshot);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            return out;
        }
        out.sort(Comparator.comparing(CachedModel::repoId));
        return out;
    }

    /**
     * The cached snapshot of {@code id} with weights: the repo id itself ("openai-community/gpt2") or its name after
     * the organisation ("gpt2"), the refs/main snapshot first; empty when there is none.
     */
    public java.util.Optional<CachedModel> find(String id) {
        for (CachedModel m : gpt2Models()) {
            if (m.hasWeights() && (m.repoId().equals(id) || m.repoId().endsWith("/" + id))) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The SAE checkpoints in the cache's repositories (their refs/main snapshot), with what their layout says of the
     * hook and width; see {@link CachedSaes}. Empty when the cache folder does not exist.
     */
    public List<CachedSaes.CachedSae> saes() {
        List<Path> repos = new ArrayList<>();
        if (!Files.isDirectory(hub)) {
            return List.of();
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(hub, "models--*")) {
            all.forEach(repos::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        repos.sort(Comparator.naturalOrder());
        return CachedSaes.scan(hub, repos, HuggingFaceCache::snapshots);
    }

    /** The snapshot folders of one repo, the one {@code refs/main} names first. */
    private static List<Path> snapshots(Path repo) {
        List<Path> found = new ArrayList<>();
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return found;
        }
        String main = null;
        try {
            main = Files.readString(repo.resolve("refs").resolve("main"), StandardCharsets.UTF_8).trim();
        } catch (IOException | SecurityException e) {
            // no refs/main: every snapshot is equal
        }
        try (Stream<Path> s = Files.list(snapshots)) {
            s.filter(Files::isDirectory).sorted().forEach(found::add);
        } catch (IOException | SecurityException e) {
            return found;
        }
        String first = main;
        found.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(first)));
        return found;
    }

    /** A GPT-2 snapshot, or null when the folder holds no GPT-2 config. */
    private static CachedModel describe(String id, Path snapshot) {
        Path config = snapshot.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            String modelType = Json.mapper().readTree(Files.readString(config, StandardCharsets.UTF_8))
                    .path("model_type").asText("");
            if (!modelType.equals("gpt2")) {
                return null;
            }
            return new CachedModel(id, snapshot, Gpt2Config.read(config),
                    Files.isRegularFile(snapshot.resolve("model.safetensors")));
        } catch (IOException | SecurityException | InvalidInputException e) {
            return null;
        }
    }
}
