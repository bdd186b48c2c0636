package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.superposition.Superposition;

/** A finished lab run: the settings it used, W_p, and both models. */
public record LabOutcome(LabSettings settings, Superposition superposition, ModelOutcome sae, ModelOutcome wsae) {
    public ModelOutcome of(ModelKind kind) {
        return kind == ModelKind.SAE ? sae : wsae;
    }
}
