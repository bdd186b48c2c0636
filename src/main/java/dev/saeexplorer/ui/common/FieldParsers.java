package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.InvalidInputException;

/**
 * Parsers for numeric settings fields, shared by the workspaces' forms so the same typo gets the same answer
 * everywhere: every message names the field and says what to type instead.
 */
public final class FieldParsers {
    private FieldParsers() {
    }

    /** A whole number in [min, max]; "_" and "," may group digits. */
    public static InputField.Parser<Integer> whole(String name, int min, int max, String example) {
        return text -> {
            long v = wholeNumber(text, name, example);
            if (v < min || v > max) {
                throw new InvalidInputException(name + " must be a whole number from " + min + " to " + max
                        + " (e.g. " + example + "), got " + trimmed(text));
            }
            return (int) v;
        };
    }

    /** Like {@link #whole} but empty means "no limit" (null). */
    public static InputField.Parser<Integer> optionalWhole(String name, int min, int max, String example) {
        InputField.Parser<Integer> whole = whole(name, min, max, example);
        return text -> trimmed(text).isEmpty() ? null : whole.parse(text);
    }

    /** A finite number in [min, max]. */
    public static InputField.Parser<Double> decimal(String name, double min, double max, String example) {
        return decimal(name, min, true, max, example);
    }

    /** A finite number in [min, max], or (min, max] when {@code minInclusive} is false. */
    public static InputField.Parser<Double> decimal(String name, double min, boolean minInclusive, double max,
                                                    String example) {
        return text -> {
            double v = number(text, name, example);
            boolean aboveMin = minInclusive ? v >= min : v > min;
            if (!aboveMin || v > max) {
                throw new InvalidInputException(name + " must be " + range(min, minInclusive, max) + " (e.g. " + example
                        + "), got " + trimmed(text));
            }
            return v;
        };
    }

    /** A sparsity S in [0, 1): at S = 1 no feature would ever be active. */
    public static InputField.Parser<Double> sparsity(String name, String example) {
        InputField.Parser<Double> decimal = decimal(name, 0, true, 1, example);
        return text -> {
            double s = decimal.parse(text);
            if (s >= 1) {
                throw new InvalidInputException(name + " must be below 1: at S = 1 no feature is ever active; type e.g. "
                        + example);
            }
            return s;
        };
    }

    /** Any whole number (a random seed). */
    public static InputField.Parser<Long> seed(String name) {
        return text -> wholeNumber(text, name, "0");
    }

    private static double number(String text, String name, String example) {
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
        // Double.parseDouble accepts "NaN", "Infinity" and a trailing 'd'/'f': none of them is a setting.
        if (!Double.isFinite(v) || Character.isLetter(t.charAt(t.length() - 1))) {
            throw new InvalidInputException(name + ": '" + t + "' is not a finite number; type e.g. " + example);
        }
        return v;
    }

    private static long wholeNumber(String text, String name, String example) {
        String t = trimmed(text);
        if (t.isEmpty()) {
            throw new InvalidInputException(name + " is empty: type a whole number such as " + example);
        }
        try {
            return Long.parseLong(t.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": '" + t + "' is not a whole number; type e.g. " + example);
        }
    }

    private static String range(double min, boolean minInclusive, double max) {
        String lo = (minInclusive ? "≥ " : "> ") + fmt(min);
        return Double.isInfinite(max) || max == Double.MAX_VALUE ? "a number " + lo
                : "a number " + lo + " and ≤ " + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The text without surrounding white space; null reads as empty. */
    public static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }
}
