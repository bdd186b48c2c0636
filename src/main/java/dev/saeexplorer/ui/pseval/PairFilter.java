package dev.saeexplorer.ui.pseval;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the pairs table shows: a text search over id, word and both contexts, the label, A's result, A's max-feature
 * call, and (when comparing) only the pairs where A and B disagree.
 */
public record PairFilter(String text, Label label, Result result, Features features, boolean disagreeOnly)
        implements Predicate<PairRow> {

    public enum Label {
        ANY("Any label"), SAME("Same meaning"), DIFFERENT("Different meaning");

        private final String text;

        Label(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public enum Result {
        ANY("Any result"), CORRECT("Correct"), INCORRECT("Wrong"), NOT_EVALUATED("Not evaluated");

        private final String text;

        Result(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public enum Features {
        ANY("Any max features"), SAME("Same max feature"), DIFFERENT("Different max features");

        private final String text;

        Features(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static final PairFilter ALL = new PairFilter("", Label.ANY, Result.ANY, Features.ANY, false);

    public PairFilter {
        text = text == null ? "" : text.strip();
        label = label == null ? Label.ANY : label;
        result = result == null ? Result.ANY : result;
        features = features == null ? Features.ANY : features;
    }

    @Override
    public boolean test(PairRow p) {
        return matchesText(p) && matchesLabel(p) && matchesResult(p) && matchesFeatures(p)
                && (!disagreeOnly || p.disagree());
    }

    private boolean matchesText(PairRow p) {
        if (text.isEmpty()) {
            return true;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return contains(p.row().targetWord(), needle) || contains(p.row().id(), needle)
                || contains(p.row().context1(), needle) || contains(p.row().context2(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private boolean matchesLabel(PairRow p) {
        return label == Label.ANY || (label == Label.SAME) == (p.row().label() == 1);
    }

    private boolean matchesResult(PairRow p) {
        return switch (result) {
            case ANY -> true;
            case CORRECT -> Boolean.TRUE.equals(p.correct());
            case INCORRECT -> Boolean.FALSE.equals(p.correct());
            case NOT_EVALUATED -> !p.evaluated();
        };
    }

    private boolean matchesFeatures(PairRow p) {
        return features == Features.ANY || p.a() != null && p.a().same() == (features == Features.SAME);
    }
}
