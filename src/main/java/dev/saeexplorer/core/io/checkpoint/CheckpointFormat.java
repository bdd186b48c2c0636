package dev.saeexplorer.core.io.checkpoint;

/** The SAE checkpoint layouts {@link CheckpointLoader} reads (design/ARCHITECTURE.md, "SAE checkpoints"). */
public enum CheckpointFormat {
    /** SAELens ≥ 6: {@code cfg.json} with {@code architecture} and {@code metadata}, {@code sae_weights.safetensors}. */
    SAELENS("saelens"),
    /**
     * SAELens &lt; 6 (the PS-Eval authors' fork included): {@code cfg.json} with {@code activation_fn_str},
     * {@code hook_point}/{@code hook_name}, {@code hook_layer}; {@code sae_weights.safetensors}.
     */
    SAELENS_LEGACY("saelens-legacy"),
    /** EleutherAI sparsify: {@code cfg.json} and {@code sae.safetensors} ({@code encoder.weight} [num_latents, d_in]). */
    SPARSIFY("sparsify");

    private final String id;

    CheckpointFormat(String id) {
        this.id = id;
    }

    /** The name used in {@code inspect}'s JSON: "saelens", "saelens-legacy" or "sparsify". */
    public String id() {
        return id;
    }
}
