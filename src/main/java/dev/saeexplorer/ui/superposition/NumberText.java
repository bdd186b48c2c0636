package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses what people type into the playground's fields. Only plain decimals are numbers here: Java's own parser also
 * takes "NaN", "Infinity", "1d" and hex floats, none of which make sense as a matrix entry or a feature value.
 */
final class NumberText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumberText() {
    }

    /** One finite decimal number; {@code what} names the field in the message. */
    static double parse(String text, String what) {
        String t = normalise(text);
        if (t.isEmpty()) {
            throw new InvalidInputException(what + " is empty: type a number such as 0.5");
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new InvalidInputException(what + ": \"" + text.trim() + "\" is not a number; type a decimal such as "
                    + "0.5 or -1.2e-3 (letters, NaN and Infinity are not allowed)");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new InvalidInputException(what + ": " + text.trim() + " is too large; type a number below 1e300");
        }
        return v;
    }

    /** A vector typed as numbers separated by commas or spaces, optionally in brackets. */
    static double[] parseVector(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<Double> values = new ArrayList<>();
        for (String part : t.split("[,;\\s]+")) {
            if (!part.isEmpty()) {
                values.add(parse(part, what + " entry " + values.size()));
            }
        }
        if (values.isEmpty()) {
            throw new InvalidInputException(what + " is empty: type numbers separated by commas, e.g. 0.5, 1, 0.8");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Shortest readable form of a value for a text field: up to 6 significant digits, no trailing zeros. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String formatVector(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(format(v[i]));
        }
        return b.toString();
    }

    private static String normalise(String text) {
        // People paste the typographic minus from papers; treat it as the ASCII one.
        return text == null ? "" : text.trim().replace('\u2212', '-');
    }
}
