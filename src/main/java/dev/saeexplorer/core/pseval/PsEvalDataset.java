package dev.saeexplorer.core.pseval;

import java.util.List;

/** The usable rows of a PS-Eval input, in file order, and the rows that were skipped with reasons. */
public record PsEvalDataset(String source, List<PsEvalRow> rows, List<SkippedRow> skipped) {
    public PsEvalDataset {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    public long countLabel(int label) {
        return rows.stream().filter(r -> r.label() == label).count();
    }
}
