package dev.saeexplorer.ui.superposition;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WpPreset;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/** The playground's left column: preset, size and entries of W_p, sparsity, seed, x and Γ. */
final class InputsPanel extends ScrollPane {
    private static final double LABEL_WIDTH = 74;

    private final PlaygroundViewModel vm;
    private final ComboBox<Preset> preset = new ComboBox<>();
    private final TextField presetFeatures = new TextField("6");
    private final TextField presetDims = new TextField("3");
    private final TextField presetSparsity = new TextField("0.9");
    private final Spinner<Integer> dims = new Spinner<>(1, 400, 2);
    private final Spinner<Integer> features = new Spinner<>(2, 400, 3);
    private final Slider sparsity = new Slider(0, 1, 0.5);
    private final Label sparsityValue = new Label();
    private final ComboBox<World> world = new ComboBox<>();
    private final ValidatedField seed;
    private final ValidatedField samples;
    private final ValidatedField x;
    private final ValidatedField gamma;
    private final MatrixGrid grid;
    private final Label message = new Label();
    private HBox params;
    private boolean syncing;

    InputsPanel(PlaygroundViewModel vm) {
        this.vm = vm;
        seed = new ValidatedField(vm::setSeed, () -> Long.toString(vm.stateProperty().get().seed()),
                () -> vm.messageProperty().get());
        samples = new ValidatedField(vm::setSamples, () -> Integer.toString(vm.stateProperty().get().samples()),
                () -> vm.messageProperty().get());
        x = new ValidatedField(vm::setX, () -> NumberText.formatVector(vm.x()), () -> vm.messageProperty().get());
        gamma = new ValidatedField(vm::setGamma, () -> {
            double[] g = vm.stateProperty().get().gamma();
            return g == null ? "" : NumberText.formatVector(g);
        }, () -> vm.messageProperty().get());
        grid = new MatrixGrid(vm);

        VBox content = new VBox(10, section("Preset"), presetBox(), new Separator(),
                section("W_p: n_p dimensions × n features"), sizeRow(), grid, new Separator(),
                section("Sampling"), samplingBox(), new Separator(),
                section("Ground truth x"), xBox(), new Separator(),
                section("WSAE weights Γ (optional)"), gammaBox(), message);
        content.setPadding(new Insets(12));
        content.getStyleClass().add("playground-inputs");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.DANGER, "playground-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        message.setGraphic(new FontIcon("mdal-error_outline"));
        setContent(content);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setMinWidth(330);
        setPrefWidth(350);
        vm.stateProperty().addListener((o, a, s) -> sync());
        sync();
    }

    Slider sparsitySlider() {
        return sparsity;
    }

    MatrixGrid grid() {
        return grid;
    }

    private VBox presetBox() {
        preset.getItems().setAll(Preset.all());
        preset.setValue(Preset.of(WpPreset.EXAMPLE_1));
        preset.setMaxWidth(Double.MAX_VALUE);
        presetFeatures.setPrefColumnCount(4);
        presetDims.setPrefColumnCount(4);
        presetSparsity.setPrefColumnCount(4);
        presetFeatures.setTooltip(new Tooltip("n, the number of ground-truth features"));
        presetDims.setTooltip(new Tooltip("n_p, the number of dimensions they are squeezed into"));
        presetSparsity.setTooltip(new Tooltip("S₀, the sparsity of the toy model's training data"));
        params = new HBox(6, small("n"), presetFeatures, small("n_p"), presetDims, small("S₀"), presetSparsity);
        params.setAlignment(Pos.CENTER_LEFT);
        Button load = new Button("Load", new FontIcon("mdal-get_app"));
        load.setDefaultButton(false);
        load.setOnAction(e -> loadPreset());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.trainingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label training = new Label("training the toy model…");
        training.getStyleClass().add(Styles.TEXT_MUTED);
        training.visibleProperty().bind(vm.trainingProperty());
        training.managedProperty().bind(training.visibleProperty());
        HBox loadRow = new HBox(8, load, busy, training);
        loadRow.setAlignment(Pos.CENTER_LEFT);
        preset.valueProperty().addListener((o, a, p) -> showPresetParameters(p));
        showPresetParameters(preset.getValue());
        return new VBox(6, preset, params, loadRow);
    }

    private void showPresetParameters(Preset p) {
        presetFeatures.setDisable(!p.usesFeatures());
        presetDims.setDisable(!p.usesDims());
        presetSparsity.setDisable(!p.usesSparsity());
        // Presets without parameters hide the row rather than show greyed-out numbers they ignore.
        boolean any = p.usesFeatures() || p.usesDims() || p.usesSparsity();
        params.setVisible(any);
        params.setManaged(any);
        presetFeatures.setText(Integer.toString(p.defaultFeatures()));
        presetDims.setText(Integer.toString(p.defaultDims()));
    }

    private void loadPreset() {
        vm.setPreset(preset.getValue(), presetFeatures.getText(), presetDims.getText(), presetSparsity.getText());
    }

