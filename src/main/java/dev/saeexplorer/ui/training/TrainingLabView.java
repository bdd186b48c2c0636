package dev.saeexplorer.ui.training;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.SeriesStylesheet;
import org.jfree.chart.fx.ChartViewer;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The training lab's window content: run controls across the top, settings on the left, live curves and metrics on
 * the right, result views in tabs below. All state lives in the {@link TrainingLabViewModel}.
 */
public final class TrainingLabView {
    private static final String CSS = "training-lab.css";

    private final TrainingLabViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Button start = button("Start", "mdmz-play_arrow", "Train an SAE and a WSAE on the same data");
    private final Button pause = button("Pause", "mdmz-pause", "Pause after the current training step");
    private final Button resume = button("Resume", "mdmz-play_circle_outline", "Continue the paused run");
    private final Button cancel = button("Cancel", "mdmz-stop", "Stop the run (within a second)");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final LossChart loss;
    private final MetricsPanel metrics;
    private final ResultTabs results;

    public TrainingLabView(TrainingLabViewModel vm) {
        this.vm = vm;
        loss = new LossChart("Training loss", "solid: objective, dashed: reconstruction term (Γ-weighted for the WSAE)", "loss (per sample)", true, vm.curve(ModelKind.SAE),
                vm.curve(ModelKind.WSAE), List.of("loss", "reconstruction"),
                List.of(s -> s.loss(), s -> s.reconstruction()));
        metrics = new MetricsPanel(vm);
        results = new ResultTabs(vm);

        root.getStyleClass().add("training-lab");
        var css = TrainingLabView.class.getResource(CSS);
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        root.getStylesheets().add(SeriesStylesheet.URI);
        root.setTop(new VBox(toolbar(), new Separator()));
        // Settings are read-only while a run is on: the run uses a copy taken at Start anyway.
        SplitPane split = new SplitPane(new SettingsPane(vm.settings(), vm.canCancelProperty()).node(), resultsArea());
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);
    }

    public Node node() {
        return root;
    }

    /** Live and result charts for export, in display order, named for menus and file names. */
    public List<ExportableChart> charts() {
        List<ExportableChart> out = new java.util.ArrayList<>();
        out.add(new ExportableChart("Training loss", loss::chart));
        out.addAll(results.charts());
        return out;
    }

    private Node toolbar() {
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(false);
        start.disableProperty().bind(vm.canStartProperty().not());
        pause.disableProperty().bind(vm.canPauseProperty().not());
        resume.disableProperty().bind(vm.canResumeProperty().not());
        cancel.disableProperty().bind(vm.canCancelProperty().not());
        start.setOnAction(e -> vm.start());
        pause.setOnAction(e -> vm.pause());
        resume.setOnAction(e -> vm.resume());
        cancel.setOnAction(e -> vm.cancel());
        // Pause and Resume share a place: only the one that applies is shown.
        pause.visibleProperty().bind(resume.visibleProperty().not());
        resume.visibleProperty().bind(vm.canResumeProperty());
        StackPane pauseResume = new StackPane(pause, resume);

        progress.setId("training-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(180);
        status.setId("training-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(0);
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);

        MenuItem saveSae = new MenuItem("SAE…");
        MenuItem saveWsae = new MenuItem("WSAE…");
        saveSae.setOnAction(e -> saveCheckpoint(ModelKind.SAE));
        saveWsae.setOnAction(e -> saveCheckpoint(ModelKind.WSAE));
        MenuButton save = new MenuButton("Save checkpoint", new FontIcon("mdmz-save_alt"), saveSae, saveWsae);
        save.setTooltip(new Tooltip("Save a trained model as an SAELens-layout checkpoint folder"));
        save.disableProperty().bind(vm.outcomeProperty().isNull().or(vm.savingProperty())
                .or(vm.canCancelProperty()));

        HBox bar = new HBox(8, start, pauseResume, cancel, progress, status, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("lab-toolbar");
        return bar;
    }

    private Node resultsArea() {
        CheckBox log = new CheckBox("Logarithmic y axis");
        log.setSelected(true);
        log.selectedProperty().addListener((obs, was, now) -> loss.setLogScale(now));
        ChartViewer lossViewer = new ChartViewer(loss.chart());
        VBox.setVgrow(lossViewer, Priority.ALWAYS);
        HBox logBar = new HBox(log);
        logBar.setPadding(new Insets(4, 10, 0, 10));
        VBox lossBox = new VBox(logBar, lossViewer);
        HBox.setHgrow(lossBox, Priority.ALWAYS);
        Node metricsNode = metrics.node();
        ((VBox) metricsNode).setPrefWidth(480);
        ((VBox) metricsNode).setMinWidth(440);
        HBox top = new HBox(lossBox, new Separator(Orientation.VERTICAL), metricsNode);
        SplitPane vertical = new SplitPane(top, results.node());
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.54);
        return vertical;
    }

    private void saveCheckpoint(ModelKind kind) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Save the " + kind.label() + " checkpoint: choose an empty folder");
        File dir = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (dir == null) {
            return;
        }
        boolean replace = false;
        if (vm.checkpointNeedsConfirmation(dir.toPath())) {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    dir + " is not empty. Replace everything in it with the " + kind.label() + " checkpoint?",
                    ButtonType.CANCEL, ButtonType.OK);
            confirm.setHeaderText("Replace the folder's contents?");
            confirm.initOwner(root.getScene().getWindow());
            replace = confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            if (!replace) {
                return;
            }
        }
        vm.saveCheckpoint(kind, dir.toPath(), replace);
    }

    private static Button button(String text, String icon, String tip) {
        Button b = new Button(text, new FontIcon(icon));
        b.setTooltip(new Tooltip(tip));
        b.setMnemonicParsing(false);
        return b;
    }
}
