package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.CachedSaes;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar's three split buttons: open checkpoint A, compare with checkpoint B, load a language model. Each main
 * part asks for a folder; each menu offers files, the bundled samples, the Hugging Face cache and recent choices,
 * filled afresh every time it opens.
 */
final class OpenMenus {
    static final String OPEN_ID = "open-checkpoint";
    static final String COMPARE_ID = "compare-checkpoint";
    static final String MODEL_ID = "load-model";

    private final CheckpointInspectorViewModel vm;
    private final Consumer<Boolean> chooseFolder;
    private final Consumer<Boolean> chooseFile;
    private final Runnable chooseModel;
    private final SplitMenuButton open = new SplitMenuButton();
    private final SplitMenuButton compare = new SplitMenuButton();
    private final SplitMenuButton model = new SplitMenuButton();

    /** @param chooseFolder asks for a checkpoint folder (true: as B); {@code chooseFile} likewise for a file */
    OpenMenus(CheckpointInspectorViewModel vm, Consumer<Boolean> chooseFolder, Consumer<Boolean> chooseFile,
              Runnable chooseModel) {
        this.vm = vm;
        this.chooseFolder = chooseFolder;
        this.chooseFile = chooseFile;
        this.chooseModel = chooseModel;
        setUp(open, OPEN_ID, "Open…", "mdal-folder_open", "Open an SAE checkpoint folder as A (Ctrl+O): SAELens, "
                + "sparsify, OpenAI (.pt), dictionary_learning (ae.pt), Gemma Scope (params.npz) or Llama Scope; the menu "
                + "has files, the bundled samples, SAEs in the Hugging Face cache and recent checkpoints. You can also "
                + "drop a folder or file here.");
        open.setOnAction(e -> chooseFolder.accept(false));
        open.setOnShowing(e -> {
            fillCheckpoints(open, false);
            vm.refreshCachedSaes();
        });
        setUp(compare, COMPARE_ID, "Compare with…", "mdal-compare_arrows", "Open a second checkpoint as B, shown "
                + "beside A; for the same d_in each feature of A is matched to B's closest decoder direction.");
        compare.setOnAction(e -> chooseFolder.accept(true));
        compare.setOnShowing(e -> fillCheckpoints(compare, true));
        compare.disableProperty().bind(vm.primaryProperty().isNull());
        setUp(model, MODEL_ID, "Load model…", "mdmz-memory", "Load a GPT-2 family model (Hugging Face folder) for the "
                + "logit-lens tokens of each feature; the menu lists the models in the Hugging Face cache.");
        model.setOnAction(e -> chooseModel.run());
        // The cache is re-read on every showing; its answer refills the open menu when it arrives.
        model.setOnShowing(e -> vm.refreshCachedModels());
        vm.cachedModels().addListener((javafx.collections.ListChangeListener<HuggingFaceCache.CachedModel>) c ->
                fillModels());
        vm.recentModels().addListener((javafx.collections.ListChangeListener<String>) c -> fillModels());
        vm.cachedSaes().addListener((javafx.collections.ListChangeListener<CachedSaes.CachedSae>) c -> {
            fillCheckpoints(open, false);
            fillCheckpoints(compare, true);
        });
        vm.modelProperty().addListener((obs, old, now) -> fillModels());
        fillCheckpoints(open, false);
        fillCheckpoints(compare, true);
        fillModels();
    }

    SplitMenuButton open() {
        return open;
    }

    SplitMenuButton compare() {
        return compare;
    }

    SplitMenuButton model() {
        return model;
    }

    private static void setUp(SplitMenuButton b, String id, String text, String icon, String tip) {
        b.setId(id);
        b.setText(text);
        b.setGraphic(new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setMnemonicParsing(false);
    }

    private void fillCheckpoints(SplitMenuButton b, boolean asB) {
        // No accelerator here: a menu item's accelerator is scene-wide and would fire in every workspace.
        MenuItem folder = item(asB ? "Folder…" : "Folder…  (Ctrl+O)", () -> chooseFolder.accept(asB));
        b.getItems().setAll(folder, item("File (cfg.json, .safetensors, .pt, .npz)…", () -> chooseFile.accept(asB)),
                new SeparatorMenuItem());
        for (BundledSample s : BundledSample.values()) {
            b.getItems().add(item(s.label(), () -> open(new CheckpointSource.Bundled(s), asB)));
        }
        if (!vm.cachedSaes().isEmpty()) {
            b.getItems().addAll(new SeparatorMenuItem(), header("In the Hugging Face cache"));
            for (CachedSaes.CachedSae s : vm.cachedSaes()) {
                b.getItems().add(item(s.label(), () -> open(new CheckpointSource.OnDisk(s.folder()), asB)));
            }
        }
        List<String> recent = vm.recentCheckpoints();
        if (!recent.isEmpty()) {
            b.getItems().add(new SeparatorMenuItem());
            b.getItems().add(header("Recent"));
            for (String key : recent) {
                b.getItems().add(item(key.startsWith(CheckpointSource.BUNDLED_PREFIX)
                        ? BundledSample.labelOf(key) : key, () -> vm.openRecent(key, asB)));
            }
        }
        if (asB) {
            MenuItem stop = item("Stop comparing", vm::clearComparison);
            stop.setDisable(vm.comparisonProperty().get() == null);
            b.getItems().addAll(new SeparatorMenuItem(), stop);
        }
    }

    private void open(CheckpointSource source, boolean asB) {
        if (asB) {
            vm.compareWith(source);
        } else {
            vm.open(source);
        }
    }

    private void fillModels() {
        model.getItems().setAll(item("Folder…", chooseModel));
        List<HuggingFaceCache.CachedModel> cached = vm.cachedModels();
        model.getItems().add(new SeparatorMenuItem());
        model.getItems().add(header(cached.isEmpty() ? "No GPT-2 model in the Hugging Face cache"
                : "In the Hugging Face cache"));
        for (HuggingFaceCache.CachedModel m : cached) {
            MenuItem i = item(m.label(), () -> vm.loadModel(m.folder()));
            i.setDisable(!m.hasWeights());
            model.getItems().add(i);
        }
        if (!vm.recentModels().isEmpty()) {
            model.getItems().addAll(new SeparatorMenuItem(), header("Recent"));
            for (String folder : vm.recentModels()) {
                model.getItems().add(item(folder, () -> vm.loadModel(Path.of(folder))));
            }
        }
        MenuItem unload = item("Unload the model", vm::unloadModel);
        unload.setDisable(vm.modelProperty().get() == null);
        model.getItems().addAll(new SeparatorMenuItem(), unload);
    }

    private static MenuItem header(String text) {
        MenuItem h = new MenuItem(text);
        h.setDisable(true);
        return h;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setMnemonicParsing(false);
        i.setOnAction(e -> action.run());
        return i;
    }
}
