package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.HookPoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --sae} and {@code --hook} for the commands that run an SAE on a model's activations. */
final class SaeOption {
    @Option(names = "--sae", required = true, description = "SAE checkpoint for one of the model's hook points.")
    Path path;

    @Option(names = "--hook", description = "Hook point; default: the checkpoint's hook_name.")
    String hook;

    LoadedCheckpoint load() {
        return CheckpointLoader.load(path);
    }

    /** --hook, else the hook the checkpoint names; refused when neither names one. */
    String hookName(LoadedCheckpoint checkpoint) {
        String name = hook != null ? hook : checkpoint.hookName();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("--sae " + path + " names no hook point: pass --hook, e.g. "
                    + "blocks.4.hook_resid_pre");
        }
        return name;
    }

    /** The hook point in {@code model}, with the SAE's d_in checked against the model's width. */
    HookPoint hook(LoadedCheckpoint checkpoint, Gpt2Model model) {
        FeatureLens.checkCompatible(model, checkpoint.model());
        return HookPoint.parse(hookName(checkpoint), model.config().nLayer());
    }
}
