package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.corpus.Corpora;
import dev.saeexplorer.core.features.FeatureStoreBuild;
import dev.saeexplorer.core.features.StoreIdentity;
import dev.saeexplorer.core.features.StoreSettings;
import dev.saeexplorer.core.features.StoreShelf;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.pseval.Balance;
import dev.saeexplorer.core.pseval.ModelContextEncoder;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalSources;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.testkit.TinyLm;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PS-Eval browser's view model without a stage: background work runs inline on the test thread. */
class PsEvalViewModelTest {
    @TempDir
    static Path shared;
    private static Path model;
    private static Path saeA;
    private static Path saeB;

    @TempDir
    Path dir;
    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/ps-" + System.nanoTime());
    private PsEvalViewModel vm;

    @BeforeAll
    static void fixtures() throws Exception {
        model = TinyLm.model(shared.resolve("tiny-gpt2"));
        saeA = TinyLm.sae(shared.resolve("sae-a"), 1);
        saeB = TinyLm.sae(shared.resolve("sae-b"), 2);
    }

    @BeforeEach
    void create() {
        vm = new PsEvalViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m), true),
                new AppPreferences(node), new HuggingFaceCache(dir.resolve("hub")), EvaluationJob.EncoderFactory.MODEL);
    }

    @AfterEach
    void forget() throws BackingStoreException {
        node.removeNode();
    }

    private void loadAll() {
        vm.loadModel(model);
        vm.loadCheckpoint(false, saeA);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theBundledSamplePairsAreBrowsableWithoutAModel() {
        assertNull(vm.modelProperty().get());
        assertEquals(44, vm.browser().allRows().size());
        assertTrue(vm.browser().allRows().stream().noneMatch(PairRow::evaluated));
        assertFalse(vm.canRunProperty().get());
        assertTrue(vm.runBlockerProperty().get().contains("Load a language model"), vm.runBlockerProperty().get());
        String help = NoModelHelp.text(vm.cacheFolder(), vm.cachedModels().size());
        assertTrue(help.contains(dir.resolve("hub").toString()), help);
        assertTrue(help.contains("config.json") && help.contains("model.safetensors"), help);
        assertTrue(help.contains("huggingface-cli download gpt2"), help);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aCheckpointWithDashboardsBuiltInTheInspectorLinksToThem() {
        AppPreferences prefs = new AppPreferences(node);
        prefs.setFeatureStores(dir.resolve("stores"));
        vm = new PsEvalViewModel(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m), true),
                prefs, new HuggingFaceCache(dir.resolve("hub")), EvaluationJob.EncoderFactory.MODEL);
        LoadedCheckpoint sae = CheckpointLoader.load(saeA);
        StoreIdentity identity = new StoreIdentity(StoreIdentity.Model.of(model),
                StoreIdentity.Sae.of(sae, sae.hookName()), StoreIdentity.Source.of(Corpora.bundled()));
        StoreSettings settings = new StoreSettings(32, 200L, 2, 0);
        Path store = new StoreShelf(prefs.featureStores()).folderFor(identity, settings);
        FeatureStoreBuild.run(new FeatureStoreBuild.Request(model, sae, sae.hookName(), Corpora.bundled(), settings),
                store, false, TaskMonitor.none());

        loadAll();
        assertNotNull(vm.storeProperty(false).get(), "A's store is found by the SAE's content");
        assertEquals(store, vm.storeProperty(false).get().directory());
        assertNull(vm.storeProperty(true).get(), "no B");
        vm.checkpointA().hook().textProperty().set("blocks.0.hook_resid_post");
        assertNull(vm.storeProperty(false).get(), "a store read at another hook is not this one's");
        vm.checkpointA().hook().textProperty().set(sae.hookName());
        assertNotNull(vm.storeProperty(false).get());
        vm.loadCheckpoint(false, saeB);
        assertNull(vm.storeProperty(false).get(), "another SAE has no store");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theMetricsShownAreThoseOfTheCoreOnTheSameInputs() {
        loadAll();
        vm.options().balanceProperty().set(Balance.NONE);
        assertTrue(vm.canRunProperty().get(), vm.runBlockerProperty().get());
        vm.run();
        assertTrue(errors.isEmpty(), errors.toString());
        PsEvalResult expected = PsEvaluation.run(PsEvalSources.bundledSample().rows(),
                new ModelContextEncoder(Gpt2Model.load(model), Gpt2Tokenizer.r50k(), HookPoint.parse(TinyLm.HOOK),
                        CheckpointLoader.load(saeA).model()),
                PsEvaluation.Options.defaults().withBalance(Balance.NONE), TaskMonitor.none());
        EvaluationJob.Outcome shown = vm.resultsProperty().get();
        assertNotNull(shown);
        assertEquals(expected.counts(), shown.a().counts());
        assertEquals(expected.metrics(), shown.a().metrics());
        assertEquals(Table7.rows(expected, null), List.copyOf(vm.metrics()));
        assertEquals(0.03125, vm.metrics().get(2).randomA(), 1e-12, "random recall = 1/d_sae");
        assertEquals(expected.pairs().size(), vm.browser().allRows().stream().filter(PairRow::evaluated).count());
        assertTrue(vm.statusProperty().get().contains(expected.pairs().size() + " pairs evaluated"),
                vm.statusProperty().get());
    }

    @Test
    void selectingAPairFetchesTheLogitLensOfBothMaxFeatures() {
        loadAll();
        vm.run();
        PairRow row = vm.browser().allRows().stream().filter(r -> r.a() != null && r.a().maxFeature1() != null
                && r.a().maxFeature2() != null).findFirst().orElseThrow();
        vm.browser().selectedProperty().set(row);
        PairLens lens = vm.browser().lensProperty().get();
        assertSame(row, lens.row());
        assertEquals(LensCache.TOKENS, lens.a1().top().size());
        assertEquals(LensCache.TOKENS, lens.a2().bottom().size());
        assertNull(lens.b1(), "no comparison");
        assertNotNull(vm.browser().histogramProperty().get());
    }

    @Test
    void filtersNarrowThePairs() {
        loadAll();
        vm.run();
        PairBrowser b = vm.browser();
        int all = b.shownRows().size();
        b.filterProperty().set(new PairFilter("bank", null, null, null, false));
        assertTrue(b.shownRows().size() > 0 && b.shownRows().size() < all);
        assertTrue(b.shownRows().stream().allMatch(r -> (r.row().targetWord() + r.row().context1()
                + r.row().context2()).toLowerCase().contains("bank")));
        b.filterProperty().set(new PairFilter("", PairFilter.Label.DIFFERENT, PairFilter.Result.CORRECT, null, false));
        assertTrue(b.shownRows().stream().allMatch(r -> r.row().label() == 0 && Boolean.TRUE.equals(r.correct())));
        long expected = b.allRows().stream().filter(r -> r.row().label() == 0 && Boolean.TRUE.equals(r.correct()))
                .count();
        assertEquals(expected, b.shownRows().size());
        b.filterProperty().set(new PairFilter("", null, null, PairFilter.Features.SAME, false));
        assertTrue(b.shownRows().stream().allMatch(r -> r.a().same()));
        b.filterProperty().set(PairFilter.ALL);
        assertEquals(all, b.shownRows().size());
    }

    @Test
    void comparingRunsBothCheckpointsOnTheSamePairs() {
        loadAll();
        vm.loadCheckpoint(true, saeB);
        vm.run();
        EvaluationJob.Outcome o = vm.resultsProperty().get();
        assertNotNull(o.b());
        assertEquals(o.a().pairs().size(), o.b().pairs().size());
        assertEquals(o.b().metrics().accuracy(), vm.metrics().get(0).b());
        assertEquals(Table7.rows(o.a(), o.b()), List.copyOf(vm.metrics()));
        PairBrowser b = vm.browser();
        b.filterProperty().set(new PairFilter("", null, null, null, true));
        assertTrue(b.shownRows().stream().allMatch(PairRow::disagree));
        assertEquals(b.allRows().stream().filter(r -> r.a() != null && r.b() != null && r.a().same() != r.b().same())
                .count(), b.shownRows().size());
        assertEquals("sae-a", o.plan().a().name());
        assertEquals("sae-b", o.plan().b().name());
    }

    @Test
    void aModelFolderWithoutWeightsIsExplainedAndTheLoadedModelStays() throws Exception {
        loadAll();
        LanguageModel before = vm.modelProperty().get();
        Path noWeights = Files.createDirectories(dir.resolve("config-only"));
        Files.copy(model.resolve("config.json"), noWeights.resolve("config.json"));
        vm.loadModel(noWeights);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("model.safetensors"), errors.get(0));
        assertTrue(errors.get(0).contains("Choose a Hugging Face GPT-2 folder"), errors.get(0));
        assertTrue(errors.get(0).contains("still loaded"), errors.get(0));
        assertSame(before, vm.modelProperty().get());
        assertTrue(vm.canRunProperty().get());
    }

    @Test
    void aCheckpointForAnotherWidthIsRefusedAndCheckpointAStays() throws Exception {
        loadAll();
        LoadedSae before = vm.checkpointA().loaded();
        Path wide = TinyLm.sae(dir.resolve("sae-768"), 12, 16, TinyLm.HOOK, 3);
        vm.loadCheckpoint(false, wide);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("d_in = 12") && errors.get(0).contains("d_model = 8"), errors.get(0));
        assertTrue(errors.get(0).contains("Choose an SAE trained on tiny-gpt2"), errors.get(0));
        assertSame(before, vm.checkpointA().loaded());
        assertEquals(TinyLm.HOOK, vm.checkpointA().hook().textProperty().get());
    }

    @Test
    void aCorruptCheckpointIsExplainedAndCheckpointAStays() throws Exception {
        loadAll();
        LoadedSae before = vm.checkpointA().loaded();
        Path corrupt = TinyLm.sae(dir.resolve("corrupt"), 4);
        byte[] bytes = Files.readAllBytes(corrupt.resolve("sae_weights.safetensors"));
        Files.write(corrupt.resolve("sae_weights.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        vm.loadCheckpoint(false, corrupt);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("sae_weights.safetensors"), errors.get(0));
        assertFalse(errors.get(0).contains("Exception"), errors.get(0));
        assertSame(before, vm.checkpointA().loaded());
    }

    @Test
    void aHookBeyondTheModelBlocksTheRunWithTheReason() {
        loadAll();
        vm.checkpointA().hook().textProperty().set("blocks.5.hook_resid_pre");
        assertFalse(vm.canRunProperty().get());
        assertTrue(vm.runBlockerProperty().get().contains("2 blocks"), vm.runBlockerProperty().get());
        vm.checkpointA().hook().textProperty().set("blocks.1.hook_nothing");
        assertTrue(vm.runBlockerProperty().get().contains("not a language-model hook point"),
                vm.runBlockerProperty().get());
    }

    @Test
    void aModelWithASmallVocabularyIsRefusedWithWhatToChoose() throws Exception {
        Path tiny = Path.of("src/test/resources/lm/tiny-a");
        vm.loadModel(tiny);
        assertNull(vm.modelProperty().get());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("50,257"), errors.get(0));
    }

    @Test
    void newPairsClearTheResultsAndBadPairsKeepTheLoadedOnes() throws Exception {
        loadAll();
        vm.run();
        Path json = dir.resolve("two.jsonl");
        Files.writeString(json, "{\"context_1\": \"The bank was closed.\", \"context_2\": \"We sat on the bank.\","
                + " \"target_word\": \"bank\", \"label\": 0}\n{\"context_1\": \"A bat flew.\", \"context_2\":"
                + " \"The bat slept.\", \"target_word\": \"bat\", \"label\": 1}\n");
        vm.loadPairs(DatasetSpec.json(json));
        assertNull(vm.resultsProperty().get());
        assertEquals(2, vm.browser().allRows().size());
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "not json at all\n");
        vm.loadPairs(DatasetSpec.json(broken));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("no usable PS-Eval row"), errors.get(0));
        assertEquals(json, vm.pairsProperty().get().spec().path());
        assertEquals(2, vm.browser().allRows().size());
    }

    @Test
    void theSessionStateRoundTripsAndABadOneChangesNothing() {
        loadAll();
        vm.loadCheckpoint(true, saeB);
        vm.options().limit().textProperty().set("20");
        vm.options().balanceProperty().set(Balance.NONE);
        JsonNode saved = vm.saveState();
        PsEvalViewModel other = new PsEvalViewModel(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(t + ": " + m), true), new AppPreferences(node),
                new HuggingFaceCache(dir.resolve("hub")), EvaluationJob.EncoderFactory.MODEL);
        other.restoreState(saved);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(model, other.modelProperty().get().folder());
        assertEquals(saeA, other.checkpointA().loaded().path());
        assertEquals(saeB, other.checkpointB().loaded().path());
        assertEquals("20", other.options().limit().textProperty().get());
        assertEquals(Balance.NONE, other.options().balanceProperty().get());
        var bad = ((com.fasterxml.jackson.databind.node.ObjectNode) saved.deepCopy()).put("limit", "-3");
        assertThrows(InvalidInputException.class, () -> other.restoreState(bad));
        assertEquals("20", other.options().limit().textProperty().get());
        assertEquals(List.of(model.toAbsolutePath().normalize()), other.recent().list(RecentPaths.Kind.MODEL));
    }

    @Test
    void trainingWritesACheckpointThatCanBeEvaluated() {
        loadAll();
        TrainForm f = vm.training().form();
        f.hook().textProperty().set(TinyLm.HOOK);
        f.steps().textProperty().set("30");
        f.batch().textProperty().set("16");
        f.weightingProperty().set(dev.saeexplorer.core.sae.Weighting.VARIANCE);
        Path out = dir.resolve("trained-wsae");
        f.output().textProperty().set(out.toString());
        vm.startTraining(false);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(out, vm.training().trainedProperty().get());
        assertTrue(Files.isRegularFile(out.resolve("cfg.json")));
        vm.useTrained(true);
        assertEquals(out, vm.checkpointB().loaded().path());
        assertEquals(4 * TinyLm.D_MODEL, vm.checkpointB().loaded().checkpoint().dSae());
        vm.run();
        assertNotNull(vm.resultsProperty().get().b());
    }

    @Test
    void refusedFieldsSayWhatToType() {
        vm.options().limit().textProperty().set("ten");
        assertTrue(vm.options().firstErrorProperty().get().contains("not a whole number"));
        vm.options().template().textProperty().set("The {target_word} means");
        assertTrue(vm.options().firstErrorProperty().get().contains("{context}"));
        vm.training().form().expansion().textProperty().set("0");
        assertTrue(vm.training().form().firstErrorProperty().get().contains("Expansion"));
    }
}
