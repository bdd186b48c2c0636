package dev.saeexplorer.ui.training;

import dev.saeexplorer.ui.common.ChartStyle;
import java.awt.Color;
import dev.saeexplorer.core.sae.Weighting;

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

    /** The model's colour in the lab's charts (as model A and B are in the other workspaces). */
    public Color colour() {
        return this == SAE ? ChartStyle.BLUE : ChartStyle.ORANGE;
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
