package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.ui.training.InputField;

/** Parsers for this workspace's text fields; each message names the field and says what to type instead. */
final class Fields {
    private Fields() {
    }

    static InputField.Parser<Integer> whole(String name, int min, int max, String example) {
        return text -> {
            String t = trimmed(text);
            if (t.isEmpty()) {
                throw new InvalidInputException(name + " is empty: type a whole number such as " + example);
            }
            long v;
            try {
                v = Long.parseLong(t.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + ": '" + t + "' is not a whole number; type e.g. " + example);
            }
            if (v < min || v > max) {
                throw new InvalidInputException(name + " must be a whole number from " + min + " to " + max
                        + " (e.g. " + example + "), got " + t);
            }
            return (int) v;
        };
    }

    /** Like {@link #whole} but empty means "no limit" (null). */
    static InputField.Parser<Integer> optionalWhole(String name, int min, int max, String example) {
        InputField.Parser<Integer> whole = whole(name, min, max, example);
        return text -> trimmed(text).isEmpty() ? null : whole.parse(text);
    }

    static InputField.Parser<Double> decimal(String name, double min, double max, String example) {
        return decimal(name, min, true, max, example);
    }

    /** A finite number in [min, max], or (min, max] when {@code minInclusive} is false. */
    static InputField.Parser<Double> decimal(String name, double min, boolean minInclusive, double max,
                                             String example) {
        return text -> {
            String t = trimmed(text);
            if (t.isEmpty()) {
                throw new InvalidInputException(name + " is empty: type a number such as " + example);
            }
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + ": '" + t + "' is not a number; type e.g. " + example);
            }
            boolean aboveMin = minInclusive ? v >= min : v > min;
            // Double.parseDouble also takes "NaN", "Infinity" and a trailing 'd' or 'f': none of them is a setting.
            if (!Double.isFinite(v) || Character.isLetter(t.charAt(t.length() - 1)) || !aboveMin || v > max) {
                throw new InvalidInputException(name + " must be a number " + (minInclusive ? "from " : "above ")
                        + plain(min) + (minInclusive ? " to " : " and at most ") + plain(max) + " (e.g. " + example
                        + "), got " + t);
            }
            return v;
        };
    }

    static InputField.Parser<Long> seed(String name) {
        return text -> {
            String t = trimmed(text);
            try {
                return Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(name + ": '" + t + "' is not a whole number; type e.g. 0");
            }
        };
    }

    /** A TransformerLens hook name; empty is allowed (null) when {@code optional}. */
    static InputField.Parser<HookPoint> hook(boolean optional) {
        return text -> {
            String t = trimmed(text);
            if (t.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new InvalidInputException("Hook point is empty: type one such as blocks.4.hook_resid_pre");
            }
            try {
                return HookPoint.parse(t);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("Hook point '" + t + "' is not a language-model hook point; type one"
                        + " such as blocks.4.hook_resid_pre (hook_resid_pre, hook_resid_mid, hook_resid_post,"
                        + " hook_attn_out or hook_mlp_out)");
            }
        };
    }

    static InputField.Parser<PromptTemplate> template() {
        return text -> {
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("The template is empty: type e.g. " + PromptTemplate.DEFAULT_TEXT);
            }
            return new PromptTemplate(text);
        };
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
