package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.Outcome;
import dev.saeexplorer.core.pseval.PairRecord;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalRow;
import dev.saeexplorer.core.pseval.SkippedPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the pairs table: the row as read and, after a run, what checkpoint A (and B when comparing) made of it.
 *
 * @param index 0-based position in the file (and in the evaluated input)
 * @param a     A's record, null when the row was not evaluated (no run yet, skipped, or beyond the balance)
 * @param notA  why A has no record ("" when it has one or there was no run)
 */
public record PairRow(int index, PsEvalRow row, PairRecord a, PairRecord b, String notA, String notB) {

    /** Rows of a dataset before any run. */
    static List<PairRow> unevaluated(List<PsEvalRow> rows) {
        List<PairRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new PairRow(i, rows.get(i), null, null, "", ""));
        }
        return out;
    }

    /** The evaluated input's rows with both checkpoints' records. */
    static List<PairRow> of(EvaluationJob.Outcome run) {
        List<PsEvalRow> rows = run.plan().rows();
        Map<Integer, PairRecord> a = records(run.a());
        Map<Integer, PairRecord> b = records(run.b());
        Map<Integer, String> whyA = reasons(run.a());
        Map<Integer, String> whyB = reasons(run.b());
        List<PairRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new PairRow(i, rows.get(i), a.get(i), b.get(i), a.containsKey(i) ? "" : whyA.getOrDefault(i,
                    "not evaluated (beyond the balanced label-1 rows)"), run.b() == null || b.containsKey(i) ? ""
                    : whyB.getOrDefault(i, "not evaluated (beyond the balanced label-1 rows)")));
        }
        return out;
    }

    private static Map<Integer, PairRecord> records(PsEvalResult r) {
        Map<Integer, PairRecord> m = new HashMap<>();
        if (r != null) {
            r.pairs().forEach(p -> m.put(p.rowIndex(), p));
        }
        return m;
    }

    private static Map<Integer, String> reasons(PsEvalResult r) {
        Map<Integer, String> m = new HashMap<>();
        if (r != null) {
            for (SkippedPair s : r.skipped()) {
                m.put(s.rowIndex(), "skipped: " + s.reason());
            }
        }
        return m;
    }

    public boolean evaluated() {
        return a != null;
    }

    /** Whether A's same/different call matches the label; null when not evaluated. */
    public Boolean correct() {
        return correct(a);
    }

    public Boolean correctB() {
        return correct(b);
    }

    /** A and B made different same/different calls (so exactly one of them is correct). */
    public boolean disagree() {
        return a != null && b != null && a.same() != b.same();
    }

    static Boolean correct(PairRecord r) {
        return r == null ? null : r.outcome() == Outcome.TP || r.outcome() == Outcome.TN;
    }
}
