package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.InputField;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One SAE checkpoint (A, or B for a comparison) and the hook point it is evaluated at: read from the checkpoint's
 * configuration, editable when the configuration does not say.
 */
public final class CheckpointInput {
    static final String ADVICE = "Choose an SAE checkpoint: SAELens (cfg.json + sae_weights.safetensors), sparsify"
            + " (cfg.json + sae.safetensors), OpenAI (.pt), dictionary_learning (ae.pt + config.json), Gemma Scope"
            + " (params.npz) or Llama Scope (hyperparams.json), trained on one of this model's hook points.";

    private final LoadSlot<LoadedSae> slot;
    private final InputField<HookPoint> hook = new InputField<>("hook", "Hook point",
            "The TransformerLens hook point the SAE reads, e.g. blocks.4.hook_resid_pre. Filled from the checkpoint's"
                    + " configuration; type it when the configuration does not say.", "", Fields.hook(true));

    CheckpointInput(WorkspaceContext ctx, String what) {
        this.slot = new LoadSlot<>(ctx, what, LoadedSae::describe);
    }

    /**
     * Reads a checkpoint in the background. It is refused (and the loaded one kept) when it cannot read {@code model}'s
     * activations, or when its configuration names a hook point that is not a language model's.
     */
    void load(Path path, Supplier<LanguageModel> model, Consumer<LoadedSae> then) {
        slot.load(path.toString(), monitor -> new LoadedSae(path, CheckpointLoader.load(path)),
                sae -> refusal(sae, model.get()), ADVICE,
                sae -> hook.textProperty().set(sae.checkpoint().hookName() == null ? "" : sae.checkpoint().hookName()),
                then);
    }

    private static String refusal(LoadedSae sae, LanguageModel model) {
        String named = sae.checkpoint().hookName();
        HookPoint h = null;
        if (named != null) {
            try {
                h = HookPoint.parse(named);
            } catch (InvalidInputException e) {
                return "The SAE " + sae.name() + " was trained at '" + named + "', which is not a language model's hook"
                        + " point (it may be an SAE of synthetic data). Choose an SAE trained on a GPT-2 model's"
                        + " activations, with a hook such as blocks.4.hook_resid_pre.";
            }
        }
        return model == null ? "" : Compatibility.checkpoint(model, sae, h);
    }

    /** "" when this checkpoint can be evaluated on {@code model} (or none is loaded); otherwise what to change. */
    String problem(LanguageModel model) {
        LoadedSae sae = slot.get();
        if (sae == null || model == null) {
            return "";
        }
        if (!hook.valid()) {
            return hook.errorProperty().get();
        }
        return Compatibility.checkpoint(model, sae, hook.value());
    }

    /** The hook point to evaluate at, or null when the field is empty or refused. */
    HookPoint hookPoint() {
        return hook.valid() ? hook.value() : null;
    }

    public InputField<HookPoint> hook() {
        return hook;
    }

    LoadSlot<LoadedSae> slot() {
        return slot;
    }

    public LoadedSae loaded() {
        return slot.get();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<LoadedSae> loadedProperty() {
        return slot.valueProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty loadingProperty() {
        return slot.loadingProperty();
    }

    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return slot.progressProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
        return slot.messageProperty();
    }

    /** Stops a load in progress; the loaded checkpoint stays. */
    public void cancelLoad() {
        slot.cancel();
    }
}