    private HBox sizeRow() {
        for (Spinner<Integer> s : java.util.List.of(dims, features)) {
            s.setEditable(true);
            s.setPrefWidth(96);
            s.getStyleClass().add(Spinner.STYLE_CLASS_SPLIT_ARROWS_HORIZONTAL);
        }
        dims.setTooltip(new Tooltip("n_p: rows of W_p (dimensions); must stay below n"));
        features.setTooltip(new Tooltip("n: columns of W_p (features)"));
        dims.valueProperty().addListener((o, a, v) -> resize());
        features.valueProperty().addListener((o, a, v) -> resize());
        HBox row = new HBox(6, small("n_p"), dims, small("×  n"), features);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void resize() {
        if (syncing) {
            return;
        }
        if (!vm.resize(dims.getValue(), features.getValue())) {
            sync(); // show the size W_p really has
        }
    }

    private GridPane samplingBox() {
        sparsity.setMajorTickUnit(0.25);
        sparsity.setMinorTickCount(4);
        sparsity.setShowTickMarks(true);
        sparsity.setShowTickLabels(true);
        sparsity.setBlockIncrement(0.01);
        HBox.setHgrow(sparsity, Priority.ALWAYS);
        sparsity.setTooltip(new Tooltip("S: the probability that a feature is 0 (inactive)"));
        sparsity.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                // Hundredths: finer steps change nothing visible but would recompute the curves.
                vm.setSparsity(Math.round(v.doubleValue() * 100) / 100.0);
            }
        });
        sparsity.valueChangingProperty().addListener((o, a, changing) -> vm.setInteracting(changing));
        sparsityValue.getStyleClass().add(Styles.TEXT_BOLD);
        sparsityValue.setMinWidth(34);
        Button resample = new Button("Resample", new FontIcon("mdal-casino"));
        resample.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        resample.setTooltip(new Tooltip("Draw a new x at sparsity S"));
        resample.setOnAction(e -> vm.resample());
        seed.setPrefColumnCount(5);
        seed.setTooltip(new Tooltip("Seed of the Monte-Carlo samples and of resampling"));
        samples.setPrefColumnCount(6);
        samples.setTooltip(new Tooltip("Monte-Carlo samples per sparsity point (100 to 1,000,000)"));
        GridPane g = form();
        g.addRow(0, label("S"), new HBox(8, sparsity, sparsityValue));
        g.addRow(1, label("seed"), new HBox(8, seed, resample));
        g.addRow(2, label("samples"), samples);
        g.addRow(3, label("x drawn"), worldRow());
        return g;
    }

    /** How the curves and Resample draw x: the paper's uniform firing, Zipf rates, or a world file's structure. */
    private HBox worldRow() {
        world.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(World w) {
                return w == null ? "" : PlaygroundWorlds.label(w);
            }

            @Override
            public World fromString(String text) {
                return null;
            }
        });
        world.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(world, Priority.ALWAYS);
        world.setTooltip(new Tooltip("How features fire in the Monte-Carlo samples and in Resample. Zipf: feature i"
                + " fires at a rate ∝ 1/(i + 1), (1 − S)·n on average. A world file adds its groups and hierarchy"
                + " (its W_p is not used: the playground's is)"));
        world.valueProperty().addListener((o, a, w) -> {
            if (!syncing && w != null && !vm.setWorld(w)) {
                sync();
            }
        });
        // the icon alone: with "Open…" beside it the choice was cut to "Uniform …" in the 350 px panel
        Button open = new Button(null, new FontIcon("mdal-folder_open"));
        open.setAccessibleText("Open world file…");
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        open.setTooltip(new Tooltip("Open world file…: use its firing, groups and hierarchy (JSON, as `train"
                + " --world`)"));
        open.setOnAction(e -> openWorld());
        HBox row = new HBox(8, world, open);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void openWorld() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a world file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("World files (*.json)", "*.json"));
        java.io.File bundled = new java.io.File("sample-data/worlds");
        if (bundled.isDirectory()) {
            chooser.setInitialDirectory(bundled);
        }
        java.io.File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            vm.openWorld(file.toPath());
        }
    }

    private VBox xBox() {
        x.setTooltip(new Tooltip("One value ≥ 0 per feature, separated by commas; Enter applies"));
        Label hint = new Label("one value ≥ 0 per feature; 0 = inactive");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return new VBox(4, x, hint);
    }

    private VBox gammaBox() {
        gamma.setPromptText("empty: no WSAE (e.g. 1, 0.5)");
        Label hint = new Label("one weight per dimension; adds L_WSAE and the Theorem 5 gap");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return new VBox(4, gamma, hint);
    }

    private void sync() {
        syncing = true;
        try {
            PlaygroundState s = vm.stateProperty().get();
            dims.getValueFactory().setValue(s.dims());
            features.getValueFactory().setValue(s.features());
            if (!sparsity.isValueChanging()) {
                sparsity.setValue(s.sparsity());
            }
            sparsityValue.setText(String.format(Locale.ROOT, "%.2f", s.sparsity()));
            java.util.List<World> choices = new java.util.ArrayList<>(PlaygroundWorlds.builtIn());
            if (!choices.contains(s.world())) {
                choices.add(s.world());
            }
            if (!world.getItems().equals(choices)) {
                world.getItems().setAll(choices);
            }
            world.setValue(s.world());
            seed.refresh();
            samples.refresh();
            x.refresh();
            gamma.refresh();
        } finally {
            syncing = false;
        }
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        javafx.scene.layout.ColumnConstraints c0 = new javafx.scene.layout.ColumnConstraints(LABEL_WIDTH);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        g.getColumnConstraints().addAll(c0, c1);
        return g;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TITLE_4, "playground-section");
        return l;
    }

    private static Label label(String text) {
        return new Label(text);
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
