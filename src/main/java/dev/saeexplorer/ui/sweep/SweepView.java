package dev.saeexplorer.ui.sweep;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldPicker;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.jfree.chart.fx.ChartViewer;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The sparsity sweep's scene graph: the settings form on the left, the five figures and the results table in a 3 × 2
 * grid. Everything it shows comes from a {@link SweepViewModel}; it holds no state of its own.
 */
public final class SweepView extends BorderPane {
    static final String RUN_ID = "sweep-run";
    static final String CANCEL_ID = "sweep-cancel";
    static final String PAUSE_ID = "sweep-pause";
    static final String TABLE_ID = "sweep-table";
    static final String GRID_ID = "sweep-grid";
    static final String WSAE_ID = "sweep-wsae";
    static final String VERDICT_ID = "sweep-world-verdict";
    static final String SEEDS_ID = "sweep-seeds";
    static final String STEPS_ID = "sweep-steps";

    private final SweepViewModel vm;
    private final WorkspaceContext ctx;
    /** Width of the form's label column. */
    private static final double LABEL_WIDTH = 118;

    public SweepView(SweepViewModel vm, WorkspaceContext ctx) {
        this.vm = vm;
        this.ctx = ctx;
        getStyleClass().add("sweep-view");
        setLeft(settingsPane());
        setCenter(resultsGrid());
    }

    // ---- the settings column ----

