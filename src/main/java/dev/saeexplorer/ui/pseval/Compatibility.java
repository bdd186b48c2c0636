package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LanguageModel;
import java.util.Locale;

/**
 * Whether a model, a checkpoint and a hook point go together, and if not, what to pick instead. The one place the
 * workspace decides it, before the core would refuse the same combination with a terser message.
 */
final class Compatibility {
    private Compatibility() {
    }

    /** "" when PS-Eval can tokenise for the model; otherwise why not and what to choose. */
    static String model(LanguageModel m) {
        int vocab = m.model().config().vocabSize();
        if (vocab < Gpt2Tokenizer.VOCAB_SIZE) {
            return String.format(Locale.ROOT, "%s has a vocabulary of %,d tokens, but PS-Eval tokenises the pairs with"
                    + " GPT-2's byte-pair encoding (%,d tokens), so it needs a GPT-2-family model. Choose a folder such"
                    + " as gpt2 or gpt2-medium from the Hugging Face cache.", m.name(), vocab, Gpt2Tokenizer.VOCAB_SIZE);
        }
        return "";
    }

    /**
     * "" when the checkpoint reads the model at {@code hook}; otherwise what is wrong and what to pick.
     *
     * @param hook the hook point to use (typed or from the checkpoint); null when neither says
     */
    static String checkpoint(LanguageModel m, LoadedSae s, HookPoint hook) {
        int dModel = m.model().dModel();
        int dIn = s.checkpoint().dIn();
        if (dIn != dModel) {
            String trainedOn = s.checkpoint().modelName() == null ? "" : " (its configuration names "
                    + s.checkpoint().modelName() + ")";
            return String.format(Locale.ROOT, "The SAE %s reads vectors of d_in = %d, but the model %s has d_model = %d:"
                    + " it was trained on another model%s. Choose an SAE trained on %s (d_in = %d), or load the model"
                    + " it was trained on (d_model = %d).", s.name(), dIn, m.name(), dModel, trainedOn, m.name(),
                    dModel, dIn);
        }
        if (hook == null) {
            return "The SAE " + s.name() + " does not say which hook point it was trained on. Type it under Hook"
                    + " point (for example blocks.4.hook_resid_pre).";
        }
        int layers = m.model().config().nLayer();
        if (hook.layer() >= layers) {
            return String.format(Locale.ROOT, "The hook point %s is beyond %s, which has %d block%s (layers 0 to %d)."
                    + " Choose an SAE trained on one of its layers, or the larger model it was trained on.",
                    hook.name(), m.name(), layers, layers == 1 ? "" : "s", layers - 1);
        }
        return "";
    }
}
