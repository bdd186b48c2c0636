package dev.saeexplorer.core;

/** Small float64 helpers for row-major {@code double[][]} matrices and vectors, with input checks that name the input. */
public final class Matrices {
    private Matrices() {
    }

    /** Checks a matrix is non-empty, rectangular and finite; returns a deep copy. */
    public static double[][] checkedCopy(double[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new InvalidInputException(name + " is empty: give at least one row");
        }
        int cols = m[0] == null ? 0 : m[0].length;
        if (cols == 0) {
            throw new InvalidInputException(name + " has an empty first row");
        }
        double[][] copy = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != cols) {
                throw new InvalidInputException(name + " is ragged: row " + r + " has "
                        + (m[r] == null ? 0 : m[r].length) + " entries, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(m[r][c])) {
                    throw new InvalidInputException(name + "[" + r + "][" + c + "] is " + m[r][c] + ": every entry must be a finite number");
                }
            }
            copy[r] = m[r].clone();
        }
        return copy;
    }

    /** Checks a vector is finite and has the expected length (or any non-zero length when expected < 0). */
    public static double[] checkedCopy(double[] v, int expectedLength, String name) {
        return checkedVector(v, expectedLength, null, name);
    }

    /** The same for a vector a person sets: errors name {@code param}. */
    public static double[] checkedCopy(double[] v, int expectedLength, Param param) {
        return checkedVector(v, expectedLength, param, param);
    }

    /** @param name the vector in messages: a {@link String} or the {@link Param} itself */
    private static double[] checkedVector(double[] v, int expectedLength, Param about, Object name) {
        if (v == null || v.length == 0) {
            throw InvalidInputException.worded(about, name, " is empty");
        }
        if (expectedLength >= 0 && v.length != expectedLength) {
            throw InvalidInputException.worded(about, name, " has " + v.length + " entries but " + expectedLength
                    + " are needed");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw InvalidInputException.worded(about, name, "[" + i + "] is " + v[i]
                        + ": every entry must be a finite number");
            }
        }
        return v.clone();
    }

    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                if (aip == 0) {
                    continue;
                }
                double[] brow = b[p];
                double[] orow = out[i];
                for (int j = 0; j < m; j++) {
                    orow[j] += aip * brow[j];
                }
            }
        }
        return out;
    }

    public static double[] multiply(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** xᵀ M y. */
    public static double bilinear(double[] x, double[][] m, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double row = 0;
            for (int j = 0; j < y.length; j++) {
                row += m[i][j] * y[j];
            }
            s += x[i] * row;
        }
        return s;
    }

    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    public static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1.0;
        }
        return m;
    }

    public static float[] flatten(double[][] m) {
        int cols = m[0].length;
        float[] out = new float[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) m[r][c];
            }
        }
        return out;
    }
}
