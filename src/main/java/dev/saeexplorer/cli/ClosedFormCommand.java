package dev.saeexplorer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.FeatureStatus;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.WpPreset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "closed-form", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "The closed-form SAE W_m = W_pᵀ at one x: x_p, x_m, per-feature status, geometry, losses and gaps.")
public final class ClosedFormCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ActivationOptions activation;

    @Option(names = "--wp", required = true, description = "W_p (n_p×n): inline JSON, a JSON file, a toy-model file or preset:NAME (" + WpPreset.IDS + ").")
    String wp;

    @Option(names = "--x", required = true, description = "Ground-truth x (n values): inline JSON or a JSON file.")
    String x;

    @Option(names = "--gamma", description = "WSAE weights γ (n_p values): adds the WSAE loss and the Theorem 5 gap.")
    String gamma;

    public ClosedFormCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Superposition sp = WpPreset.load(wp, "--wp");
        double[] xv = MatrixJson.vector(x, "--x");
        double[] g = gamma == null ? null : MatrixJson.vector(gamma, "--gamma");
        ClosedFormResult r = new ClosedForm(sp, activation.toActivation()).evaluate(xv, g);
        Geometry geometry = Geometry.of(sp);
        Output o = new Output(r.xp(), r.xm(), r.status(), sp.gram(), geometry.nonPositiveInterference(),
                geometry.polygonBlocks(), r.lossSAE(), r.lossGT(), r.gapSAE(), r.lossWSAE(), r.gapWSAE());
        if (common.json) {
            ctx.printJson(o);
        } else {
            ClosedFormReport.print(ctx.out(), xv, r, geometry);
        }
        return Cli.OK;
    }

    /** The JSON of design/CLI.md. */
    record Output(double[] xp, double[] xm, FeatureStatus[] status, double[][] gram, boolean nonPositiveInterference,
                  List<List<Integer>> polygonBlocks, double lossSAE, double lossGT, double gapSAE,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double lossWSAE,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double gapWSAE) {
    }
}
