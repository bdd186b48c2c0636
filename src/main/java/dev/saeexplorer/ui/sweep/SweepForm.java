package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldSelection;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sweep's settings form: what people type and pick, checked on every change, with one message per wrong field.
 * Changed on the UI thread only.
 */
public final class SweepForm {
    private final ObjectProperty<WpSource> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<WpPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final WorldSelection world = new WorldSelection(WorldPreset.UNIFORM);
    private final ObjectProperty<WsaeModels> wsaeWeighting = new SimpleObjectProperty<>(this, "wsaeWeighting");
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(this, "device");
    private final StringProperty grid = new SimpleStringProperty(this, "grid");
    private final StringProperty seeds = new SimpleStringProperty(this, "seeds");
    private final StringProperty steps = new SimpleStringProperty(this, "steps");
    private final StringProperty latents = new SimpleStringProperty(this, "latents");
    private final StringProperty l1 = new SimpleStringProperty(this, "l1");
    private final StringProperty alpha = new SimpleStringProperty(this, "alpha");
    private final StringProperty toyFeatures = new SimpleStringProperty(this, "toyFeatures");
    private final StringProperty toyDims = new SimpleStringProperty(this, "toyDims");
    private final StringProperty toySparsity = new SimpleStringProperty(this, "toySparsity");
    private final StringProperty toySteps = new SimpleStringProperty(this, "toySteps");

    private final ReadOnlyObjectWrapper<SweepSettings> settings = new ReadOnlyObjectWrapper<>(this, "settings");
    private final ReadOnlyStringWrapper validationMessage = new ReadOnlyStringWrapper(this, "validationMessage", "");
    private final Map<SettingsParser.Field, ReadOnlyStringWrapper> fieldErrors =
            new EnumMap<>(SettingsParser.Field.class);
    /** A refusal that came back from a run, shown on its field until the form changes. */
    private InvalidInputException runProblem;
    private SweepSettings lastValid = SweepSettings.defaults();

    SweepForm() {
        for (SettingsParser.Field f : SettingsParser.Field.values()) {
            fieldErrors.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        fill(SweepSettings.defaults());
        InvalidationListener edited = obs -> {
            runProblem = null;
            revalidate();
        };
        for (Observable p : List.<Observable>of(world.choiceProperty(), source, preset, wsaeWeighting, device, grid, seeds, steps, latents, l1,
                alpha, toyFeatures, toyDims, toySparsity, toySteps)) {
            p.addListener(edited);
        }
        revalidate();
    }

    /** How x is drawn: the uniform world over the source below, or a world of the catalogue or a file. */
    public WorldSelection world() {
        return world;
    }

    public ObjectProperty<WpSource> sourceProperty() {
        return source;
    }

    /** The catalogue preset used when the source is {@link WpSource#PRESET}. */
    public ObjectProperty<WpPreset> presetProperty() {
        return preset;
    }

    /** The WSAEs trained beside the SAE: variance, oracle or both. */
    public ObjectProperty<WsaeModels> wsaeWeightingProperty() {
        return wsaeWeighting;
    }

    public ObjectProperty<Device> deviceProperty() {
        return device;
    }

    /** The sparsity grid as typed, e.g. "0,0.3,0.6,0.8,0.9,0.95,0.99". */
    public StringProperty gridProperty() {
        return grid;
    }

    public StringProperty seedsProperty() {
        return seeds;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty latentsProperty() {
        return latents;
    }

    public StringProperty l1Property() {
        return l1;
    }

    public StringProperty alphaProperty() {
        return alpha;
    }

    public StringProperty toyFeaturesProperty() {
        return toyFeatures;
    }

    public StringProperty toyDimsProperty() {
        return toyDims;
    }

    public StringProperty toySparsityProperty() {
        return toySparsity;
    }

    public StringProperty toyStepsProperty() {
        return toySteps;
    }

    /** The validated settings, or null while a field is wrong. */
    public ReadOnlyObjectProperty<SweepSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** Every wrong field's message, one per line; empty when the form is valid. */
    public ReadOnlyStringProperty validationMessageProperty() {
        return validationMessage.getReadOnlyProperty();
    }

    /** The message for one field; empty when it is valid. */
    ReadOnlyStringProperty fieldErrorProperty(SettingsParser.Field field) {
        return fieldErrors.get(field).getReadOnlyProperty();
    }

    /** The settings to save: the current ones, or the last valid ones while a field is wrong. */
    SweepSettings lastValid() {
        return settings.get() != null ? settings.get() : lastValid;
    }

    /**
     * Shows a core refusal that ended a run on the field it is about, in the GUI's words (the form itself checks the
     * ranges, so this is rare); it stays until the form is edited.
     */
    void showRunProblem(InvalidInputException e) {
        runProblem = e;
        revalidate();
    }

    /** Puts {@code s} into the fields. */
    void fill(SweepSettings s) {
        world.choiceProperty().set(s.world());
        source.set(s.source());
        preset.set(s.preset());
        wsaeWeighting.set(s.wsae());
        device.set(s.device());
        grid.set(s.gridText());
        seeds.set(Integer.toString(s.seeds()));
        steps.set(Integer.toString(s.steps()));
        latents.set(Integer.toString(s.latents()));
        l1.set(SweepSettings.plain(s.l1()));
        alpha.set(SweepSettings.plain(s.alpha()));
        toyFeatures.set(Integer.toString(s.toy().features()));
        toyDims.set(Integer.toString(s.toy().dims()));
        toySparsity.set(SweepSettings.plain(s.toy().sparsity()));
        toySteps.set(Integer.toString(s.toy().steps()));
    }

    private void revalidate() {
        if (source.get() == null || preset.get() == null || wsaeWeighting.get() == null || device.get() == null) {
            return;
        }
        SettingsParser.Parsed p = SettingsParser.parse(world.get(), source.get(), preset.get(), wsaeWeighting.get(), device.get(),
                grid.get(), seeds.get(), steps.get(), latents.get(), l1.get(), alpha.get(), toyFeatures.get(),
                toyDims.get(), toySparsity.get(), toySteps.get());
        Map<SettingsParser.Field, String> errors = new EnumMap<>(SettingsParser.Field.class);
        errors.putAll(p.errors());
        SettingsParser.Field problemField = runProblem == null ? null : SettingsParser.Field.of(runProblem.parameter());
        if (problemField != null) {
            errors.putIfAbsent(problemField, ErrorText.refusal(runProblem, FieldLabels.TABLE));
        }
        for (var e : fieldErrors.entrySet()) {
            e.getValue().set(errors.getOrDefault(e.getKey(), ""));
        }
        validationMessage.set(String.join("\n", errors.values()));
        settings.set(p.settings());
        if (p.settings() != null) {
            lastValid = p.settings();
        }
    }
}
