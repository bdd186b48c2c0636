package dev.saeexplorer.ui.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.testkit.TinyLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspector's prompt view and spliced metrics, run synchronously on the Hugging Face-written tiny GPT-2. */
class ModelProbeTest {
    private static final Path FAKE_GPT2 = Path.of("").toAbsolutePath().resolve("../shared/data/tiny-gpt2/fake-gpt2")
            .normalize();
    @TempDir
    Path dir;
    private final List<String> errors = new ArrayList<>();
    private final SimpleObjectProperty<LanguageModel> model = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<InspectedCheckpoint> primary = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<InspectedCheckpoint> comparison = new SimpleObjectProperty<>();

    private ModelProbe probe() {
        return new ModelProbe(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m), true),
                model, primary, comparison, dir.resolve("stores"));
    }

    private InspectedCheckpoint perfectSae(String hook) throws Exception {
        Path sae = TinyLm.exactSae(dir.resolve("sae-" + hook.hashCode()), hook);
        return InspectedCheckpoint.open(new CheckpointSource.OnDisk(sae), TaskMonitor.none());
    }

    @Test
    void withoutAModelItSaysWhatItNeeds() {
        ModelProbe p = probe();
        p.promptTextProperty().set("hello");
        p.read();
        assertTrue(p.noteProperty().get().startsWith("Load the language model"), p.noteProperty().get());
        assertTrue(p.noteProperty().get().contains("huggingface-cli download gpt2")
                && p.noteProperty().get().contains("jbloom/GPT2-Small-SAEs-Reformatted"), "says how to get both");
        assertNull(p.promptProperty().get());
    }

    @Test
    void readsAPromptAndSplicesAPerfectSaeAndForgetsBothWhenAChanges() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        ModelProbe p = probe();
        model.set(LanguageModel.load(FAKE_GPT2, TaskMonitor.none()));
        primary.set(perfectSae("blocks.0.hook_resid_post"));
        p.promptTextProperty().set("The river bank");
        p.read();
        assertEquals(List.of("The", " river", " bank"), p.promptProperty().get().tokens());
        assertEquals(3, ProbePane.rows(p.promptProperty().get()).size());
        p.measure();
        assertNotNull(p.spliceProperty().get(), p.noteProperty().get());
        assertEquals(1, p.spliceProperty().get().explainedVariance(), 1e-5, "the SAE reconstructs exactly");
        assertEquals(8, ProbePane.rows(p.spliceProperty().get(), null).size());
        assertNull(p.spliceBProperty().get(), "no B, no B column");
        assertTrue(errors.isEmpty(), errors.toString());
        primary.set(perfectSae("blocks.0.hook_mlp_out"));
        assertNull(p.spliceProperty().get(), "results of another checkpoint are not shown");
        comparison.set(perfectSae("blocks.0.hook_resid_post"));
        p.measure();
        assertEquals(1, p.spliceBProperty().get().explainedVariance(), 1e-5, "B spliced at its own hook");
        assertEquals(p.spliceProperty().get().tokens(), p.spliceBProperty().get().tokens(), "on the same contexts");
        List<ProbePane.MetricRow> both = ProbePane.rows(p.spliceProperty().get(), p.spliceBProperty().get());
        assertTrue(both.stream().allMatch(r -> !r.valueB().isEmpty()), both.toString());
        comparison.set(null);
        assertNull(p.spliceBProperty().get());
        assertNull(p.promptProperty().get());
    }

    @Test
    void aFormWithAProblemBuildsNothingAndSaysWhy() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        ModelProbe p = probe();
        model.set(LanguageModel.load(FAKE_GPT2, TaskMonitor.none()));
        primary.set(perfectSae("blocks.0.hook_resid_post"));
        p.form().kindProperty().set(DashboardForm.CorpusKind.FILE);
        p.buildDashboards();
        assertTrue(p.noteProperty().get().startsWith("Choose the corpus file"), p.noteProperty().get());
        p.form().kindProperty().set(DashboardForm.CorpusKind.BUNDLED);
        p.form().contextSize().textProperty().set("1");
        p.buildDashboards();
        assertTrue(p.noteProperty().get().contains("Context size must be a whole number from 2"),
                p.noteProperty().get());
        p.form().contextSize().textProperty().set("64");
        p.form().kindProperty().set(DashboardForm.CorpusKind.FILE);
        p.form().pathProperty().set(Files.write(dir.resolve("bad.txt"), new byte[]{'a', (byte) 0xff, '\n'})
                .toString());
        p.buildDashboards();
        assertNull(p.storeProperty().get());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("UTF-8"), errors.toString());
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().equals("stores")) || isEmpty(dir.resolve("stores")),
                    "nothing half-written");
        }
    }

    private static boolean isEmpty(Path folder) throws java.io.IOException {
        try (var list = Files.list(folder)) {
            return list.findAny().isEmpty();
        }
    }

    @Test
    void buildsTheDashboardsOnceAndReopensThem() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FAKE_GPT2), "../shared/data/tiny-gpt2 is absent: skipping");
        ModelProbe p = probe();
        model.set(LanguageModel.load(FAKE_GPT2, TaskMonitor.none()));
        primary.set(perfectSae("blocks.0.hook_resid_post"));
        p.buildDashboards();
        var store = p.storeProperty().get();
        assertNotNull(store, p.noteProperty().get());
        assertEquals(4, store.features());
        // x = relu(x) − relu(−x): for each dimension one of its two features fires at every token.
        assertEquals(1.0, store.feature(0).density() + store.feature(1).density(), 1e-9);
        var top = store.feature(0).examples();
        assertTrue(!top.isEmpty());
        assertEquals(store.feature(0).maxActivation(), top.get(0).max(), 1e-6, "the best context holds the max");
        Path page = dir.resolve("feature-0.html");
        p.exportDashboard(0, page);
        String html = Files.readString(page);
        assertTrue(html.contains("Feature 0 of sae-") && html.contains("<span class=\"tok max\""), html);
        // The feature table gains the store's columns, and loses them with the store.
        FeatureList rows = new FeatureList();
        rows.show(primary.get());
        rows.showStore(store);
        assertEquals(store.feature(1).density(), rows.row(1).firesOnProperty().get(), 1e-12);
        assertEquals(store.feature(1).meanActivation(), rows.row(1).meanActivationProperty().get(), 1e-12);
        rows.queryProperty().set("dense");
        assertEquals("", rows.queryErrorProperty().get());
        long dense = store.stats().stream().filter(x -> x.density() >= FeatureQuery.DENSE).count();
        assertEquals(dense, rows.visible().size());
        rows.queryProperty().set("DEAD");
        assertEquals(store.stats().stream().filter(x -> x.density() == 0).count(), rows.visible().size());
        rows.showStore(null);
        assertTrue(Double.isNaN(rows.row(1).maxActivationProperty().get()));
        assertTrue(rows.queryErrorProperty().get().contains("needs the feature dashboards"));
        assertEquals(4, rows.visible().size(), "a refused query selects every feature");
        java.nio.file.Path folder;
        try (var list = Files.list(dir.resolve("stores"))) {
            folder = list.findFirst().orElseThrow();
        }
        java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(folder.resolve("manifest.json"));
        ModelProbe again = probe(); // the next time the window opens: the same model, checkpoint and corpus
        again.buildDashboards();
        assertNotNull(again.storeProperty().get());
        assertEquals(built, Files.getLastModifiedTime(folder.resolve("manifest.json")), "reopened, not rebuilt");
        assertTrue(errors.isEmpty(), errors.toString());

        // Loading the same model and A again reopens the store by itself; another corpus is another store.
        ModelProbe later = probe();
        InspectedCheckpoint a = primary.get();
        primary.set(null);
        primary.set(a);
        assertNotNull(later.storeProperty().get(), later.noteProperty().get());
        assertEquals(folder, later.storeProperty().get().directory());
        Path jsonl = Files.writeString(dir.resolve("notes.jsonl"),
                "{\"text\": \"The bank of the river.\"}\n{\"text\": \"She paid the bank.\"}\n");
        later.form().kindProperty().set(DashboardForm.CorpusKind.FILE);
        later.form().pathProperty().set(jsonl.toString());
        later.form().topK().textProperty().set("3");
        later.buildDashboards();
        assertEquals(jsonl.toString(), later.storeProperty().get().manifest().corpus().source());
        assertEquals(3, later.storeProperty().get().manifest().settings().topK());
        assertEquals(2, later.remembered().size(), "both stores are offered");
        later.open(later.remembered().get(1));
        assertEquals(folder, later.storeProperty().get().directory());
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
