package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.common.FormGrid;
import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.sae.Weighting;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "Train an SAE or WSAE on this model": the settings of {@code train-lm-sae}, Start and Cancel with the job's progress,
 * and, once the checkpoint is written, buttons that evaluate it as A or compare it as B.
 */
final class TrainPanel {
    private final PsEvalViewModel vm;
    private final Supplier<Window> window;
    private final TitledPane pane;

    TrainPanel(PsEvalViewModel vm, Supplier<Window> window) {
        this.vm = vm;
        this.window = window;
        TrainingRun training = vm.training();
        TrainForm f = training.form();
        FormGrid form = new FormGrid(92);
        form.field(f.hook(), "train-hook", null);
        ComboBox<Weighting> kind = new ComboBox<>(FXCollections.observableArrayList(Weighting.NONE, Weighting.VARIANCE));
        kind.setConverter(SetupPane.converter(w -> w == Weighting.NONE ? "SAE" : "WSAE (variance weights)"));
        kind.valueProperty().bindBidirectional(f.weightingProperty());
        form.row("Model", kind, "SAE: plain reconstruction loss. WSAE: each activation dimension weighted by its"
                + " variance to the power α (the WSAE paper).");
        form.field(f.alpha(), "train-alpha", Bindings.createBooleanBinding(() -> f.applies(f.alpha()),
                f.weightingProperty()));
        form.field(f.expansion(), "train-expansion", null);
        form.field(f.l1(), "train-l1", null);
        form.field(f.steps(), "train-steps", null);
        form.field(f.batch(), "train-batch", null);
        form.field(f.learningRate(), "train-lr", null);
        form.field(f.seed(), "train-seed", null);
        ComboBox<TrainForm.Text> text = new ComboBox<>(FXCollections.observableArrayList(TrainForm.Text.values()));
        text.valueProperty().bindBidirectional(f.textProperty());
        form.row("Text", text, "What the model reads while the SAE learns its activations.");
        form.field(f.textFile(), "train-text-file", Bindings.createBooleanBinding(() -> f.applies(f.textFile()),
                f.textProperty()));
        form.full(browse("Choose text file…", this::textFile, Bindings.createBooleanBinding(
                () -> !f.applies(f.textFile()), f.textProperty())));
        form.field(f.output(), "train-output", null);
        form.full(browse("Choose folder…", this::outputFolder, null));

        Button start = new Button("Train", new FontIcon("mdmz-model_training"));
        start.setId("train-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(training.runningProperty().or(vm.modelProperty().isNull())
                .or(f.firstErrorProperty().isNotEmpty()));
        start.setOnAction(e -> start());
        Button cancel = new Button("Cancel", new FontIcon("mdmz-stop"));
        cancel.setId("train-cancel");
        cancel.disableProperty().bind(training.runningProperty().not());
        cancel.setOnAction(e -> training.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(training.progressProperty());
        Label status = new Label();
        status.setId("train-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.textProperty().bind(training.statusProperty());
        Button useA = new Button("Evaluate it as A");
        useA.setOnAction(e -> vm.useTrained(false));
        Button useB = new Button("Compare it as B");
        useB.setOnAction(e -> vm.useTrained(true));
        HBox use = new HBox(6, useA, useB);
        use.visibleProperty().bind(training.trainedProperty().isNotNull().and(training.runningProperty().not()));
        use.managedProperty().bind(use.visibleProperty());

        VBox content = new VBox(8, form.node(), new HBox(8, start, cancel), bar, status, use);
        content.setPadding(new Insets(8, 4, 8, 4));
        pane = new TitledPane("Train an SAE or WSAE", content);
        pane.setMinWidth(0);
        pane.setId("pseval-train");
        pane.setExpanded(false);
        pane.setTooltip(new Tooltip("Train on the loaded model's activations at a hook point (as the CLI's"
                + " train-lm-sae), then evaluate the new checkpoint here."));
        pane.expandedProperty().addListener((obs, was, now) -> {
            if (now) {
                vm.prepareTraining(Path.of(System.getProperty("user.home"), "sae-explorer-checkpoints"));
            }
        });
    }

    Node node() {
        return pane;
    }

    private Button browse(String text, Runnable action, javafx.beans.value.ObservableBooleanValue disabled) {
        Button b = new Button(text, new FontIcon("mdal-folder_open"));
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> action.run());
        if (disabled != null) {
            b.disableProperty().bind(disabled);
        }
        HBox.setHgrow(b, Priority.NEVER);
        return b;
    }

    private void textFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a text file (one training text per line)");
        File file = chooser.showOpenDialog(window.get());
        if (file != null) {
            vm.training().form().textFile().textProperty().set(file.toString());
        }
    }

    private void outputFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose the folder for the new checkpoint (an empty one)");
        File dir = chooser.showDialog(window.get());
        if (dir != null) {
            vm.training().form().output().textProperty().set(dir.toString());
        }
    }

    private void start() {
        boolean replace = false;
        if (vm.training().needsConfirmation()) {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, vm.training().form().output().value()
                    + " is not empty. Replace everything in it with the new checkpoint once training has finished?",
                    ButtonType.CANCEL, ButtonType.OK);
            confirm.setHeaderText("Replace the folder's contents?");
            confirm.initOwner(window.get());
            replace = confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
            if (!replace) {
                return;
            }
        }
        vm.startTraining(replace);
    }
}
