package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.PsEvalDataset;
import java.util.List;
import java.util.Locale;

/**
 * Pairs the workspace has loaded, with where they came from.
 *
 * @param spec   the source, with the WiC split actually read
 * @param splits the WiC splits the folder offers (empty for other sources)
 */
public record LoadedDataset(DatasetSpec spec, PsEvalDataset data, List<String> splits) {
    public LoadedDataset {
        splits = List.copyOf(splits);
    }

    /** "44 pairs (22 same meaning, 22 different); 1 unreadable line skipped". */
    public String describe() {
        long same = data.countLabel(1);
        int n = data.rows().size();
        String s = String.format(Locale.ROOT, "%,d pair%s (%,d same meaning, %,d different)", n, n == 1 ? "" : "s",
                same, n - same);
        int bad = data.skipped().size();
        return bad == 0 ? s : s + String.format(Locale.ROOT, "; %,d unreadable line%s skipped", bad, bad == 1 ? "" : "s");
    }
}
