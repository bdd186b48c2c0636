package dev.saeexplorer.ui.checkpoints;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.features.StoreManifest;
import dev.saeexplorer.core.features.StoreShelf;
import dev.saeexplorer.ui.common.FormGrid;
import dev.saeexplorer.ui.dashboards.FeatureDashboardView;
import dev.saeexplorer.ui.jobs.Job;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector's "Dashboard" tab: what to build the feature dashboards from (corpus and settings), the build with its
 * progress, speed and cancel, the stores built before for this model and A, and the selected feature's dashboard.
 */
final class DashboardPane {
    static final String BUILD_ID = "dashboard-build";
    static final String EXPORT_ID = "dashboard-export";
    static final String CORPUS_ID = "dashboard-corpus";
    static final String PATH_ID = "dashboard-path";
    static final String REMEMBERED_ID = "dashboard-remembered";
    static final String PROGRESS_ID = "dashboard-progress";
    static final String SETTINGS_ID = "dashboard-settings";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ModelProbe probe;
    private final ReadOnlyIntegerProperty selected;
    private final FeatureDashboardView view;

    DashboardPane(ModelProbe probe, ReadOnlyIntegerProperty selected) {
        this.probe = probe;
        this.selected = selected;
        this.view = new FeatureDashboardView(probe::tokenText);
    }

    /** The selected feature's activation histogram, for export. */
    JFreeChart histogramChart() {
        return view.histogramChart();
    }

