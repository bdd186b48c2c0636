package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.ui.common.SessionId;

/** What PS-Eval runs on: a language model with SAE checkpoints and pairs of sentences, or the synthetic polysemy world. */
public enum PsEvalSource implements SessionId {
    MODEL("model", "Language model and SAE checkpoints"),
    WORLD("world", "Polysemy world (synthetic)");

    private final String id;
    private final String label;

    PsEvalSource(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    static PsEvalSource fromId(String id) {
        return SessionId.find(PsEvalSource.class, id);
    }
}
