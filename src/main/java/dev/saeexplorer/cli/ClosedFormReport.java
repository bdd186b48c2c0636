package dev.saeexplorer.cli;

import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.Geometry;
import java.io.PrintWriter;

/** The closed form at one x as a table for people. */
final class ClosedFormReport {
    private ClosedFormReport() {
    }

    static void print(PrintWriter out, double[] x, ClosedFormResult r, Geometry geometry) {
        out.printf("x_p = W_p x = %s%n%n", Tables.vector(r.xp()));
        out.printf("%8s %12s %12s  %s%n", "feature", "x", "x_m", "status");
        for (int i = 0; i < x.length; i++) {
            out.printf("%8d %12.6g %12.6g  %-9s %s%n", i, x[i], r.xm()[i], r.status()[i].id(), r.status()[i].meaning());
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
}
