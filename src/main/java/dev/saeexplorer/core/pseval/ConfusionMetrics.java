package dev.saeexplorer.core.pseval;

/**
 * PS-Eval Table 7 metrics (design/MATH.md "PS-Eval metrics"): accuracy (TP+TN)/all, recall TP/(TP+FN), precision
 * TP/(TP+FP), specificity TN/(TN+FP), the paper's "sensitivity" TN/(TN+FN), S-F1 = 2RP/(R+P), D-F1 =
 * 2·Spec·Sens/(Spec+Sens), Average-F1 = (S-F1 + D-F1)/2. A ratio whose denominator is zero, or that depends on such a
 * ratio, is {@code null}; never 0 or NaN. Counts are doubles so expected (fractional) counts work too.
 */
public record ConfusionMetrics(double tp, double fn, double fp, double tn, Double accuracy, Double precision,
                               Double recall, Double f1, Double specificity, Double sensitivity, Double dF1,
                               Double averageF1) {

    public static ConfusionMetrics from(ConfusionCounts c) {
        return from(c.tp(), c.fn(), c.fp(), c.tn());
    }

    public static ConfusionMetrics from(double tp, double fn, double fp, double tn) {
        if (!(tp >= 0 && fn >= 0 && fp >= 0 && tn >= 0) || Double.isInfinite(tp + fn + fp + tn)) {
            throw new IllegalArgumentException("counts must be finite and non-negative");
        }
        Double accuracy = ratio(tp + tn, tp + tn + fp + fn);
        Double recall = ratio(tp, tp + fn);
        Double precision = ratio(tp, tp + fp);
        Double specificity = ratio(tn, tn + fp);
        Double sensitivity = ratio(tn, tn + fn);
        Double f1 = harmonic(recall, precision);
        Double dF1 = harmonic(specificity, sensitivity);
        Double average = f1 == null || dF1 == null ? null : (f1 + dF1) / 2;
        return new ConfusionMetrics(tp, fn, fp, tn, accuracy, precision, recall, f1, specificity, sensitivity, dF1,
                average);
    }

    private static Double ratio(double num, double den) {
        return den == 0 ? null : num / den;
    }

    private static Double harmonic(Double a, Double b) {
        if (a == null || b == null || a + b == 0) {
            return null;
        }
        return 2 * a * b / (a + b);
    }
}
