package dev.saeexplorer.cli;

import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.ParamNames;
import java.util.EnumMap;
import java.util.Map;

/** The one table from the core's parameters to the flags that set them (design/CLI.md): how errors name a setting. */
final class FlagNames implements ParamNames {
    static final FlagNames TABLE = new FlagNames();

    private final Map<Param, String> flags = new EnumMap<>(Param.class);

    private FlagNames() {
        flags.put(Param.SPARSITY, "--sparsity");
        flags.put(Param.SPARSITIES, "--sparsities");
        flags.put(Param.SEEDS, "--seeds");
        flags.put(Param.SEED, "--seed");
        flags.put(Param.LATENTS, "--latents");
        flags.put(Param.ACTIVATION, "--activation");
        flags.put(Param.K, "--k");
        flags.put(Param.THETA, "--theta");
        flags.put(Param.L1, "--l1");
        flags.put(Param.ALPHA, "--alpha");
        flags.put(Param.WEIGHTING, "--weighting");
        flags.put(Param.AUX, "--aux");
        flags.put(Param.TIED, "--tied");
        flags.put(Param.DEAD_WINDOW, "--dead-window");
        flags.put(Param.STEPS, "--steps");
        flags.put(Param.BATCH, "--batch");
        flags.put(Param.LEARNING_RATE, "--lr");
        flags.put(Param.EVAL_SAMPLES, "--eval-samples");
        flags.put(Param.SAMPLES, "--samples");
        flags.put(Param.GAMMA, "--gamma");
        flags.put(Param.WP, "--wp");
        flags.put(Param.X, "--x");
        flags.put(Param.FEATURES, "--features");
        flags.put(Param.DIMS, "--dims");
        flags.put(Param.IMPORTANCE, "--importance");
        flags.put(Param.DEVICE, "--device");
        flags.put(Param.FALLBACK_CPU, "--fallback-cpu");
        flags.put(Param.OUT, "--out");
        flags.put(Param.FORCE, "--force");
    }

    @Override
    public String nameOf(Param param) {
        String flag = flags.get(param);
        if (flag == null) {
            throw new IllegalStateException("no flag for " + param + ": add it to FlagNames");
        }
        return flag;
    }

    /** The flag of {@code param}, for messages the CLI writes itself. */
    static String of(Param param) {
        return TABLE.nameOf(param);
    }
}
