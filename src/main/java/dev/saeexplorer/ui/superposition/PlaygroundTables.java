package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.SampleStats;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.ArrayList;
import java.util.List;

/** The playground's numbers as CSV-ready tables: per feature at x, and the Monte-Carlo curves. */
final class PlaygroundTables {
    private PlaygroundTables() {
    }

    static List<ExportableTable> of(PlaygroundViewModel vm) {
        return List.of(
                new ExportableTable("playground-features", List.of("feature", "x", "x_m", "status"),
                        () -> features(vm.x(), vm.resultProperty().get())),
                new ExportableTable("playground-monte-carlo", List.of("sparsity", "samples", "L_SAE", "L_GT",
                        "gap_SAE (Theorem 4)", "L_WSAE", "gap_WSAE (Theorem 5)", "fraction_shrunk",
                        "fraction_vanished", "recovery_ratio"), () -> curves(vm.curvesProperty().get())));
    }

    static List<List<String>> features(double[] x, ClosedFormResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(List.of(Integer.toString(i), num(x[i]), num(r.xm()[i]), r.status()[i].id()));
        }
        return rows;
    }

    static List<List<String>> curves(CurveSet c) {
        List<List<String>> rows = new ArrayList<>();
        if (c == null) {
            return rows;
        }
        for (SampleStats p : c.points()) {
            rows.add(List.of(num(p.sparsity()), Integer.toString(p.samples()), num(p.lossSAE()), num(p.lossGT()),
                    num(p.gapSAE()), num(p.lossWSAE()), num(p.gapWSAE()), num(p.fractionShrunk()),
                    num(p.fractionVanished()), num(p.meanRecoveryRatio())));
        }
        return rows;
    }

    /** Full precision for the CSV; an empty cell for a value that does not exist (no Γ, no active feature). */
    private static String num(Double v) {
        return v == null ? "" : Double.toString(v);
    }
}
