package dev.saeexplorer.core;

/**
 * The settings a person gives the core, by identity. A core input error names the one it is about
 * ({@link InvalidInputException#parameter()}); each front end names them its own way from one table: the CLI by its
 * flags, a form by its field labels ({@link ParamNames}). The key is the stable name in files and logs.
 */
public enum Param {
    SPARSITY("sparsity"),
    SPARSITIES("sparsities"),
    SEEDS("seeds"),
    SEED("seed"),
    LATENTS("latents"),
    ACTIVATION("activation"),
    K("k"),
    THETA("theta"),
    L1("l1"),
    ALPHA("alpha"),
    WEIGHTING("weighting"),
    AUX("aux"),
    TIED("tied"),
    DEAD_WINDOW("deadWindow"),
    STEPS("steps"),
    BATCH("batch"),
    LEARNING_RATE("lr"),
    EVAL_SAMPLES("evalSamples"),
    SAMPLES("samples"),
    GAMMA("gamma"),
    WP("wp"),
    X("x"),
    FEATURES("features"),
    DIMS("dims"),
    IMPORTANCE("importance"),
    DEVICE("device"),
    FALLBACK_CPU("fallbackCpu"),
    CONTEXT_SIZE("contextSize"),
    TEXT("text"),
    TOP("top"),
    MAX_TOKENS("maxTokens"),
    TOP_K("topK"),
    FEATURE("feature"),
    OUT("out"),
    FORCE("force"),
    WORDS("words"),
    SENSES("senses"),
    BACKGROUND("background"),
    SENSE_STRENGTH("senseStrength"),
    PAIRS("pairs"),
    WORLD("world");

    private final String key;

    Param(String key) {
        this.key = key;
    }

    /** The stable name: what {@link ParamNames#KEYS} shows and what tables are checked against. */
    public String key() {
        return key;
    }
}
