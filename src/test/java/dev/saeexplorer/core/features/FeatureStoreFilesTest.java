package dev.saeexplorer.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.corpus.Corpus;
import dev.saeexplorer.core.io.Digests;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.SafetensorsFile;
import dev.saeexplorer.core.io.SafetensorsReader;
import dev.saeexplorer.core.io.SafetensorsWriter;
import dev.saeexplorer.core.io.Tensor;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on disk: written whole or not at all, reopened only when intact, and only for what it was built from. Every
 * refusal is an {@link InvalidInputException} that says what is wrong.
 */
class FeatureStoreFilesTest {
    @TempDir
    static Path shared;
    private static Path model;
    private static Path sae;
    private static Corpus corpus;
    private static Path built;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildOnce() throws IOException {
        model = TinyLm.model(shared.resolve("model"));
        sae = TinyLm.sparseSae(shared.resolve("sae"), 3, true);
        corpus = Corpora.bundled();
        built = shared.resolve("store");
        build(built, false, TaskMonitor.none());
    }

    private static FeatureStoreBuild.Summary build(Path out, boolean force, TaskMonitor monitor) {
        return FeatureStoreBuild.run(new FeatureStoreBuild.Request(model, CheckpointLoader.load(sae), TinyLm.HOOK,
                corpus, new StoreSettings(32, 300L, 4, 0)), out, force, monitor);
    }

