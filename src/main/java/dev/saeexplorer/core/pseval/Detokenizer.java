package dev.saeexplorer.core.pseval;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Undoes WiC's whitespace tokenisation as design/PSEVAL.md lists, keeping where every token lands:
 * <ul>
 *   <li>no space before {@code . , ; : ! ? ) ] } %} and the clitics {@code 's n't 're 've 'll 'd 'm} (any case);</li>
 *   <li>no space after {@code ( [ { $};</li>
 *   <li>straight double quotes {@code "} are paired in order: the 1st, 3rd, … open (no space after), the 2nd, 4th, …
 *       close (no space before). When their count is odd the last one cannot be paired and keeps a space on both
 *       sides.</li>
 * </ul>
 * Everything else (single quotes, backticks, hyphens) keeps its spaces: the design lists no rule for them.
 */
public final class Detokenizer {
    private static final Set<String> NO_SPACE_BEFORE = Set.of(".", ",", ";", ":", "!", "?", ")", "]", "}", "%",
            "'s", "n't", "'re", "'ve", "'ll", "'d", "'m");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[", "{", "$");

    private Detokenizer() {
    }

    /** A detokenised text and each token's character span in it. */
    public record Result(String text, List<CharSpan> spans) {
        public Result {
            spans = List.copyOf(spans);
        }

        public CharSpan span(int tokenIndex) {
            return spans.get(tokenIndex);
        }
    }

    /** The whitespace tokens of a tokenised sentence. */
    public static List<String> tokens(String sentence) {
        String s = sentence.strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    /** Detokenises a whitespace-tokenised sentence. */
    public static String detokenize(String sentence) {
        return detokenize(tokens(sentence)).text();
    }

    /** Joins tokens by the rules above and records each token's span. */
    public static Result detokenize(List<String> tokens) {
        int quotes = 0;
        for (String t : tokens) {
            if (t.equals("\"")) {
                quotes++;
            }
        }
        int pairedQuotes = quotes - quotes % 2;
        StringBuilder out = new StringBuilder();
        CharSpan[] spans = new CharSpan[tokens.size()];
        boolean glueNext = true; // no space before the first token
        int quoteIndex = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            boolean glueBefore;
            boolean glueAfter;
            if (t.equals("\"")) {
                quoteIndex++;
                boolean paired = quoteIndex <= pairedQuotes;
                boolean opening = quoteIndex % 2 == 1;
                glueBefore = paired && !opening;
                glueAfter = paired && opening;
            } else {
                glueBefore = NO_SPACE_BEFORE.contains(t.toLowerCase(Locale.ROOT));
                glueAfter = NO_SPACE_AFTER.contains(t);
            }
            if (!glueNext && !glueBefore) {
                out.append(' ');
            }
            int start = out.length();
            out.append(t);
            spans[i] = new CharSpan(start, out.length());
            glueNext = glueAfter;
        }
        return new Result(out.toString(), List.of(spans));
    }
}
