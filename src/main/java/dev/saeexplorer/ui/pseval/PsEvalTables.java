package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.polysemy.PolysemyEncoder;
import dev.saeexplorer.core.pseval.FeatureActivation;
import dev.saeexplorer.core.pseval.PairRecord;
import dev.saeexplorer.ui.common.ExportableTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The workspace's tables as CSV: Table 7 with the baselines, every pair with what each checkpoint made of it, and the
 * polysemy world's five encoders.
 */
final class PsEvalTables {
    private PsEvalTables() {
    }

    static ExportableTable metrics(PsEvalViewModel vm) {
        EvaluationJob.Outcome o = vm.resultsProperty().get();
        boolean compare = o != null && o.b() != null;
        return new ExportableTable("PS-Eval metrics", Table7.columns(o == null ? "A" : o.plan().a().name(),
                compare ? o.plan().b().name() : null),
                () -> vm.metrics().stream().map(r -> r.cells(compare)).collect(Collectors.toList()));
    }

    static ExportableTable world(PsEvalViewModel vm) {
        List<PolysemyEncoder> encoders = List.of(PolysemyEncoder.values());
        return new ExportableTable("PS-Eval polysemy world", WorldTable.columns(),
                () -> vm.worldRows().stream().map(r -> r.cells(encoders)).collect(Collectors.toList()));
    }

    static ExportableTable pairs(PsEvalViewModel vm) {
        List<String> columns = new ArrayList<>(List.of("id", "word", "label", "context1", "context2", "feature1",
                "activation1", "feature2", "activation2", "sameFeature", "correct", "distinctionLLM", "distinctionSAE",
                "top1", "top2", "note"));
        columns.addAll(List.of("feature1B", "feature2B", "sameFeatureB", "correctB", "distinctionSAEB"));
        return new ExportableTable("PS-Eval pairs", columns, () -> vm.browser().allRows().stream()
                .map(PsEvalTables::cells).collect(Collectors.toList()));
    }

    private static List<String> cells(PairRow p) {
        PairRecord a = p.a();
        PairRecord b = p.b();
        List<String> c = new ArrayList<>(List.of(p.row().id(), p.row().targetWord(), String.valueOf(p.row().label()),
                p.row().context1(), p.row().context2()));
        c.addAll(List.of(str(a == null ? null : a.maxFeature1()), str(a == null ? null : a.maxActivation1()),
                str(a == null ? null : a.maxFeature2()), str(a == null ? null : a.maxActivation2()),
                a == null ? "" : String.valueOf(a.same()), str(p.correct()),
                str(a == null ? null : a.llmDistinction()), str(a == null ? null : a.saeDistinction()),
                a == null ? "" : top(a.top1()), a == null ? "" : top(a.top2()), p.notA()));
        c.addAll(List.of(str(b == null ? null : b.maxFeature1()), str(b == null ? null : b.maxFeature2()),
                b == null ? "" : String.valueOf(b.same()), str(p.correctB()),
                str(b == null ? null : b.saeDistinction())));
        return c;
    }

    private static String top(List<FeatureActivation> top) {
        return top.stream().map(f -> f.feature() + ":" + String.format(Locale.ROOT, "%.4g", f.activation()))
                .collect(Collectors.joining(" "));
    }

    private static String str(Object v) {
        return v == null ? "" : String.valueOf(v);
    }
}
