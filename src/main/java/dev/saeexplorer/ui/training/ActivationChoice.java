package dev.saeexplorer.ui.training;

import dev.saeexplorer.ui.common.SessionId;
import java.util.Locale;

/** The activations the form offers; k and θ live in their own fields so switching back and forth keeps them. */
public enum ActivationChoice implements SessionId {
    RELU("ReLU"), TOPK("TopK"), JUMPRELU("JumpReLU");

    private final String label;

    ActivationChoice(String label) {
        this.label = label;
    }

    /** The core's id (relu, topk, jumprelu), also used in session files. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActivationChoice fromId(String id) {
        return SessionId.find(ActivationChoice.class, id);
    }

    @Override
    public String toString() {
        return label;
    }
}
