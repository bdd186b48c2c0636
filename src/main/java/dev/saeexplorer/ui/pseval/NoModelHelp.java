package dev.saeexplorer.ui.pseval;

import java.nio.file.Path;

/** What the workspace says while no language model is loaded: what it needs, where it looks, how to get it. */
final class NoModelHelp {
    private NoModelHelp() {
    }

    static String title() {
        return "No language model loaded yet";
    }

    static String needed() {
        return "PS-Eval runs a GPT-2-family model on every pair and reads its activations at the SAE's hook point. It"
                + " needs a Hugging Face model folder holding config.json and model.safetensors (GPT-2 small is about"
                + " 500 MB), and an SAE checkpoint trained on that model.";
    }

    static String where(Path hub, int found) {
        return "The app looks in the Hugging Face cache, " + hub + " (set HF_HOME or HF_HUB_CACHE to look elsewhere), "
                + (found == 0 ? "and found no GPT-2 model there." : "and found " + found + " GPT-2 model"
                + (found == 1 ? "" : "s") + ": pick one under Language model.") + " Any other folder can be chosen"
                + " with Choose… under Language model.";
    }

    static String how() {
        return "To get GPT-2 small onto this machine: on a computer with internet access run"
                + " “huggingface-cli download gpt2” (or, in Python, load it once with"
                + " “transformers.AutoModel.from_pretrained('gpt2')”), then copy the folder"
                + " models--gpt2/snapshots/<revision>/ here, or the whole models--gpt2 folder into the cache above.";
    }

    static String meanwhile() {
        return "Meanwhile the bundled sample pairs can be browsed below, and everything that needs no model works:"
                + " PS-Eval itself runs on the polysemy world, a synthetic language whose senses are known, with real"
                + " numbers for a trained SAE, a WSAE, the closed-form SAE, the true features and a random SAE.";
    }

    static String tryWorld() {
        return "Try PS-Eval on the polysemy world (synthetic, nothing to download)";
    }

    /** All of it, for the panel's accessible text and for tests. */
    static String text(Path hub, int found) {
        return String.join("\n\n", needed(), where(hub, found), how(), meanwhile());
    }
}