    private Node settingsPane() {
        Label title = new Label("Sparsity sweep");
        title.getStyleClass().add(Styles.TITLE_3);
        Label intro = new Label("SAE against WSAE at every sparsity S of the grid, several seeds each: the paper's"
                + " Figure 2 and Figure 3 (a)–(d), with error bars filling in as runs finish.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        VBox form = new VBox(8);
        form.getChildren().add(section("World and W_p"));
        GridPane worldGrid = grid();
        row(worldGrid, "World", WorldPicker.build(vm.form().world(), "sweep"), "How x is drawn: the paper's uniform"
                + " world over the W_p below, or a world of the committed sweep (Zipf frequencies, correlated groups, a"
                + " hierarchy) with its own W_p, taken to each S of the grid.");
        Label verdict = new Label();
        verdict.setId(VERDICT_ID);
        verdict.setWrapText(true);
        verdict.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        verdict.textProperty().bind(Bindings.createStringBinding(() -> vm.form().world().get().verdict(),
                vm.form().world().choiceProperty()));
        GridPane sourceGrid = grid();
        ComboBox<WpSource> source = combo(vm.form().sourceProperty(), WpSource.values(), WpSource::label);
        source.setId("sweep-source");
        row(sourceGrid, "Source", source, "Where W_p comes from. The bundled toy model (40 features in 10 dimensions,"
                + " learned as in Elhage et al.) is the fast default.");
        GridPane presetGrid = grid();
        row(presetGrid, "Preset", combo(vm.form().presetProperty(), WpPreset.values(), WpPreset::labelWithSize),
                "A named W_p, the same for every seed.");
        GridPane toyGrid = grid();
        textRow(toyGrid, "Features n", vm.form().toyFeaturesProperty(), SettingsParser.Field.TOY_FEATURES, null,
                "Ground-truth features of the toy model.");
        textRow(toyGrid, "Dimensions n_p", vm.form().toyDimsProperty(), SettingsParser.Field.TOY_DIMS, null,
                "Hidden dimensions (fewer than n).");
        textRow(toyGrid, "Training S0", vm.form().toySparsityProperty(), SettingsParser.Field.TOY_SPARSITY, null,
                "Sparsity of the toy model's training data, in [0, 1).");
        textRow(toyGrid, "Toy steps", vm.form().toyStepsProperty(), SettingsParser.Field.TOY_STEPS, null,
                "Adam steps of each toy model (one toy model per seed).");
        showOnlyFor(WpSource.PRESET, presetGrid);
        showOnlyFor(WpSource.TRAINED_TOY, toyGrid);
        showOnlyForUniform(sourceGrid);
        form.getChildren().addAll(worldGrid, verdict, sourceGrid, presetGrid, toyGrid);

        form.getChildren().add(section("Sweep"));
        GridPane sweepGrid = grid();
        textRow(sweepGrid, "Sparsities S", vm.form().gridProperty(), SettingsParser.Field.GRID, GRID_ID,
                "Comma-separated values in [0, 1], e.g. 0,0.5,0.9. S is the probability that a feature is 0.");
        textRow(sweepGrid, "Seeds", vm.form().seedsProperty(), SettingsParser.Field.SEEDS, SEEDS_ID,
                "Runs per sparsity and model; the error bars are ± 1 s.d. over the seeds.");
        form.getChildren().add(sweepGrid);

        form.getChildren().add(section("SAE training"));
        GridPane trainGrid = grid();
        textRow(trainGrid, "Steps", vm.form().stepsProperty(), SettingsParser.Field.STEPS, STEPS_ID,
                "Adam steps per run (batch 1024).");
        textRow(trainGrid, "Latents n_m", vm.form().latentsProperty(), SettingsParser.Field.LATENTS, null, "Width of the SAE.");
        textRow(trainGrid, "L1 λ", vm.form().l1Property(), SettingsParser.Field.L1, null,
                "Coefficient of the L1 sparsity penalty.");
        textRow(trainGrid, "WSAE α", vm.form().alphaProperty(), SettingsParser.Field.ALPHA, null, "Exponent α in γ_i = s_i^α.");
        ComboBox<WsaeModels> wsae = combo(vm.form().wsaeWeightingProperty(), WsaeModels.values(), WsaeModels::label);
        wsae.setId(WSAE_ID);
        row(trainGrid, "WSAE weights", wsae, "How the WSAE weights its reconstruction loss: γ_i from the variance of"
                + " x_p, the oracle read from W_p, or both (two WSAEs beside the SAE, as in the committed worlds sweep).");
        row(trainGrid, "Device", combo(vm.form().deviceProperty(), Device.values(), d -> d == Device.CPU ? "CPU" : "GPU (CUDA)"),
                "Where training runs: GPU is ND4J's CUDA 11.6 backend in a -Pcuda build (compute capability 3.7–8.x:"
                        + " RTX 20/30/40, A100, L40), not yet verified on a GPU; otherwise the CPU is used. A CUDA 13"
                        + " backend for H100/H200 and Blackwell has its kernels built and compile-checked but is not"
                        + " yet verified on hardware, so it is not offered.");
        form.getChildren().add(trainGrid);

        Label problems = new Label();
        problems.setWrapText(true);
        problems.getStyleClass().add(Styles.DANGER);
        problems.textProperty().bind(vm.form().validationMessageProperty());
        problems.visibleProperty().bind(vm.form().validationMessageProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());

        Button run = new Button("Run sweep", new FontIcon("mdmz-play_arrow"));
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel", new FontIcon("mdal-close"));
        cancel.setId(CANCEL_ID);
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button pause = new Button("Pause", new FontIcon("mdmz-pause"));
        pause.setId(PAUSE_ID);
        pause.setTooltip(new javafx.scene.control.Tooltip("Holds the sweep after its current training step"));
        pause.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(SweepState.PAUSED)).then("Resume")
                .otherwise("Pause"));
        pause.disableProperty().bind(vm.runningProperty().not());
        pause.setOnAction(e -> {
            if (vm.stateProperty().get() == SweepState.PAUSED) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        // Run on a row of its own, Pause/Resume and Cancel below it: three labels do not fit the column side by side.
        HBox controls = new HBox(8, pause, cancel);
        for (Button b : new Button[] {pause, cancel}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        run.setMaxWidth(Double.MAX_VALUE);
        VBox buttons = new VBox(8, run, controls);

        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label runs = new Label();
        runs.setId("sweep-runs");
        runs.getStyleClass().add(Styles.TEXT_BOLD);
        runs.textProperty().bind(vm.runsTextProperty());
        Label status = new Label();
        status.setWrapText(true);
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.textProperty().bind(vm.statusMessageProperty());

        Button csv = new Button("Export CSV…", new FontIcon("mdal-get_app"));
        csv.setOnAction(e -> export("csv"));
        Button json = new Button("Export JSON…", new FontIcon("mdal-get_app"));
        json.setOnAction(e -> export("json"));
        for (Button b : List.of(csv, json)) {
            b.disableProperty().bind(Bindings.isEmpty(vm.rows()));
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        Label exportTitle = new Label("Rows");
        exportTitle.getStyleClass().add(Styles.TEXT_BOLD);

        VBox column = new VBox(12, title, intro, form, problems);
        column.setPadding(new Insets(16, 16, 8, 16));
        column.setFillWidth(true);
        // Never squeeze the wrapped texts: scroll instead.
        column.setMinHeight(Region.USE_PREF_SIZE);
        for (Label l : List.of(intro, problems, status)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        ScrollPane scroll = new ScrollPane(column);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(Styles.BG_SUBTLE);
        column.getStyleClass().add(Styles.BG_SUBTLE);
        // Run, progress and export stay in view below the settings, however long the form grows.
        VBox actions = new VBox(10, buttons, bar, runs, status, new Separator(), exportTitle, new HBox(8, csv, json));
        actions.setPadding(new Insets(8, 16, 16, 16));
        actions.getStyleClass().add(Styles.BG_SUBTLE);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox pane = new VBox(scroll, new Separator(), actions);
        pane.setPrefWidth(350);
        pane.setMinWidth(320);
        pane.getStyleClass().add(Styles.BG_SUBTLE);
        return pane;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        VBox.setMargin(l, new Insets(6, 0, 0, 0));
        return l;
    }

    /** A two-column form grid; every grid has the same label width, so the fields line up across sections. */
    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH, LABEL_WIDTH, LABEL_WIDTH);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().setAll(labels, fields);
        return g;
    }

    private static void row(GridPane grid, String label, Region field, String help) {
        Label l = new Label(label);
        l.setLabelFor(field);
        field.setMaxWidth(Double.MAX_VALUE);
        field.setMinWidth(0);
        Tooltip tip = new Tooltip(help);
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        l.setTooltip(tip);
        if (field instanceof javafx.scene.control.Control c) {
            c.setTooltip(tip);
        }
        int r = grid.getRowCount();
        grid.add(l, 0, r);
        grid.add(field, 1, r);
    }

    private void textRow(GridPane grid, String label, StringProperty value, SettingsParser.Field field, String id,
                         String help) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(value);
        text.setPrefColumnCount(10);
        if (id != null) {
            text.setId(id);
        }
        row(grid, label, text, help);
        Tooltip helpTip = text.getTooltip();
        var error = vm.form().fieldErrorProperty(field);
        Runnable mark = () -> {
            boolean bad = !error.get().isEmpty();
            text.pseudoClassStateChanged(Styles.STATE_DANGER, bad);
            text.setTooltip(bad ? new Tooltip(error.get()) : helpTip);
        };
        error.addListener((obs, was, now) -> mark.run());
        mark.run();
    }

    /** Shown for the uniform world with this source only: another world brings its own W_p. */
    private void showOnlyFor(WpSource which, Node node) {
        node.visibleProperty().bind(vm.form().sourceProperty().isEqualTo(which).and(uniformWorld()));
        node.managedProperty().bind(node.visibleProperty());
    }

    private void showOnlyForUniform(Node node) {
        node.visibleProperty().bind(uniformWorld());
        node.managedProperty().bind(node.visibleProperty());
    }

    private javafx.beans.binding.BooleanBinding uniformWorld() {
        return Bindings.createBooleanBinding(() -> vm.form().world().get().isUniform(),
                vm.form().world().choiceProperty());
    }

    private static <T> ComboBox<T> combo(ObjectProperty<T> value, T[] items, java.util.function.Function<T, String> name) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(items);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : name.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : name.apply(item));
            }
        });
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    // ---- the results ----

    private Node resultsGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        // The third column, which also holds the results table, is a little wider.
        for (double percent : new double[] {31.5, 31.5, 37}) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(percent);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        SweepFigure[] figures = SweepFigure.values();
        for (int i = 0; i < figures.length; i++) {
            grid.add(chartCell(figures[i]), i % 3, i / 3);
        }
        grid.add(tableCell(), 2, 1);
        return grid;
    }

    private Node chartCell(SweepFigure figure) {
        ChartViewer viewer = new ChartViewer(vm.chart(figure));
        viewer.setId("sweep-chart-" + figure.name().toLowerCase(Locale.ROOT));
        viewer.setMinSize(160, 160);
        vm.chartsRevisionProperty().addListener((obs, was, now) -> viewer.setChart(vm.chart(figure)));
        StackPane cell = new StackPane(viewer);
        cell.getStyleClass().addAll(Styles.BORDER_DEFAULT, "chart-cell");
        cell.setMinSize(0, 0);
        return cell;
    }

    private Node tableCell() {
        TableView<SweepRow> table = new TableView<>(vm.rows());
        table.setId(TABLE_ID);
        table.setTableMenuButtonVisible(true);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label empty = new Label("No runs yet: press Run sweep");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        for (SweepColumns.Column c : SweepColumns.ALL) {
            table.getColumns().add(column(c));
        }
        Label title = new Label();
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.textProperty().bind(Bindings.createStringBinding(() -> "Results: " + vm.rows().size()
                + (vm.rows().size() == 1 ? " run" : " runs"), vm.rows()));
        title.setTooltip(new Tooltip("More columns (reconstruction, monosemanticity, samples/s, weights …) are in the"
                + " menu at the table's top right; Export CSV writes them all."));
        VBox box = new VBox(6, title, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setMinSize(0, 0);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    private static TableColumn<SweepRow, Object> column(SweepColumns.Column c) {
        TableColumn<SweepRow, Object> col = new TableColumn<>(c.tableHeader());
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(c.value().apply(cd.getValue())));
        col.setCellFactory(tc -> new TableCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : SweepColumns.format(item));
            }
        });
        col.setComparator(SweepView::compare);
        col.setVisible(c.shownByDefault());
        col.setPrefWidth(c.width());
        col.setMinWidth(c.width());
        if (c.numeric()) {
            col.getStyleClass().add(Tweaks.ALIGN_RIGHT);
        }
        return col;
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return SweepColumns.format(a).compareTo(SweepColumns.format(b));
    }

    private void export(String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export sweep rows as " + extension.toUpperCase(Locale.ROOT));
        chooser.setInitialFileName("sparsity-sweep." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT) + " files",
                "*." + extension));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            vm.exportRows(file.toPath());
        } catch (InvalidInputException | UncheckedIOException e) {
            ctx.errors().report("Export failed", e.getMessage());
        }
    }
}
