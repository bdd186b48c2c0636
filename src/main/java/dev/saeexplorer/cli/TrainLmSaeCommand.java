package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LmSaeTraining;
import dev.saeexplorer.core.sae.TrainingListener;
import dev.saeexplorer.core.sae.Weighting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-lm-sae", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Train an SAE (or WSAE) on a GPT-2-family model's activations at a hook point; writes a SAELens-layout checkpoint.")
public final class TrainLmSaeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ActivationOptions activation;

    @Mixin
    DeviceOptions device;

    @Mixin
    ModelOption model;

    @Option(names = "--hook", required = true, description = "e.g. blocks.4.hook_resid_pre.")
    String hook;

    @Option(names = "--text-file", description = "Training text, one text per non-empty line.")
    Path textFile;

    @Option(names = "--data", description = "WiC folder or split file (in-domain training, as the PS-Eval paper does).")
    Path data;

    @Option(names = "--split", defaultValue = "train", description = "WiC split with --data (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--expansion", defaultValue = "4", description = "d_sae = expansion · d_in (default: ${DEFAULT-VALUE}).")
    int expansion;

    @Option(names = "--l1", defaultValue = "0.001", description = "L1 coefficient λ (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--weighting", defaultValue = "none", description = "none (SAE) or variance (WSAE) (default: ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--alpha", defaultValue = "1.0", description = "WSAE exponent α (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--steps", defaultValue = "2000", description = "Adam steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "256", description = "Batch size in token vectors (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Checkpoint folder to create.")
    Path out;

    @Option(names = "--force", description = "Replace an existing non-empty --out folder.")
    boolean force;

    public TrainLmSaeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        if ((textFile == null) == (data == null)) {
            throw new InvalidInputException("give exactly one text source: --text-file FILE or --data WIC");
        }
        Flags.atLeastOne(expansion, "--expansion");
        Weighting w = Weighting.parse(weighting);
        if (w == Weighting.ORACLE) {
            throw new InvalidInputException("--weighting oracle needs a known W_p: use none or variance for a language model");
        }
        AtomicFiles.checkDirectoryTarget(out, force);
        ComputeBackend backend = device.select(ctx);
        Gpt2Model lm = model.load();
        HookPoint point = HookPoint.parse(hook, lm.config().nLayer());
        // the GUI's training panel runs the same pipeline (LmSaeTraining); the flags above keep their own messages
        LmSaeTraining.Settings settings = new LmSaeTraining.Settings(point, expansion, activation.toActivation(), l1, w,
                alpha, steps, batch, lr, seed);
        settings.config(lm.dModel()); // refuses bad steps, batch or rates before the text is read
        List<String> texts = texts();
        LmSaeTraining.Outcome o = LmSaeTraining.train(lm, model.tokenizer(), texts, settings,
                backend.device().id(), ctx.monitor(), TrainingListener.NONE);
        String modelName = model.name();
        LmSaeTraining.write(out, force, o, modelName);
        if (common.json) {
            ctx.printJson(o.metrics());
        } else {
            ctx.out().printf("trained a %s with %d latents on %s at %s; checkpoint written to %s%n",
                    w == Weighting.NONE ? "SAE" : "WSAE", o.config().latents(), modelName, point.name(), out);
            o.metrics().forEach((k, v) -> ctx.out().printf("  %-20s %s%n", k,
                    v instanceof Double ? Tables.number((Double) v) : v instanceof double[] ? Tables.vector((double[]) v) : v));
        }
        return Cli.OK;
    }

    private List<String> texts() {
        List<String> texts;
        if (textFile != null) {
            try {
                texts = LmSaeTraining.readTexts(textFile);
            } catch (IOException e) {
                throw new InvalidInputException("--text-file " + textFile + ": cannot read it (" + e.getMessage() + ")", e);
            }
        } else {
            texts = PsEvalCommand.load(data, split).contexts();
        }
        if (texts.isEmpty()) {
            throw new InvalidInputException((textFile != null ? "--text-file " + textFile : "--data " + data)
                    + " holds no text");
        }
        return texts;
    }
}
