package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import java.io.UncheckedIOException;

/** Turns a failure of background work into one message for people, never a stack trace. */
final class PsEvalErrors {
    private PsEvalErrors() {
    }

    static String message(Throwable error) {
        if (error instanceof OutOfMemoryError) {
            return "There is not enough memory for this. A GPT-2 small model needs about 1 GB of Java heap: close other"
                    + " work, or start SAE Explorer with more memory (for example JAVA_OPTS=-Xmx4g).";
        }
        if (error instanceof UncheckedIOException && error.getCause() != null) {
            return sentence(error.getCause().getMessage() == null ? error.getMessage() : error.getCause().getMessage());
        }
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return "An unexpected " + error.getClass().getSimpleName() + " occurred.";
        }
        // The core words its refusals for the CLI; the options it names are fields here.
        if (error instanceof InvalidInputException) {
            m = m.replace("--out ", "the folder ").replace(": choose another folder or pass --force",
                    ": choose another folder").replace("--steps", "Steps").replace("--batch", "Batch")
                    .replace("--lr", "Learning rate").replace("--l1", "L1 coefficient").replace("--alpha", "α")
                    .replace("--latents", "the number of features");
        }
        return sentence(m);
    }

    private static String sentence(String m) {
        String t = m.strip();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
