package dev.saeexplorer.ui.training;

import dev.saeexplorer.ui.common.FormGrid;

import atlantafx.base.theme.Styles;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.InputField;
import dev.saeexplorer.ui.common.PresetChoices;
import dev.saeexplorer.ui.common.WorldPicker;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The settings form: one aligned grid of labels and controls in sections, each text field with a tooltip and, under it,
 * the message that says why what was typed is refused. The whole form is read-only while a run is on.
 */
final class SettingsPane {
    private static final double LABEL_WIDTH = 140;
    private static final double CONTROL_WIDTH = 220;

    private final SettingsForm form;
    private final GridPane grid = new GridPane();
    private int row;

    SettingsPane(SettingsForm form, ObservableBooleanValue locked) {
        this.form = form;
        grid.getStyleClass().add("settings-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setPadding(new Insets(12, 14, 12, 14));
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH, LABEL_WIDTH, Double.MAX_VALUE);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints controls = new ColumnConstraints(CONTROL_WIDTH, CONTROL_WIDTH, Double.MAX_VALUE);
        controls.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, controls);
        grid.disableProperty().bind(locked);

        section("Data");
        choice("World", WorldPicker.build(form.world(), "lab"), "How x is drawn: the paper's uniform world over the W_p"
                + " below, or a world of the committed sweep (Zipf frequencies, correlated groups, a hierarchy) with its"
                + " own W_p, taken to the sparsity S below.");
        ComboBox<WpPreset> source = PresetChoices.comboBox();
        source.valueProperty().bindBidirectional(form.sourceProperty());
        source.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.world().get().isUniform(),
                form.world().choiceProperty()));
        choice("W_p", source, "The superposition matrix of the uniform world: the bundled 40-feature toy model or a"
                + " teaching preset (another world brings its own). Edit W_p itself in the Superposition workspace.");
        field(form.sparsity());
        field(form.seed());

        section("Model");
        field(form.latents());
        ComboBox<ActivationChoice> activation =
                new ComboBox<>(FXCollections.observableArrayList(ActivationChoice.values()));
        activation.valueProperty().bindBidirectional(form.activationProperty());
        choice("Activation", activation, "σ: ReLU, TopK(k) or JumpReLU(θ). The same for SAE and WSAE.");
        field(form.k());
        field(form.theta());
        CheckBox tied = new CheckBox("Tied, no biases");
        tied.selectedProperty().bindBidirectional(form.tiedProperty());
        choice("Form", tied, "W_dec = W_encᵀ and no biases, as in the paper's theory.");

        section("Loss");
        field(form.l1());
        ComboBox<Weighting> weighting = new ComboBox<>(FXCollections.observableArrayList(Weighting.VARIANCE,
                Weighting.ORACLE));
        weighting.valueProperty().bindBidirectional(form.weightingProperty());
        weighting.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Weighting w) {
                return w == null ? "" : w == Weighting.VARIANCE ? "Variance of x_p" : "Oracle from W_p";
            }

            @Override
            public Weighting fromString(String s) {
                return null;
            }
        });
        choice("WSAE weights", weighting, "γ_i from the variance s_i of x_p (γ_i = s_i^α, the paper's WSAE) or the "
                + "oracle read from W_p (a teaching option). The SAE always uses γ = 1.");
        field(form.alpha());
        field(form.auxCoefficient());
        field(form.deadWindow());

        section("Optimiser (Adam)");
        field(form.steps());
        field(form.batch());
        field(form.learningRate());

        section("Evaluation");
        field(form.evalSamples());

        Label cross = errorLabel();
        cross.textProperty().bind(form.crossFieldErrorProperty());
        grid.add(cross, 0, row++, 2, 1);
    }

    Node node() {
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("settings-scroll");
        // Wide enough for labels, controls and the scroll bar: the form never clips.
        scroll.setMinWidth(LABEL_WIDTH + CONTROL_WIDTH + 60);
        return scroll;
    }

    private void section(String title) {
        Label header = new Label(title);
        header.getStyleClass().addAll(Styles.TITLE_4, "settings-section");
        GridPane.setMargin(header, new Insets(row == 0 ? 0 : 10, 0, 0, 0));
        grid.add(header, 0, row++, 2, 1);
    }

    private void choice(String text, Node node, String help) {
        Label label = new Label(text);
        label.setTooltip(tooltip(help));
        if (node instanceof javafx.scene.control.Control control) {
            label.setLabelFor(control);
            control.setMaxWidth(Double.MAX_VALUE);
            control.setTooltip(tooltip(help));
        }
        grid.add(label, 0, row);
        grid.add(node, 1, row++);
    }

    private void field(InputField<?> field) {
        TextField text = new TextField();
        text.setId("field-" + field.key());
        text.textProperty().bindBidirectional(field.textProperty());
        text.setPrefColumnCount(8);
        Label label = new Label(field.label());
        label.setLabelFor(text);
        label.setTooltip(tooltip(field.help()));
        text.setTooltip(tooltip(field.help()));
        ObservableBooleanValue applies = Bindings.createBooleanBinding(() -> form.applies(field),
                form.activationProperty(), form.weightingProperty());
        text.disableProperty().bind(Bindings.not(applies));
        label.disableProperty().bind(Bindings.not(applies));
        GridPane.setValignment(label, VPos.CENTER);
        grid.add(label, 0, row);
        grid.add(text, 1, row++);

        Label error = errorLabel();
        StringBinding problem = form.problemProperty(field);
        error.textProperty().bind(problem);
        // A refused value in a field that does not apply (k with ReLU) blocks nothing, so it is not flagged either.
        var shown = Bindings.createBooleanBinding(() -> !problem.get().isEmpty() && form.applies(field),
                problem, form.activationProperty(), form.weightingProperty());
        error.visibleProperty().bind(shown);
        error.managedProperty().bind(shown);
        shown.addListener((obs, was, now) -> text.pseudoClassStateChanged(Styles.STATE_DANGER, now));
        text.pseudoClassStateChanged(Styles.STATE_DANGER, shown.get());
        grid.add(error, 1, row++);
    }

    private static Label errorLabel() {
        Label l = new Label();
        l.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }

    private static Tooltip tooltip(String text) {
        return FormGrid.tooltip(text);
    }
}