    /** A copy of the built store to damage. */
    private Path copy() throws IOException {
        Path target = Files.createDirectory(dir.resolve("copy"));
        try (Stream<Path> files = Files.list(built)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    private static String refusal(Path store) {
        return assertThrows(InvalidInputException.class, () -> FeatureStore.open(store)).getMessage();
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) {
            assertTrue(message.contains(w), () -> "'" + message + "' should mention " + w);
        }
    }

    @Test
    void theStoreHoldsAManifestAndOneArrayFileAndReopens() throws IOException {
        try (Stream<Path> files = Files.list(built)) {
            assertEquals(List.of("manifest.json", "store.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        StoreManifest m = FeatureStore.open(built).manifest();
        assertEquals(StoreManifest.FORMAT_VERSION, m.formatVersion());
        assertEquals(corpus.sha256(), m.corpus().sha256());
        assertEquals(Digests.sha256(sae.resolve("sae_weights.safetensors")), m.sae().weightsSha256());
        assertEquals(Digests.sha256(model.resolve("model.safetensors")), m.model().weightsSha256());
        assertEquals("r50k_base", m.model().tokenizer());
        assertEquals(TinyLm.HOOK, m.sae().hookName());
        assertEquals(new StoreSettings(32, 300L, 4, 0), m.settings());
        assertTrue(m.counts().tokens() >= 300);
        assertEquals(TinyLm.LATENTS, m.counts().features());
    }

    @Test
    void aTruncatedArrayFileIsRefused() throws IOException {
        Path store = copy();
        Path arrays = store.resolve("store.safetensors");
        byte[] bytes = Files.readAllBytes(arrays);
        Files.write(arrays, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertMentions(refusal(store), "damaged", "store.safetensors", "truncated");
    }

    @Test
    void aChangedByteIsRefused() throws IOException {
        Path store = copy();
        Path arrays = store.resolve("store.safetensors");
        byte[] bytes = Files.readAllBytes(arrays);
        bytes[bytes.length - 3] ^= 1;
        Files.write(arrays, bytes);
        assertMentions(refusal(store), "damaged", "SHA-256");
    }

    @Test
    void aMissingOrUnreadableManifestIsRefused() throws IOException {
        Path store = copy();
        Path manifest = store.resolve("manifest.json");
        Files.writeString(manifest, "{\"formatVersion\": 1, \"model\": ");
        assertMentions(refusal(store), "damaged", "manifest.json", "not JSON");
        Files.writeString(manifest, "[1, 2]");
        assertMentions(refusal(store), "damaged", "manifest.json");
        Files.delete(manifest);
        assertMentions(refusal(store), "not a feature store", "manifest.json");
        assertMentions(refusal(dir.resolve("nowhere")), "not a feature store", "no such folder");
        assertMentions(refusal(store.resolve("store.safetensors")), "not a feature store", "file");
    }

    @Test
    void aManifestWithMissingWrongOrForeignFieldsIsRefused() throws IOException {
        assertMentions(refuseEdited(m -> m.remove("counts")), "damaged", "counts");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("model")).remove("weightsSha256")), "damaged");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("counts")).put("features", 7)), "damaged", "counts");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("counts")).put("exampleValues", 3)), "damaged");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("arrays")).put("file", "../model/model.safetensors")),
                "damaged", "array file");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("layout")).put("histogramBins", 64)), "damaged", "layout");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("settings")).put("topK", 0)), "damaged");
        assertMentions(refuseEdited(m -> ((ObjectNode) m.get("settings")).put("topK", 5)), "damaged",
                "example_context");
        assertMentions(refuseEdited(m -> m.put("formatVersion", 2)), "format 2", "reads format 1");
    }

    private String refuseEdited(Consumer<ObjectNode> edit) throws IOException {
        Path store = dir.resolve("edited-" + System.nanoTime());
        Files.createDirectory(store);
        Files.copy(built.resolve("store.safetensors"), store.resolve("store.safetensors"));
        ObjectNode manifest = (ObjectNode) Json.mapper().readTree(built.resolve("manifest.json").toFile());
        edit.accept(manifest);
        Files.writeString(store.resolve("manifest.json"), Json.pretty().writeValueAsString(manifest));
        return refusal(store);
    }

    /** A consistent file (its SHA-256 recorded) whose indices point outside what it holds is refused on opening. */
    @Test
    void indicesOutsideTheStoreAreRefusedEvenWhenTheFingerprintMatches() throws IOException {
        assertMentions(rewritten("example_context", v -> v[0] = 1e6f), "damaged", "example_context");
        assertMentions(rewritten("context_tokens", v -> v[0] = 60000), "damaged", "context_tokens");
        assertMentions(rewritten("example_position", v -> v[0] = 0.5f), "damaged", "example_position");
        assertMentions(rewritten("context_numbers", v -> v[1] = v[0]), "damaged", "increasing");
    }

    private String rewritten(String name, Consumer<float[]> edit) throws IOException {
        Path store = dir.resolve("rewritten-" + name);
        Files.createDirectory(store);
        SafetensorsFile file = SafetensorsReader.read(built.resolve("store.safetensors"));
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : file.tensors()) {
            if (t.name().equals(name)) {
                float[] v = t.toFloatArray();
                edit.accept(v);
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                t = t.dtype() == dev.saeexplorer.core.io.SafetensorsDtype.F64 ? Tensor.ofDoubles(name, t.shape(), d)
                        : Tensor.ofFloats(name, t.shape(), v);
            }
            tensors.add(t);
        }
        Path arrays = store.resolve("store.safetensors");
        SafetensorsWriter.write(arrays, tensors, Map.of());
        ObjectNode manifest = (ObjectNode) Json.mapper().readTree(built.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("arrays")).put("sha256", Digests.sha256(arrays));
        Files.writeString(store.resolve("manifest.json"), Json.pretty().writeValueAsString(manifest));
        return refusal(store);
    }

    @Test
    void aStoreAnswersOnlyForTheModelSaeAndCorpusItWasBuiltFrom() throws IOException {
        FeatureStore store = FeatureStore.open(built);
        store.checkModel(StoreIdentity.Model.of(model));
        store.checkSae(StoreIdentity.Sae.of(CheckpointLoader.load(sae), TinyLm.HOOK));
        store.checkCorpus(StoreIdentity.Source.of(corpus));

        Path otherModel = TinyLm.model(dir.resolve("other-model"), TinyLm.D_MODEL, 12);
        assertMentions(assertThrows(InvalidInputException.class,
                () -> store.checkModel(StoreIdentity.Model.of(otherModel))).getMessage(),
                "built for another model", "other-model", "model'");
        Path otherSae = TinyLm.sparseSae(dir.resolve("other-sae"), 4, true);
        assertMentions(assertThrows(InvalidInputException.class, () -> store.checkSae(StoreIdentity.Sae.of(
                CheckpointLoader.load(otherSae), TinyLm.HOOK))).getMessage(), "another SAE", "other-sae");
        Corpus otherCorpus = new Corpus("other.txt", List.of("Another text."), "ab".repeat(32));
        assertMentions(assertThrows(InvalidInputException.class,
                () -> store.checkCorpus(StoreIdentity.Source.of(otherCorpus))).getMessage(), "another corpus",
                "other.txt");
    }

    @Test
    void aCancelledBuildLeavesNoStoreAndNoTemporaryFolder() {
        CancellationToken token = new CancellationToken();
        // Cancels once the first pass is under way: deterministic, no timing.
        TaskMonitor monitor = new TaskMonitor((fraction, message) -> {
            if (message.contains("statistics")) {
                token.cancel();
            }
        }, token);
        Path out = dir.resolve("cancelled");
        assertThrows(CancelledException.class, () -> build(out, false, monitor));
        assertFalse(Files.exists(out));
        assertEquals(0, dir.toFile().list().length, "no temporary folder is left behind");
    }

    @Test
    void aNonEmptyOutputFolderIsReplacedOnlyWhenForced() throws IOException {
        Path out = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> build(out, false, TaskMonitor.none()));
        assertEquals(Param.OUT, e.parameter());
        assertTrue(Files.exists(out.resolve("notes.txt")));
        build(out, true, TaskMonitor.none());
        assertFalse(Files.exists(out.resolve("notes.txt")));
        FeatureStore.open(out);
    }

    @Test
    void aStoreWhereNoFeatureFiresHoldsEmptyExamplesAndReopens() throws IOException {
        int d = TinyLm.D_MODEL;
        float[] never = new float[2];
        java.util.Arrays.fill(never, -1000);
        Path silent = TinyLm.sae(dir.resolve("silent"), new float[d][2], never, new float[2][d], new float[d],
                TinyLm.HOOK, true);
        Path out = dir.resolve("empty-store");
        FeatureStoreBuild.Summary s = FeatureStoreBuild.run(new FeatureStoreBuild.Request(model,
                CheckpointLoader.load(silent), TinyLm.HOOK, corpus, new StoreSettings(32, 100L, 4, 0)), out, false,
                TaskMonitor.none());
        assertEquals(2, s.deadFeatures());
        FeatureReport r = FeatureStore.open(out).feature(1);
        assertEquals(0, r.density());
        assertTrue(r.examples().isEmpty() && r.quantileSamples().isEmpty());
        assertEquals(0, FeatureStore.open(out).manifest().counts().storedContexts());
    }

    @Test
    void settingsOutOfRangeNameTheirParameter() {
        assertEquals(Param.TOP_K, assertThrows(InvalidInputException.class,
                () -> new StoreSettings(32, null, 0, 0)).parameter());
        assertEquals(Param.FEATURE, assertThrows(InvalidInputException.class,
                () -> FeatureStore.open(built).feature(TinyLm.LATENTS)).parameter());
        assertEquals(Param.FEATURE, assertThrows(InvalidInputException.class,
                () -> FeatureStore.open(built).feature(-1)).parameter());
    }
}
