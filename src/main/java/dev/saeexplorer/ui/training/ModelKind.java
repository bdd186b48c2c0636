package dev.saeexplorer.ui.training;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.sae.Weighting;
import java.awt.Color;

/** The two models the lab trains side by side. */
public enum ModelKind {
    SAE("SAE"), WSAE("WSAE");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** What the model is in the chart style: the SAE (as model A is in the other workspaces) or the WSAE (model B). */
    public ChartStyle.Role role() {
        return this == SAE ? ChartStyle.Role.SAE : ChartStyle.Role.WSAE;
    }

    /** The model's colour in the lab's charts. */
    public Color colour() {
        return role().colour();
    }

    /** The SAE always uses Γ = I; the WSAE uses the weight source chosen in the settings. */
    public Weighting weighting(Weighting wsaeSource) {
        return this == SAE ? Weighting.NONE : wsaeSource;
    }

    @Override
    public String toString() {
        return label;
    }
}
