package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.jobs.Job;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The checkpoint inspector's window content: open/compare/model controls across the top; configuration and
 * distributions above; the feature table and the selected feature's detail below. A checkpoint folder or file dropped
 * anywhere on it opens (two dropped together are compared). All state lives in the view model.
 */
public final class CheckpointInspectorView extends BorderPane {
    static final String STATUS_ID = "inspector-status";
    static final String MODEL_PROGRESS_ID = "model-progress";
    private static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    private final CheckpointInspectorViewModel vm;
    private final ConfigTable config;
    private final DistributionPane distributions;
    private final FeatureTable features;
    private final FeatureDetailPane detail;
    private final ProbePane probes;

    public CheckpointInspectorView(CheckpointInspectorViewModel vm) {
        this.vm = vm;
        config = new ConfigTable(vm);
        distributions = new DistributionPane(vm);
        probes = new ProbePane(vm.probe(), vm.selectedProperty(), vm::select);
        distributions.addTabs(probes.tabs());
        features = new FeatureTable(vm);
        detail = new FeatureDetailPane(vm);
        getStyleClass().add("checkpoint-inspector");
        var css = CheckpointInspectorView.class.getResource("checkpoint-inspector.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        setTop(new VBox(toolbar(), new Separator()));
        setCenter(body());
        acceptDrops();
        // Ctrl+O opens a checkpoint while this workspace has the focus (before the shell's "Open session").
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN.match(e)) {
                e.consume();
                chooseFolder(false);
            }
        });
    }

    /** Charts for export, in display order. */
    public List<ExportableChart> charts() {
        List<ExportableChart> out = new ArrayList<>(distributions.charts());
        out.add(new ExportableChart("Decoder direction", detail.decoder()::chart));
        out.add(new ExportableChart("Feature activations", probes::histogramChart));
        return out;
    }

    private Node body() {
        SplitPane top = new SplitPane(config.node(), distributions.node());
        top.setDividerPositions(0.40);
        SplitPane bottom = new SplitPane(features.node(), detail.node());
        bottom.setDividerPositions(0.55);
        SplitPane body = new SplitPane(top, bottom);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.44);
        return body;
    }

    // ------------------------------------------------------------------------------------------------ toolbar

    private Node toolbar() {
        OpenMenus menus = new OpenMenus(vm, this::chooseFolder, this::chooseFile, this::chooseModelFolder);
        ProgressIndicator opening = new ProgressIndicator(-1);
        opening.setPrefSize(18, 18);
        opening.visibleProperty().bind(vm.openingProperty());
        opening.managedProperty().bind(opening.visibleProperty());

        ProgressBar modelBar = new ProgressBar();
        modelBar.setId(MODEL_PROGRESS_ID);
        modelBar.setPrefWidth(150);
        Label modelMessage = new Label();
        modelMessage.setMinWidth(0);
        modelMessage.setPrefWidth(220);
        modelMessage.setMaxWidth(220);
        Button cancelModel = new Button("Cancel", new FontIcon("mdmz-stop"));
        cancelModel.setTooltip(new Tooltip("Stop loading the model; a model that was loaded stays loaded"));
        cancelModel.setOnAction(e -> vm.cancelModelLoad());
        HBox modelProgress = new HBox(6, modelBar, modelMessage, cancelModel);
        modelProgress.setAlignment(Pos.CENTER_LEFT);
        modelProgress.visibleProperty().bind(vm.modelJobProperty().isNotNull());
        modelProgress.managedProperty().bind(modelProgress.visibleProperty());
        vm.modelJobProperty().addListener((obs, old, job) -> follow(job, modelBar, modelMessage));

        Label model = new Label();
        model.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        model.setGraphic(new FontIcon("mdmz-memory"));
        model.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                vm.modelProperty().get() == null ? "no model" : vm.modelProperty().get().headline(),
                vm.modelProperty()));
        model.setTooltip(new Tooltip("The language model used for the logit lens"));

        Label status = new Label();
        status.setId(STATUS_ID);
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);

        // Controls keep their width; only the status line gives way (its tooltip has the whole text).
        for (javafx.scene.layout.Region r : List.of(menus.open(), menus.compare(), menus.model(), model, cancelModel)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, menus.open(), menus.compare(), new Separator(Orientation.VERTICAL), menus.model(),
                model, modelProgress, opening, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static void follow(Job job, ProgressBar bar, Label message) {
        bar.progressProperty().unbind();
        message.textProperty().unbind();
        if (job != null) {
            bar.progressProperty().bind(job.progressProperty());
            message.textProperty().bind(job.messageProperty());
        }
    }

    // ---------------------------------------------------------------------------------------------- choosers

    /** Asks the user for a folder or a checkpoint file; null when they cancel. A seam for tests. */
    interface Chooser {
        File folder(Window owner, String title);

        File checkpointFile(Window owner, String title);
    }

    /** The platform's file dialogs. */
    private static final Chooser DIALOGS = new Chooser() {
        @Override
        public File folder(Window owner, String title) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(title);
            return chooser.showDialog(owner);
        }

        @Override
        public File checkpointFile(Window owner, String title) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(
                    "Checkpoint files (cfg.json, *.safetensors, *.pt, *.npz, hyperparams.json, config.json)",
                    "cfg.json", "*.safetensors", "*.pt", "*.pth", "*.npz", "hyperparams.json", "config.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            return chooser.showOpenDialog(owner);
        }
    };

    private Chooser chooser = DIALOGS;

    void useChooser(Chooser c) {
        chooser = c;
    }

    private void chooseFolder(boolean asB) {
        File dir = chooser.folder(window(), asB ? "Compare with: choose a checkpoint folder" : "Open a checkpoint folder");
        if (dir != null) {
            if (asB) {
                vm.compareWith(dir.toPath());
            } else {
                vm.open(dir.toPath());
            }
        }
    }

    private void chooseFile(boolean asB) {
        File file = chooser.checkpointFile(window(), asB ? "Compare with: choose a checkpoint file"
                : "Open a checkpoint file");
        if (file != null) {
            if (asB) {
                vm.compareWith(file.toPath());
            } else {
                vm.open(file.toPath());
            }
        }
    }

    private void chooseModelFolder() {
        File dir = chooser.folder(window(), "Load a language model: choose a Hugging Face GPT-2 folder (config.json, "
                + "model.safetensors)");
        if (dir != null) {
            vm.loadModel(dir.toPath());
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ------------------------------------------------------------------------------------------ drag and drop

    private void acceptDrops() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                pseudoClassStateChanged(DROP, true);
            }
            e.consume();
        });
        setOnDragExited(e -> pseudoClassStateChanged(DROP, false));
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                List<Path> paths = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                vm.openDropped(paths);
            }
            pseudoClassStateChanged(DROP, false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static final javafx.css.PseudoClass DROP = javafx.css.PseudoClass.getPseudoClass("drop-target");
}
