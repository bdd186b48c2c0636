package dev.saeexplorer.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's shelf of stores: one folder per inputs and settings, and the stores of one SAE listed newest first. */
class StoreShelfTest {
    @TempDir
    Path dir;

    @Test
    void namesAFolderByContentAndListsTheStoresOfOneSaeNewestFirst() throws IOException {
        Path model = TinyLm.model(dir.resolve("model"));
        LoadedCheckpoint sae = CheckpointLoader.load(TinyLm.sparseSae(dir.resolve("sae"), 3, true));
        LoadedCheckpoint other = CheckpointLoader.load(TinyLm.sparseSae(dir.resolve("other"), 4, true));
        Corpus corpus = Corpora.bundled();
        StoreShelf shelf = new StoreShelf(dir.resolve("shelf"));
        assertEquals(List.of(), shelf.storesOf(StoreIdentity.Sae.of(sae, TinyLm.HOOK), null), "no shelf yet");

        StoreSettings small = new StoreSettings(32, 200L, 3, 0);
        StoreSettings larger = new StoreSettings(32, 400L, 3, 0);
        StoreIdentity identity = new StoreIdentity(StoreIdentity.Model.of(model),
                StoreIdentity.Sae.of(sae, TinyLm.HOOK), StoreIdentity.Source.of(corpus));
        Path first = shelf.folderFor(identity, small);
        assertEquals(first, shelf.folderFor(identity, small), "the same inputs and settings, the same folder");
        Path second = shelf.folderFor(identity, larger);
        assertNotEquals(first, second, "other settings, another folder");
        assertTrue(first.getFileName().toString().startsWith("sae-"), first.toString());

        build(model, sae, corpus, small, first);
        build(model, sae, corpus, larger, second);
        Path others = shelf.folderFor(new StoreIdentity(identity.model(), StoreIdentity.Sae.of(other, TinyLm.HOOK),
                identity.corpus()), small);
        build(model, other, corpus, small, others);
        Files.setLastModifiedTime(first.resolve(StoreManifest.FILE), FileTime.fromMillis(2_000_000_000_000L));
        Files.setLastModifiedTime(second.resolve(StoreManifest.FILE), FileTime.fromMillis(1_000_000_000_000L));
        Files.createDirectories(shelf.root().resolve("not-a-store"));
        Files.createDirectories(shelf.root().resolve("damaged"));
        Files.writeString(shelf.root().resolve("damaged").resolve(StoreManifest.FILE), "{\"formatVersion\": 1}");

        List<StoreShelf.Entry> stores = shelf.storesOf(StoreIdentity.Sae.of(sae, TinyLm.HOOK), null);
        assertEquals(List.of(first, second), stores.stream().map(StoreShelf.Entry::dir).toList());
        assertEquals(200L, stores.get(0).manifest().settings().maxTokens());
        assertEquals(List.of(others), shelf.storesOf(StoreIdentity.Sae.of(other, TinyLm.HOOK), identity.model())
                .stream().map(StoreShelf.Entry::dir).toList());
        assertEquals(List.of(), shelf.storesOf(StoreIdentity.Sae.of(sae, "blocks.0.hook_resid_post"), null),
                "the same SAE read at another hook is another store");
        Path otherModel = TinyLm.model(dir.resolve("model2"), 8, 99);
        assertEquals(List.of(), shelf.storesOf(StoreIdentity.Sae.of(sae, TinyLm.HOOK),
                StoreIdentity.Model.of(otherModel)), "built on another model");
    }

    private static void build(Path model, LoadedCheckpoint sae, Corpus corpus, StoreSettings settings, Path out) {
        FeatureStoreBuild.run(new FeatureStoreBuild.Request(model, sae, TinyLm.HOOK, corpus, settings), out, false,
                TaskMonitor.none());
    }
}
