package dev.saeexplorer.core.pseval;

/** A half-open character range [start, end) in a context, used to highlight the target word. */
public record CharSpan(int start, int end) {
    public CharSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** Whether the span lies inside a text of the given length. */
    public boolean fits(int length) {
        return end <= length;
    }

    /** The characters of {@code text} the span covers. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
