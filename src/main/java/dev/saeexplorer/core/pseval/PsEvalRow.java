package dev.saeexplorer.core.pseval;

import java.util.Objects;

/**
 * One PS-Eval pair (design/PSEVAL.md "Rows"). {@code label} 1 = same meaning, 0 = different meaning.
 *
 * @param wordIndex1 0-based whitespace-token index of the target in the WiC sentence 1, or -1 when the source has none
 *                   (the authors' JSON)
 * @param span1      the target's character span in {@code context1} (detokenised text), or {@code null} when unknown
 */
public record PsEvalRow(String id, String targetWord, String pos, int label, String context1, String context2,
                        int wordIndex1, int wordIndex2, CharSpan span1, CharSpan span2) {
    public PsEvalRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(targetWord, "targetWord");
        Objects.requireNonNull(context1, "context1");
        Objects.requireNonNull(context2, "context2");
        pos = pos == null ? "" : pos;
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, was " + label);
        }
        if (span1 != null && !span1.fits(context1.length())) {
            throw new IllegalArgumentException("span1 " + span1 + " beyond context 1");
        }
        if (span2 != null && !span2.fits(context2.length())) {
            throw new IllegalArgumentException("span2 " + span2 + " beyond context 2");
        }
    }

    /** A row without word indices or spans. */
    public static PsEvalRow of(String id, String targetWord, int label, String context1, String context2) {
        return new PsEvalRow(id, targetWord, "", label, context1, context2, -1, -1, null, null);
    }

    public boolean same() {
        return label == 1;
    }
}
