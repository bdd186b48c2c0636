package dev.saeexplorer.ui.checkpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feature table's search box, parsed: feature numbers and ranges ("12", "10-20", "3, 7, 100-120") select by index;
 * {@code dead} and {@code dense} select, once A's feature dashboards are built, the features that never fire on their
 * corpus and those that fire on at least {@value #DENSE} of its tokens; other text (or anything in double quotes, for
 * tokens that are numbers) matches the logit-lens tokens, case-insensitively. A query that cannot be used carries the
 * reason, and then selects every feature.
 *
 * @param error why the text is refused, or "" when it is fine
 */
public record FeatureQuery(Predicate<FeatureRow> predicate, String error, boolean byTokens) {
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*(?:[-–]\\s*(\\d+))?");
    private static final Predicate<FeatureRow> ALL = r -> true;
    /** Density from which a feature counts as dense: it fires on a tenth of all tokens or more. */
    static final double DENSE = 0.1;

    /**
     * @param features         d_sae of the open checkpoint (numbers beyond it are refused)
     * @param tokensAvailable  whether logit-lens tokens exist to search in
     */
    public static FeatureQuery parse(String text, int features, boolean tokensAvailable) {
        return parse(text, features, tokensAvailable, false);
    }

    /** @param storeAvailable whether A's feature store is open, so that rows know how often they fire */
    public static FeatureQuery parse(String text, int features, boolean tokensAvailable, boolean storeAvailable) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            return new FeatureQuery(ALL, "", false);
        }
        String word = q.toLowerCase(Locale.ROOT);
        if (word.equals("dead") || word.equals("dense")) {
            if (!storeAvailable) {
                return refused("“" + q + "” needs the feature dashboards: build them (Dashboard tab), or put the word"
                        + " in quotes to search tokens");
            }
            return word.equals("dead")
                    ? new FeatureQuery(r -> r.firesOnProperty().get() == 0, "", false)
                    : new FeatureQuery(r -> r.firesOnProperty().get() >= DENSE, "", false);
        }
        boolean quoted = q.length() >= 2 && q.startsWith("\"") && q.endsWith("\"");
        if (!quoted && Character.isDigit(q.charAt(0))) {
            return byIndex(q, features);
        }
        String needle = (quoted ? q.substring(1, q.length() - 1) : q).toLowerCase(Locale.ROOT);
        if (!tokensAvailable) {
            return new FeatureQuery(ALL, "Searching tokens needs a language model: load one, or type feature numbers"
                    + " such as 12 or 10-20.", true);
        }
        return new FeatureQuery(r -> r.tokens().toLowerCase(Locale.ROOT).contains(needle), "", true);
    }

    private static FeatureQuery byIndex(String q, int features) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : q.split(",")) {
            Matcher m = RANGE.matcher(part.strip());
            if (!m.matches()) {
                return refused("“" + part.strip() + "” is not a feature number or range: type 12, 10-20 or 3, 7, 9");
            }
            long lo = parse(m.group(1));
            long hi = m.group(2) == null ? lo : parse(m.group(2));
            if (hi < lo) {
                return refused("the range " + lo + "-" + hi + " runs backwards: type " + hi + "-" + lo);
            }
            if (lo >= features) {
                return refused("feature " + lo + " does not exist: this checkpoint has features 0 to " + (features - 1));
            }
            ranges.add(new int[] {(int) lo, (int) Math.min(hi, features - 1)});
        }
        return new FeatureQuery(r -> ranges.stream().anyMatch(x -> r.index() >= x[0] && r.index() <= x[1]), "",
                false);
    }

    /** Digits beyond a long read as "too large", which the range check then refuses. */
    private static long parse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static FeatureQuery refused(String why) {
        return new FeatureQuery(ALL, why, false);
    }

    public boolean valid() {
        return error.isEmpty();
    }
}
