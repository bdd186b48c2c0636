package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.InvalidInputException;

/** Parsers for the settings form; every message names the field and says what to type instead. */
final class Parsers {
    private Parsers() {
    }

    static InputField.Parser<Double> decimal(String name, double min, boolean minInclusive, double max, String example) {
        return text -> {
            double v = number(text, name, example);
            boolean aboveMin = minInclusive ? v >= min : v > min;
            if (!aboveMin || v > max) {
                throw new InvalidInputException(name + " must be " + range(min, minInclusive, max) + " (e.g. " + example
                        + "), got " + text.trim());
            }
            return v;
        };
    }

    static InputField.Parser<Integer> integer(String name, int min, int max, String example) {
        return text -> {
            long v = whole(text, name, example);
            if (v < min || v > max) {
                throw new InvalidInputException(name + " must be a whole number from " + min + " to " + max + " (e.g. "
                        + example + "), got " + text.trim());
            }
            return (int) v;
        };
    }

    static InputField.Parser<Long> seed(String name) {
        return text -> whole(text, name, "0");
    }

    private static double number(String text, String name, String example) {
        String t = text == null ? "" : text.trim();
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

    private static long whole(String text, String name, String example) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(name + " is empty: type a whole number such as " + example);
        }
        try {
            return Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": '" + t + "' is not a whole number; type e.g. " + example);
        }
    }

    private static String range(double min, boolean minInclusive, double max) {
        String lo = (minInclusive ? "≥ " : "> ") + fmt(min);
        return Double.isInfinite(max) || max == Double.MAX_VALUE ? "a number " + lo : "a number " + lo + " and ≤ " + fmt(max);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
