package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A folder of feature stores, one sub-folder each, as the desktop keeps them: a store's folder is named after what it
 * was built from (model, SAE, hook, corpus and settings, by content), so building the same thing twice finds the
 * first, and the stores of one SAE can be listed from their manifests without reading their arrays.
 */
public final class StoreShelf {
    private final Path root;

    public StoreShelf(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /**
     * One store on the shelf.
     *
     * @param dir      its folder
     * @param manifest what it was built from and holds
     * @param modified when it was written
     */
    public record Entry(Path dir, StoreManifest manifest, FileTime modified) {
    }

    /** The folder for a store of {@code identity} built with {@code settings}: the same inputs, the same folder. */
    public Path folderFor(StoreIdentity identity, StoreSettings settings) {
        String key = String.join("|", identity.model().configSha256(), identity.model().weightsSha256(),
                identity.sae().configSha256(), identity.sae().weightsSha256(), identity.sae().hookName(),
                identity.corpus().sha256(), String.valueOf(settings.contextSize()),
                String.valueOf(settings.maxTokens()), String.valueOf(settings.topK()), String.valueOf(settings.seed()));
        String name = identity.sae().name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.startsWith(".")) {
            name = "sae" + name;
        }
        return root.resolve(name + "-" + Digests.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }

    /**
     * The stores on the shelf built for {@code sae} (by content, and at its hook unless its hook name is null),
     * newest first, and for {@code model} too unless that is null. Folders that are not stores, or damaged ones, are passed over: the shelf
     * lists what can be opened, it does not judge the rest.
     */
    public List<Entry> storesOf(StoreIdentity.Sae sae, StoreIdentity.Model model) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Entry e = entry(dir);
                if (e != null && e.manifest().sae().sameAs(sae) && (sae.hookName() == null
                        || e.manifest().sae().hookName().equals(sae.hookName()))
                        && (model == null || e.manifest().model().sameAs(model))) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Entry::modified).reversed().thenComparing(e -> e.dir().toString()));
        return out;
    }

    private static Entry entry(Path dir) {
        Path manifest = dir.resolve(StoreManifest.FILE);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            return new Entry(dir, StoreManifest.read(dir), Files.getLastModifiedTime(manifest));
        } catch (InvalidInputException | IOException damaged) {
            return null;
        }
    }
}
