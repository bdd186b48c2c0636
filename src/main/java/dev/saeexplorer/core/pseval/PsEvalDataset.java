package dev.saeexplorer.core.pseval;

import java.util.ArrayList;
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

    /** Both contexts of every row, in order: the in-domain text an LM SAE is trained on (as the PS-Eval paper does). */
    public List<String> contexts() {
        List<String> texts = new ArrayList<>(2 * rows.size());
        for (PsEvalRow r : rows) {
            texts.add(r.context1());
            texts.add(r.context2());
        }
        return texts;
    }
}