    Node node() {
        // Settings fold away behind a toggle in the button row and, while open, take the dashboard's place: the
        // contexts need the height, and the form needs it while it is edited.
        javafx.scene.control.ScrollPane settings = new javafx.scene.control.ScrollPane(settings());
        settings.setFitToWidth(true);
        VBox.setVgrow(settings, Priority.ALWAYS);
        ToggleButton showSettings = new ToggleButton("Corpus and settings", new FontIcon("mdmz-tune"));
        showSettings.setId(SETTINGS_ID);
        showSettings.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        settings.visibleProperty().bind(showSettings.selectedProperty());
        settings.managedProperty().bind(showSettings.selectedProperty());
        view.node().visibleProperty().bind(showSettings.selectedProperty().not());
        view.node().managedProperty().bind(showSettings.selectedProperty().not());
        Button build = new Button("Build dashboards", new FontIcon("mdmz-play_arrow"));
        build.setId(BUILD_ID);
        // Building shows the result: the form folds away.
        build.setOnAction(e -> {
            showSettings.setSelected(false);
            probe.buildDashboards();
        });
        build.disableProperty().bind(probe.dashboardJobProperty().isNotNull()
                .or(probe.form().problem().isNotEmpty()));
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(probe.dashboardJobProperty().isNull());
        cancel.setOnAction(e -> probe.cancel());
        ProgressBar bar = new ProgressBar(0);
        Label progress = new Label();
        progress.setId(PROGRESS_ID);
        progress.getStyleClass().add(Styles.TEXT_SMALL);
        bar.visibleProperty().bind(probe.dashboardJobProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        progress.visibleProperty().bind(probe.dashboardJobProperty().isNotNull());
        progress.managedProperty().bind(progress.visibleProperty());
        probe.dashboardJobProperty().addListener((obs, was, job) -> follow(job, bar, progress));
        Button export = new Button("Export HTML…", new FontIcon("mdal-get_app"));
        export.setId(EXPORT_ID);
        export.disableProperty().bind(probe.storeProperty().isNull().or(selected.lessThan(0)));
        export.setOnAction(e -> exportHtml(export));
        for (Button b : java.util.List.of(build, cancel, export)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox controls = new HBox(8, showSettings, build, cancel, export, remembered(), bar, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.textProperty().bind(probe.noteProperty());
        note.setWrapText(true);
        selected.addListener((obs, was, now) -> show());
        probe.storeProperty().addListener((obs, was, now) -> show());
        show();
        VBox.setVgrow(view.node(), Priority.ALWAYS);
        VBox box = new VBox(6, controls, settings, note, view.node());
        box.setPadding(new Insets(8));
        return box;
    }

    private Node settings() {
        DashboardForm form = probe.form();
        FormGrid grid = new FormGrid(170);
        ChoiceBox<DashboardForm.CorpusKind> kind = new ChoiceBox<>();
        kind.getItems().setAll(DashboardForm.CorpusKind.values());
        kind.valueProperty().bindBidirectional(form.kindProperty());
        kind.setId(CORPUS_ID);
        grid.row("Corpus", kind, "The bundled corpus: 58 short documents written for SAE Explorer. A text file: one"
                + " document per line. A JSONL file: one JSON object per line with a \"text\" field. A WiC folder:"
                + " each context sentence of a split.");
        TextField path = new TextField();
        path.setId(PATH_ID);
        path.textProperty().bindBidirectional(form.pathProperty());
        path.setPromptText("a .txt or .jsonl file, or a WiC folder");
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> choose(path));
        HBox pathRow = new HBox(6, path, choose);
        HBox.setHgrow(path, Priority.ALWAYS);
        var notBundled = form.kindProperty().isNotEqualTo(DashboardForm.CorpusKind.BUNDLED);
        pathRow.disableProperty().bind(notBundled.not());
        Label pathLabel = new Label("File or folder");
        grid.full(new HBox(8, pathLabel, pathRow));
        HBox.setHgrow(pathRow, Priority.ALWAYS);
        pathLabel.setMinWidth(170);
        ChoiceBox<String> split = new ChoiceBox<>();
        split.getItems().setAll(DashboardForm.SPLITS);
        split.valueProperty().bindBidirectional(form.splitProperty());
        split.disableProperty().bind(form.kindProperty().isNotEqualTo(DashboardForm.CorpusKind.WIC));
        grid.row("WiC split", split, "Which split's sentences a WiC folder gives.");
        grid.field(form.contextSize(), "dashboard-context-size", null);
        grid.field(form.maxTokens(), "dashboard-max-tokens", null);
        grid.field(form.topK(), "dashboard-top-k", null);
        Label problem = new Label();
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.setWrapText(true);
        problem.textProperty().bind(form.problem());
        problem.visibleProperty().bind(form.problem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        grid.full(problem);
        return grid.node();
    }

    private void choose(TextField path) {
        File file;
        if (probe.form().kindProperty().get() == DashboardForm.CorpusKind.WIC) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a WiC folder");
            file = chooser.showDialog(path.getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a corpus");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Text or JSONL", "*.txt", "*.jsonl", "*.text"),
                    new FileChooser.ExtensionFilter("Any file", "*"));
            file = chooser.showOpenDialog(path.getScene().getWindow());
        }
        if (file != null) {
            path.setText(file.getAbsolutePath());
        }
    }

    /** The stores built before for this model and A: choosing one opens it. */
    private Node remembered() {
        ComboBox<StoreShelf.Entry> box = new ComboBox<>(probe.remembered());
        box.setId(REMEMBERED_ID);
        box.setPromptText("Built before");
        box.setPrefWidth(250);
        box.setMinWidth(120);
        box.setCellFactory(v -> new EntryCell());
        box.setButtonCell(new EntryCell());
        box.disableProperty().bind(Bindings.isEmpty(probe.remembered()).or(probe.dashboardJobProperty().isNotNull()));
        box.setOnAction(e -> {
            StoreShelf.Entry chosen = box.getValue();
            if (chosen != null && (probe.storeProperty().get() == null
                    || !chosen.dir().equals(probe.storeProperty().get().directory()))) {
                probe.open(chosen);
            }
        });
        probe.storeProperty().addListener((obs, was, now) -> box.getItems().stream()
                .filter(en -> now != null && en.dir().equals(now.directory())).findFirst()
                .ifPresent(box::setValue));
        return box;
    }

    /** How a remembered store is listed: its corpus, size, settings and when it was built. */
    static String describe(StoreShelf.Entry e) {
        StoreManifest m = e.manifest();
        return String.format(Locale.ROOT, "%s · %,d tokens · %d per context · top %d · %s", shortName(
                m.corpus().source()), m.counts().tokens(), m.settings().contextSize(), m.settings().topK(),
                WHEN.format(e.modified().toInstant()));
    }

    private static String shortName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }

    private static final class EntryCell extends ListCell<StoreShelf.Entry> {
        @Override
        protected void updateItem(StoreShelf.Entry item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? "Built before" : describe(item));
        }
    }

    private static void follow(Job job, ProgressBar bar, Label progress) {
        bar.progressProperty().unbind();
        progress.textProperty().unbind();
        if (job != null) {
            bar.progressProperty().bind(job.progressProperty());
            progress.textProperty().bind(job.messageProperty());
        }
    }

    private void exportHtml(Button export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the dashboard of feature " + selected.get());
        chooser.setInitialFileName("feature-" + selected.get() + ".html");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML page", "*.html"));
        File file = chooser.showSaveDialog(export.getScene().getWindow());
        if (file != null) {
            probe.exportDashboard(selected.get(), file.toPath());
        }
    }

    private void show() {
        String hint = probe.storeProperty().get() == null
                ? "Build the dashboards to see which texts make each feature fire (the model and the checkpoint it"
                + " was trained on must be loaded; the corpus and settings are above)."
                : "Select a feature in the table.";
        view.show(probe.storeProperty().get(), selected.get(), hint);
    }
}
