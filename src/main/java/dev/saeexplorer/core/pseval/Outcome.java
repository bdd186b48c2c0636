package dev.saeexplorer.core.pseval;

/** Where a pair lands in PS-Eval's confusion table. */
public enum Outcome {
    TP, FN, FP, TN;

    public static Outcome of(int label, boolean same) {
        if (label == 1) {
            return same ? TP : FN;
        }
        return same ? FP : TN;
    }
}
