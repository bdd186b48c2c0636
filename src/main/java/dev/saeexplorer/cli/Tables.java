package dev.saeexplorer.cli;

import java.util.Locale;

/** Formatting for people. */
final class Tables {
    private Tables() {
    }

    static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(number(v[i]));
        }
        return sb.append(')').toString();
    }

    static String number(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
