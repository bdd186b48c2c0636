package dev.saeexplorer.ui.checkpoints;

/** The per-feature distributions the inspector draws, with the words its charts use. */
public enum Distribution {
    DECODER_NORM("Decoder norms", "‖W_dec[j]‖ (decoder row norm)"),
    ENC_DEC_COSINE("Encoder/decoder cosine", "cos(W_enc[:, j], W_dec[j, :])"),
    LOG10_DENSITY("Activation density", "log10 firing frequency"),
    BEST_MATCH("Best match in B", "largest cosine between a decoder row of A and any decoder row of B");

    private final String title;
    private final String axis;

    Distribution(String title, String axis) {
        this.title = title;
        this.axis = axis;
    }

    public String title() {
        return title;
    }

    public String axis() {
        return axis;
    }
}
