package dev.saeexplorer.core.io.checkpoint;

/**
 * The SAE checkpoint layouts {@link Checkpoints} reads (design/ARCHITECTURE.md, "SAE checkpoints"), one
 * {@link CheckpointReader} each (SAELens' two generations share {@link SaeLensReader}).
 */
public enum CheckpointFormat {
    /** SAELens ≥ 6: {@code cfg.json} with {@code architecture} and {@code metadata}, {@code sae_weights.safetensors}. */
    SAELENS("saelens"),
    /**
     * SAELens &lt; 6 (the PS-Eval authors' fork included): {@code cfg.json} with {@code activation_fn_str},
     * {@code hook_point}/{@code hook_name}, {@code hook_layer}; {@code sae_weights.safetensors}.
     */
    SAELENS_LEGACY("saelens-legacy"),
    /** EleutherAI sparsify: {@code cfg.json} and {@code sae.safetensors} ({@code encoder.weight} [num_latents, d_in]). */
    SPARSIFY("sparsify"),
    /** OpenAI {@code sparse_autoencoder}: a {@code torch.save}d {@code Autoencoder} state dict ({@code .pt}). */
    OPENAI("openai"),
    /** saprmarks/dictionary_learning: {@code ae.pt} (a state dict) and {@code config.json} ({@code trainer.dict_class}). */
    DICTIONARY_LEARNING("dictionary-learning"),
    /** Google DeepMind Gemma Scope: {@code params.npz} (JumpReLU), layer and width in the path. */
    GEMMA_SCOPE("gemma-scope"),
    /** OpenMOSS Llama Scope (lm_saes): {@code hyperparams.json} and {@code checkpoints/final.safetensors}. */
    LLAMA_SCOPE("llama-scope");

    private final String id;

    CheckpointFormat(String id) {
        this.id = id;
    }

    /** The name used in {@code inspect}'s and {@code encode}'s JSON, e.g. "saelens" or "dictionary-learning". */
    public String id() {
        return id;
    }
}
