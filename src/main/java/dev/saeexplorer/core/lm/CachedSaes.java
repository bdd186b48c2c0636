package dev.saeexplorer.core.lm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SAE checkpoints among the Hugging Face cache's repositories (SAE releases are ordinary hub repositories:
 * {@code <hub>/models--<org>--<name>/snapshots/<rev>/...}), by the files each layout keeps together, without reading
 * any weights: SAELens ({@code cfg.json} + {@code sae_weights.safetensors}), sparsify ({@code cfg.json} +
 * {@code sae.safetensors}), Gemma Scope ({@code params.npz} under {@code layer_N/width_W/...}), Llama Scope
 * ({@code hyperparams.json} + {@code checkpoints/}) and dictionary_learning ({@code ae.pt} + {@code config.json}).
 * What the layout says (hook or layer, width) is read from its small JSON files or its path. Opening one is the
 * checkpoint readers' job; this only lists.
 */
public final class CachedSaes {
    /** How deep below a snapshot SAE folders are looked for (Gemma Scope's are four levels down). */
    static final int MAX_DEPTH = 6;
    /** Folders visited per repository at most, so a huge repository cannot stall a menu. */
    static final int MAX_FOLDERS = 20_000;

    private static final Pattern LAYER = Pattern.compile("(?:^|[_.-])(?:layer|layers|blocks)[_.]?(\\d+)");
    private static final Pattern WIDTH = Pattern.compile("^width_(\\w+)$");

    private CachedSaes() {
    }

    /**
     * One SAE found in the cache.
     *
     * @param repoId the release (hub repository), e.g. {@code jbloom/GPT2-Small-SAEs-Reformatted}
     * @param path   the checkpoint's folder inside the snapshot, "" for the snapshot itself
     * @param folder the folder to open
     * @param layout "SAELens", "sparsify", "Gemma Scope", "Llama Scope" or "dictionary_learning"
     * @param hook   the hook or layer it reads, as its files say, or "" when they do not
     * @param width  its number of features (or the path's width, e.g. "16k"), or ""
     */
    public record CachedSae(String repoId, String path, Path folder, String layout, String hook, String width) {
        public CachedSae {
            Objects.requireNonNull(repoId, "repoId");
            Objects.requireNonNull(folder, "folder");
        }

        /** For menus: "jbloom/GPT2-Small-SAEs-Reformatted · blocks.8.hook_resid_pre · 24576 features (SAELens)". */
        public String label() {
            StringBuilder b = new StringBuilder(repoId);
            if (!path.isEmpty()) {
                b.append(" / ").append(path);
            }
            if (!hook.isEmpty() && !path.contains(hook)) {
                b.append(" · ").append(hook);
            }
            if (!width.isEmpty()) {
                b.append(" · ").append(width).append(width.chars().allMatch(Character::isDigit) ? " features" : "");
            }
            return b.append(" (").append(layout).append(')').toString();
        }
    }

    /** The SAEs in the snapshots of {@code hub}'s repositories (each repo's refs/main snapshot only), sorted. */
    static List<CachedSae> scan(Path hub, List<Path> repos, java.util.function.Function<Path, List<Path>> snapshots) {
        List<CachedSae> out = new ArrayList<>();
        for (Path repo : repos) {
            String id = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
            List<Path> snaps = snapshots.apply(repo);
            if (!snaps.isEmpty()) {
                walk(id, snaps.get(0), snaps.get(0), 0, new int[] {0}, out);
            }
        }
        out.sort(Comparator.comparing(CachedSae::repoId).thenComparing(CachedSae::path));
        return out;
    }

    private static void walk(String id, Path snapshot, Path dir, int depth, int[] visited, List<CachedSae> out) {
        if (depth > MAX_DEPTH || ++visited[0] > MAX_FOLDERS) {
            return;
        }
        CachedSae here = describe(id, snapshot, dir);
        if (here != null) {
            out.add(here);
            return; // an SAE's own sub-folders (Llama Scope's checkpoints/) are not more SAEs
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | SecurityException e) {
            return;
        }
        for (Path child : children) {
            if (!child.getFileName().toString().startsWith(".")) {
                walk(id, snapshot, child, depth + 1, visited, out);
            }
        }
    }

    /** The SAE kept in {@code dir}, or null when its files are none of the known layouts. */
    static CachedSae describe(String id, Path snapshot, Path dir) {
        String rel = snapshot.relativize(dir).toString().replace('\\', '/');
        if (Files.isRegularFile(dir.resolve("cfg.json")) && Files.isRegularFile(dir.resolve("sae_weights.safetensors"))) {
            JsonNode cfg = json(dir.resolve("cfg.json"));
            String hook = firstText(cfg, "hook_name", "hook_point");
            String width = cfg.path("d_sae").canConvertToInt() ? cfg.path("d_sae").asText() : "";
            return new CachedSae(id, rel, dir, "SAELens", hook, width);
        }
        if (Files.isRegularFile(dir.resolve("cfg.json")) && Files.isRegularFile(dir.resolve("sae.safetensors"))) {
            JsonNode cfg = json(dir.resolve("cfg.json"));
            String width = cfg.path("num_latents").asInt(0) > 0 ? cfg.path("num_latents").asText() : "";
            return new CachedSae(id, rel, dir, "sparsify", dir.getFileName().toString(), width);
        }
        if (Files.isRegularFile(dir.resolve("params.npz"))) {
            String layer = "";
            String width = "";
            for (Path part : snapshot.relativize(dir)) {
                Matcher l = LAYER.matcher(part.toString());
                Matcher w = WIDTH.matcher(part.toString());
                if (l.find()) {
                    layer = "layer " + l.group(1);
                }
                if (w.find()) {
                    width = w.group(1);
                }
            }
            return new CachedSae(id, rel, dir, "Gemma Scope", layer, width);
        }
        if (Files.isRegularFile(dir.resolve("hyperparams.json")) && Files.isDirectory(dir.resolve("checkpoints"))) {
            JsonNode cfg = json(dir.resolve("hyperparams.json"));
            String hook = firstText(cfg, "hook_point_in", "hook_point");
            String width = cfg.path("d_sae").canConvertToInt() ? cfg.path("d_sae").asText() : "";
            return new CachedSae(id, rel, dir, "Llama Scope", hook, width);
        }
        if (Files.isRegularFile(dir.resolve("ae.pt")) && Files.isRegularFile(dir.resolve("config.json"))) {
            JsonNode trainer = json(dir.resolve("config.json")).path("trainer");
            String hook = trainer.path("submodule_name").asText(trainer.has("layer")
                    ? "layer " + trainer.path("layer").asText() : "");
            String width = trainer.path("dict_size").canConvertToInt() ? trainer.path("dict_size").asText() : "";
            return new CachedSae(id, rel, dir, "dictionary_learning", hook, width);
        }
        return null;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            if (node.path(f).isTextual()) {
                return node.path(f).asText();
            }
        }
        return "";
    }

    /** A small JSON file, or an empty object when it cannot be read: listing never fails on one bad file. */
    private static JsonNode json(Path file) {
        try {
            if (Files.size(file) > 1_000_000) {
                return Json.mapper().createObjectNode();
            }
            JsonNode n = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            return n == null ? Json.mapper().createObjectNode() : n;
        } catch (IOException | RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
