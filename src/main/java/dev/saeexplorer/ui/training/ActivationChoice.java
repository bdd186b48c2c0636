package dev.saeexplorer.ui.training;

import java.util.Locale;

/** The activations the form offers; k and θ live in their own fields so switching back and forth keeps them. */
public enum ActivationChoice {
    RELU("ReLU"), TOPK("TopK"), JUMPRELU("JumpReLU");

    private final String label;

    ActivationChoice(String label) {
        this.label = label;
    }

    /** The core's id (relu, topk, jumprelu), also used in session files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActivationChoice fromId(String id) {
        for (ActivationChoice a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
