package dev.saeexplorer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.FeatureStatus;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "closed-form", mixinStandardHelpOptions = true,
        description = "The closed-form SAE W_m = W_pᵀ at one x: x_p, x_m, per-feature status, geometry, losses and gaps.")
public final class ClosedFormCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ActivationOptions activation;

    @Option(names = "--wp", required = true, description = "W_p (n_p×n): inline JSON, a JSON file or a toy-model file.")
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
        Superposition sp = Superposition.of(MatrixJson.matrix(wp, "--wp"));
        double[] xv = MatrixJson.vector(x, "--x");
        double[] g = gamma == null ? null : MatrixJson.vector(gamma, "--gamma");
        ClosedFormResult r = new ClosedForm(sp, activation.toActivation()).evaluate(xv, g);
        Geometry geometry = Geometry.of(sp);
        Output o = new Output(r.xp(), r.xm(), r.status(), sp.gram(), geometry.nonPositiveInterference(),
                geometry.polygonBlocks(), r.lossSAE(), r.lossGT(), r.gapSAE(), r.lossWSAE(), r.gapWSAE());
        if (common.json) {
            ctx.printJson(o);
        } else {
            printTable(xv, r, geometry);
        }
        return Cli.OK;
    }

    private void printTable(double[] xv, ClosedFormResult r, Geometry geometry) {
        var out = ctx.out();
        out.printf("x_p = %s%n%n", Tables.vector(r.xp()));
        out.printf("%8s %12s %12s  %s%n", "feature", "x", "x_m", "status");
        for (int i = 0; i < xv.length; i++) {
            out.printf("%8d %12.6g %12.6g  %-9s %s%n", i, xv[i], r.xm()[i], r.status()[i].id(), r.status()[i].meaning());
        }
        out.println();
        out.printf("non-positive interference (Theorem 2): %s%n", geometry.nonPositiveInterference() ? "yes" : "no");
        out.printf("digon/polygon blocks (Theorem 1):      %s%n",
                geometry.polygonBlocks() == null ? "no (" + geometry.failure() + ")" : geometry.polygonBlocks());
        out.printf("L_SAE = %.6g   L_GT = %.6g   gap_SAE = %.6g (Theorem 4)%n", r.lossSAE(), r.lossGT(), r.gapSAE());
        if (r.lossWSAE() != null) {
            out.printf("L_WSAE = %.6g  gap_WSAE = %.6g (Theorem 5)%n", r.lossWSAE(), r.gapWSAE());
        }
    }

    /** The JSON of design/CLI.md. */
    record Output(double[] xp, double[] xm, FeatureStatus[] status, double[][] gram, boolean nonPositiveInterference,
                  List<List<Integer>> polygonBlocks, double lossSAE, double lossGT, double gapSAE,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double lossWSAE,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Double gapWSAE) {
    }
}
