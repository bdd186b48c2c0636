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

    private ModelProbe probe() {
        return new ModelProbe(new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(t + ": " + m), true),
                model, primary, dir.resolve("stores"));
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
        assertEquals(8, ProbePane.rows(p.spliceProperty().get()).size());
        assertTrue(errors.isEmpty(), errors.toString());
        primary.set(perfectSae("blocks.0.hook_mlp_out"));
        assertNull(p.spliceProperty().get(), "results of another checkpoint are not shown");
        assertNull(p.promptProperty().get());
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
    }
}
