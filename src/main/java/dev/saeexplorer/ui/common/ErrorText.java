package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.ParamNames;
import java.io.UncheckedIOException;

/**
 * The one way a failure becomes words in the GUI: a core refusal in the form's own vocabulary, the cause of an I/O
 * failure, a memory shortage with what to do about it, and anything else named with its type (it is a bug). Never a
 * stack trace, never a command-line flag.
 */
public final class ErrorText {
    private ErrorText() {
    }

    /** One sentence (or a few) for a dialog or a status line; {@code names} names the settings the way the form does. */
    public static String forPeople(Throwable error, ParamNames names) {
        if (error instanceof InvalidInputException) {
            return refusal((InvalidInputException) error, names);
        }
        if (error instanceof OutOfMemoryError) {
            return "There is not enough memory for this. A GPT-2 small model needs about 1 GB of Java heap: close other"
                    + " work, or start SAE Explorer with more memory (for example JAVA_OPTS=-Xmx4g).";
        }
        if (error instanceof UncheckedIOException && error.getCause() != null && error.getCause().getMessage() != null) {
            return sentence(error.getCause().getMessage());
        }
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return "An unexpected " + error.getClass().getSimpleName() + " occurred.";
        }
        return sentence("Unexpected " + error.getClass().getSimpleName() + ": " + m);
    }

    /** A core refusal as a sentence in the form's vocabulary; a message that opens with a label keeps its case. */
    public static String refusal(InvalidInputException e, ParamNames names) {
        String m = e.message(names).strip();
        return e.opensWithParameter() ? fullStop(m) : sentence(m);
    }

    private static String fullStop(String t) {
        return t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!") ? t : t + ".";
    }

    /** Capitalised and ending in a full stop. */
    public static String sentence(String m) {
        String t = m == null ? "" : m.strip();
        if (t.isEmpty()) {
            return t;
        }
        return fullStop(Character.toUpperCase(t.charAt(0)) + t.substring(1));
    }
}
