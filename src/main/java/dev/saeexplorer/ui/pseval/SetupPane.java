package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.CachedSaes;

import dev.saeexplorer.ui.common.FormGrid;
import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.pseval.Balance;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.saeexplorer.ui.common.InputField;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The setup column: what to evaluate on; for a language model the model, checkpoint A, the optional checkpoint B, the
 * pairs, the run options and training on the model, for the polysemy world its settings; Run and Cancel with the
 * run's progress. Everything it shows and does goes through the {@link PsEvalViewModel}.
 */
final class SetupPane {
    static final String RUN_ID = "pseval-run";
    static final String CANCEL_ID = "pseval-cancel";
    static final String STATUS_ID = "pseval-status";
    static final String SOURCE_ID = "pseval-source";
    private static final double LABEL_WIDTH = 92;
    /** The world's labels are longer ("Background features", "Sense strength R"). */
    private static final double WORLD_LABEL_WIDTH = 150;

    private final PsEvalViewModel vm;
    private final Supplier<Window> window;
    private final BorderPane root;

    SetupPane(PsEvalViewModel vm, Supplier<Window> window) {
        this.vm = vm;
        this.window = window;
        Label title = new Label("PS-Eval");
        title.getStyleClass().add(Styles.TITLE_3);
        Label intro = new Label("Does the SAE's most active feature tell the meanings of a polysemous word apart?"
                + " Same meaning should give the same max feature, different meanings different ones.");
        intro.setWrapText(true);
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        FormGrid form = new FormGrid(LABEL_WIDTH);
        form.section("Language model");
        form.full(modelPicker());
        form.section("SAE checkpoint (A)");
        form.full(checkpointPicker(false));
        form.field(vm.checkpointA().hook(), "pseval-hook-a", null);
        form.section("Compare with (B, optional)");
        form.full(checkpointPicker(true));
        form.field(vm.checkpointB().hook(), "pseval-hook-b", vm.checkpointB().loadedProperty().isNotNull());
        form.section("Pairs");
        form.full(pairsPicker());
        form.section("Options");
        form.field(vm.options().template(), "pseval-template", null);
        ComboBox<Balance> balance = new ComboBox<>(FXCollections.observableArrayList(Balance.values()));
        balance.setConverter(converter(b -> b == Balance.OFFICIAL ? "Official (the authors' script)" : "None: every row"));
        balance.valueProperty().bindBidirectional(vm.options().balanceProperty());
        form.row("Balance", balance, "Official: every different-meaning row, then as many same-meaning rows as were"
                + " evaluated (the PS-Eval authors' script). None: every row.");
        form.field(vm.options().limit(), "pseval-limit", null);

        VBox modelSetup = new VBox(10, form.node(), new TrainPanel(vm, window).node());
        Node worldSetup = worldForm();
        BooleanBinding world = vm.sourceProperty().isEqualTo(PsEvalSource.WORLD);
        modelSetup.visibleProperty().bind(world.not());
        modelSetup.managedProperty().bind(world.not());
        worldSetup.visibleProperty().bind(world);
        worldSetup.managedProperty().bind(world);
        VBox column = new VBox(10, title, intro, sourceChoice(), modelSetup, worldSetup);
        column.setPadding(new Insets(14, 14, 18, 14));
        column.setFillWidth(true);
        column.setMinHeight(Region.USE_PREF_SIZE);
        column.getStyleClass().addAll("pseval-setup", Styles.BG_SUBTLE);
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Styles.BG_SUBTLE);
        // Run, Cancel and the run's progress stay in view below the scrolling form, whatever the window's height.
        Node run = runControls();
        run.getStyleClass().addAll("pseval-run-bar", Styles.BG_SUBTLE);
        root = new BorderPane(scroll);
        root.setBottom(run);
        root.setPrefWidth(340);
        root.setMinWidth(300);
        root.getStyleClass().add(Styles.BG_SUBTLE);
    }

    Node node() {
        return root;
    }

    private Node sourceChoice() {
        ComboBox<PsEvalSource> source = new ComboBox<>(FXCollections.observableArrayList(PsEvalSource.values()));
        source.setId(SOURCE_ID);
        source.setConverter(converter(PsEvalSource::label));
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        source.setTooltip(FormGrid.tooltip("A GPT-2 model with SAE checkpoints on pairs of sentences, or the polysemy"
                + " world: a synthetic language whose senses are known, which needs nothing on disk."));
        FormGrid grid = new FormGrid(LABEL_WIDTH);
        grid.section("Evaluate on");
        grid.full(source);
        return grid.node();
    }

    private Node worldForm() {
        WorldForm w = vm.world();
        Label about = new Label("A synthetic language with known senses: each context holds its word's feature, one of"
                + " its sense features and random background features, mapped into n_p dimensions by W_p. An SAE and a"
                + " WSAE train on it; the closed-form SAE, the true features and a random SAE score beside them.");
        about.setWrapText(true);
        about.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        about.setMinHeight(Region.USE_PREF_SIZE);
        FormGrid form = new FormGrid(WORLD_LABEL_WIDTH);
        form.section("Polysemy world");
        form.full(about);
        for (InputField<?> f : w.worldFields()) {
            form.field(f, "pseval-world-" + f.key(), null);
        }
        form.section("SAE and WSAE");
        form.field(w.latents(), "pseval-world-latents", null).setPromptText("n, as many as true features");
        form.field(w.steps(), "pseval-world-steps", null);
        form.section("Pairs");
        form.field(w.pairs(), "pseval-world-pairs", null);
        form.field(w.seed(), "pseval-world-seed", null);
        return form.node();
    }

    private Node modelPicker() {
        ObservableList<PathPicker.Choice> choices = FXCollections.observableArrayList();
        Runnable refill = () -> {
            List<PathPicker.Choice> all = new java.util.ArrayList<>();
            for (HuggingFaceCache.CachedModel m : vm.cachedModels()) {
                all.add(new PathPicker.Choice(m.label() + " · Hugging Face cache", m.folder()));
            }
            for (Path p : vm.recent().list(RecentPaths.Kind.MODEL)) {
                if (all.stream().noneMatch(c -> c.path().equals(p))) {
                    all.add(new PathPicker.Choice(HuggingFaceCache.displayName(p) + " · recent: " + p, p));
                }
            }
            choices.setAll(all);
        };
        vm.cachedModels().addListener((ListChangeListener<HuggingFaceCache.CachedModel>) c -> refill.run());
        vm.recent().list(RecentPaths.Kind.MODEL).addListener((ListChangeListener<Path>) c -> refill.run());
        refill.run();
        return new PathPicker<>("pseval-model", "Cached & recent", choices,
                () -> folder("Choose a Hugging Face GPT-2 folder (config.json + model.safetensors)"), vm::loadModel,
                vm.modelSlot(), LanguageModel::describe, "No model loaded.").node();
    }

    private Node checkpointPicker(boolean b) {
        CheckpointInput input = b ? vm.checkpointB() : vm.checkpointA();
        ObservableList<PathPicker.Choice> choices = FXCollections.observableArrayList();
        Runnable refill = () -> {
            List<PathPicker.Choice> all = new java.util.ArrayList<>();
            for (CachedSaes.CachedSae s : vm.cachedSaes()) {
                all.add(new PathPicker.Choice(s.label() + " · Hugging Face cache", s.folder()));
            }
            for (Path p : vm.recent().list(RecentPaths.Kind.CHECKPOINT)) {
                if (all.stream().noneMatch(c -> c.path().equals(p))) {
                    all.add(new PathPicker.Choice(p.getFileName() + " · " + p, p));
                }
            }
            choices.setAll(all);
        };
        vm.recent().list(RecentPaths.Kind.CHECKPOINT).addListener((ListChangeListener<Path>) c -> refill.run());
        vm.cachedSaes().addListener((ListChangeListener<CachedSaes.CachedSae>) c -> refill.run());
        refill.run();
        Node picker = new PathPicker<>(b ? "pseval-sae-b" : "pseval-sae-a", "Recent", choices,
                () -> folder("Choose an SAE checkpoint folder (cfg.json + weights)"), p -> vm.loadCheckpoint(b, p),
                input.slot(), LoadedSae::describe, b ? "None: evaluate A alone." : "No checkpoint loaded.").node();
        if (!b) {
            return picker;
        }
        Button remove = new Button("Stop comparing", new FontIcon("mdal-close"));
        remove.setId("pseval-remove-b");
        remove.getStyleClass().add(Styles.SMALL);
        remove.setOnAction(e -> vm.clearCheckpointB());
        remove.visibleProperty().bind(input.loadedProperty().isNotNull());
        remove.managedProperty().bind(remove.visibleProperty());
        return new VBox(4, picker, remove);
    }

    private Node pairsPicker() {
        MenuItem sample = new MenuItem("Bundled sample pairs");
        sample.setOnAction(e -> vm.loadPairs(DatasetSpec.sample()));
        MenuItem world = new MenuItem(PsEvalSource.WORLD.label());
        world.setOnAction(e -> vm.sourceProperty().set(PsEvalSource.WORLD));
        MenuItem wicFolder = new MenuItem("WiC folder…");
        wicFolder.setOnAction(e -> {
            Path p = folder("Choose the WiC folder (with dev/, test/, train/) or a split's folder");
            if (p != null) {
                vm.loadPairs(DatasetSpec.wic(p, currentSplit()));
            }
        });
        MenuItem file = new MenuItem("WiC split or PS-Eval JSON/JSONL file…");
        file.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a WiC *.data.txt file or the PS-Eval authors' JSON/JSONL file");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Pairs (*.json, *.jsonl, *.data.txt)", "*.json", "*.jsonl", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = chooser.showOpenDialog(window.get());
            if (f != null) {
                vm.loadPairs(DatasetSpec.forFile(f.toPath()));
            }
        });
        MenuButton choose = new MenuButton("Choose pairs", new FontIcon("mdal-list"));
        choose.setId("pseval-pairs-choose");
        choose.setMaxWidth(Double.MAX_VALUE);
        Runnable refill = () -> {
            choose.getItems().setAll(sample, wicFolder, file, new SeparatorMenuItem(), world);
            List<Path> wic = vm.recent().list(RecentPaths.Kind.WIC);
            List<Path> json = vm.recent().list(RecentPaths.Kind.JSON);
            if (!wic.isEmpty() || !json.isEmpty()) {
                choose.getItems().add(new SeparatorMenuItem());
            }
            for (Path p : wic) {
                MenuItem item = new MenuItem("WiC: " + p);
                item.setOnAction(e -> vm.loadPairs(DatasetSpec.wic(p, currentSplit())));
                choose.getItems().add(item);
            }
            for (Path p : json) {
                MenuItem item = new MenuItem("JSON: " + p);
                item.setOnAction(e -> vm.loadPairs(DatasetSpec.json(p)));
                choose.getItems().add(item);
            }
        };
        vm.recent().list(RecentPaths.Kind.WIC).addListener((ListChangeListener<Path>) c -> refill.run());
        vm.recent().list(RecentPaths.Kind.JSON).addListener((ListChangeListener<Path>) c -> refill.run());
        refill.run();

        ComboBox<String> split = new ComboBox<>();
        split.setId("pseval-split");
        split.setTooltip(new Tooltip("The WiC split to evaluate"));
        boolean[] updating = {false};
        vm.pairsProperty().addListener((obs, old, now) -> {
            updating[0] = true;
            split.getItems().setAll(now == null ? List.of() : now.splits());
            split.setValue(now == null ? null : now.spec().split());
            updating[0] = false;
        });
        split.setOnAction(e -> {
            LoadedDataset d = vm.pairsProperty().get();
            if (!updating[0] && d != null && split.getValue() != null && !split.getValue().equals(d.spec().split())) {
                vm.loadPairs(DatasetSpec.wic(d.spec().path(), split.getValue()));
            }
        });
        split.visibleProperty().bind(Bindings.size(split.getItems()).greaterThan(1));
        split.managedProperty().bind(split.visibleProperty());
        HBox.setHgrow(choose, Priority.ALWAYS);
        HBox row = new HBox(6, choose, split);
        return new VBox(4, row, SlotStatus.of("pseval-pairs", vm.pairsSlot(),
                d -> d.spec().label() + ": " + d.describe(), "No pairs loaded."));
    }

    private String currentSplit() {
        LoadedDataset d = vm.pairsProperty().get();
        return d == null || d.spec().kind() != DatasetSpec.Kind.WIC ? DatasetSpec.DEFAULT_SPLIT : d.spec().split();
    }

    private Node runControls() {
        Button run = new Button("Run", new FontIcon("mdmz-play_arrow"));
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Evaluate every pair (Ctrl+R)"));
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        run.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(run, Priority.ALWAYS);
        Button cancel = new Button("Cancel", new FontIcon("mdmz-stop"));
        cancel.setId(CANCEL_ID);
        cancel.setTooltip(new Tooltip("Stop before the next pair (Esc); the previous results stay"));
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("pseval-progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId(STATUS_ID);
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.textProperty().bind(vm.statusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);
        Label blocker = new Label();
        blocker.setId("pseval-blocker");
        blocker.setWrapText(true);
        blocker.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        blocker.textProperty().bind(vm.runBlockerProperty());
        blocker.visibleProperty().bind(vm.runBlockerProperty().isNotEmpty().and(vm.runningProperty().not()));
        blocker.managedProperty().bind(blocker.visibleProperty());
        blocker.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, new HBox(8, run, cancel), bar, status, blocker);
        box.setPadding(new Insets(10, 14, 12, 14));
        return box;
    }

    private Path folder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File f = chooser.showDialog(window.get());
        return f == null ? null : f.toPath();
    }

    static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
