package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.HookPoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --sae} and {@code --hook} for the commands that run an SAE on a language model's activations. */
final class SaeOption {
    @Option(names = "--sae", required = true, description = "SAE checkpoint folder (SAELens or sparsify layout).")
    Path folder;

    @Option(names = "--hook", description = "Hook point, when the checkpoint does not name one (e.g. blocks.4.hook_resid_pre).")
    String hook;

    LoadedCheckpoint load() {
        return CheckpointLoader.load(folder);
    }

    /** The SAE's hook point in {@code model}: --hook, else the checkpoint's; the SAE's d_in checked against it. */
    HookPoint hook(LoadedCheckpoint checkpoint, Gpt2Model model) {
        String name = hook != null ? hook : checkpoint.hookName();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("--sae " + folder + " names no hook point: pass --hook, e.g."
                    + " blocks.4.hook_resid_pre");
        }
        FeatureLens.checkCompatible(model, checkpoint.model());
        return HookPoint.parse(name, model.config().nLayer());
    }
}
