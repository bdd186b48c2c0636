package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.CharSpan;
import dev.saeexplorer.core.pseval.PsEvalRow;
import java.util.Locale;

/**
 * Where the target word is in a context, for highlighting: the span the file gives (WiC's word index, the authors'
 * character locations), else the first whole-word occurrence, case-insensitively; null when it does not occur.
 */
final class TargetSpan {
    private TargetSpan() {
    }

    static CharSpan of(PsEvalRow row, int context) {
        CharSpan given = context == 1 ? row.span1() : row.span2();
        if (given != null) {
            return given;
        }
        return find(context == 1 ? row.context1() : row.context2(), row.targetWord());
    }

    static CharSpan find(String text, String word) {
        if (word.isEmpty()) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        String w = word.toLowerCase(Locale.ROOT);
        for (int at = t.indexOf(w); at >= 0; at = t.indexOf(w, at + 1)) {
            int end = at + w.length();
            if ((at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1)))
                    && (end == t.length() || !Character.isLetterOrDigit(t.charAt(end)))) {
                return new CharSpan(at, end);
            }
        }
        return null;
    }
}
