package dev.saeexplorer.core.polysemy;

import dev.saeexplorer.core.Gaussian;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.superposition.SparseSampler;
import java.util.SplittableRandom;

/**
 * A synthetic "language" that joins the WSAE paper's superposition world with PS-Eval's polysemous words.
 *
 * <h2>Ground-truth features</h2>
 * n = W + W·K + B features, in this order:
 * <ul>
 *   <li>index {@code w} (0 ≤ w &lt; W): the word feature of word w;</li>
 *   <li>index {@code W + w·K + s} (0 ≤ s &lt; K): the feature of sense s of word w;</li>
 *   <li>index {@code W + W·K + b} (0 ≤ b &lt; B): background feature b.</li>
 * </ul>
 *
 * <h2>A context</h2>
 * A context of word w in sense s is x ∈ ℝⁿ with x_word(w) = 1, x_sense(w,s) = R (the sense strength, relative to the
 * word feature), every other word and sense feature 0, and each background feature independently active with
 * probability 1 − S, its magnitude then Uniform(0, 1] (drawn by {@link SparseSampler}, exactly the WSAE paper's data
 * over the B background coordinates; S = sparsity). The observation is x_p = W_p x.
 * Because word features come first, when R = 1 the word and the sense feature tie and the argmax (lowest index on ties)
 * is the word feature.
 *
 * <h2>W_p [n_p × n]</h2>
 * Drawn from {@link SplittableRandom}(seed): an n_p × n matrix of i.i.d. standard normal entries (Box–Muller,
 * {@link Gaussian}), filled column by column (column j's n_p entries are consecutive draws). Then
 * <ul>
 *   <li>n ≤ n_p (no superposition): modified Gram–Schmidt on the columns, in index order, done twice for accuracy,
 *       gives orthonormal columns, so W_pᵀ W_p = I;</li>
 *   <li>n &gt; n_p (superposition): each column is divided by its Euclidean norm, giving unit-norm random
 *       directions that interfere.</li>
 * </ul>
 */
public final class PolysemyWorld {
    private final int words;
    private final int senses;
    private final int background;
    private final int dims;
    private final double sparsity;
    private final double senseStrength;
    private final long seed;
    private final double[][] wp;
    private final double[][] columns;

    /**
     * @param words         W ≥ 1
     * @param senses        K ≥ 2 senses per word
     * @param background    B ≥ 0 background features
     * @param dims          n_p ≥ 1
     * @param sparsity      S ∈ [0, 1) of the background features
     * @param senseStrength R &gt; 0, the sense feature's value in a context
     * @param seed          seed of W_p
     */
    public PolysemyWorld(int words, int senses, int background, int dims, double sparsity, double senseStrength,
                         long seed) {
        check(words, senses, background, dims, sparsity, senseStrength);
        long n = (long) words + (long) words * senses + background;
        this.words = words;
        this.senses = senses;
        this.background = background;
        this.dims = dims;
        this.sparsity = sparsity;
        this.senseStrength = senseStrength;
        this.seed = seed;
        this.wp = makeWp(dims, (int) n, seed);
        this.columns = new double[(int) n][dims];
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j < n; j++) {
                columns[j][i] = wp[i][j];
            }
        }
    }

    /**
     * Throws {@link InvalidInputException} (naming the parameter) where the constructor would refuse these settings,
     * without drawing W_p: forms check typed settings with it as they change.
     */
    public static void check(int words, int senses, int background, int dims, double sparsity, double senseStrength) {
        if (words < 1) {
            throw InvalidInputException.of(Param.WORDS, "must be at least 1, got " + words);
        }
        if (senses < 2) {
            throw InvalidInputException.of(Param.SENSES, "must be at least 2 (a polysemous word has two senses or "
                    + "more), got " + senses);
        }
        if (background < 0) {
            throw InvalidInputException.of(Param.BACKGROUND, "must be at least 0, got " + background);
        }
        if (dims < 1) {
            throw InvalidInputException.of(Param.DIMS, "must be at least 1, got " + dims);
        }
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw InvalidInputException.of(Param.SPARSITY, "must be in [0, 1), got " + sparsity);
        }
        if (!(senseStrength > 0 && Double.isFinite(senseStrength))) {
            throw InvalidInputException.of(Param.SENSE_STRENGTH, "must be a finite number > 0, got " + senseStrength);
        }
        long n = (long) words + (long) words * senses + background;
        if ((long) dims * n > 20_000_000L) {
            throw InvalidInputException.worded(Param.WORDS, Param.WORDS, ", ", Param.SENSES, " and ",
                    Param.BACKGROUND, " give n = " + n + " features in " + dims
                    + " dimensions: W_p would have more than 20 million entries");
        }
    }

    /** W_p as the class comment describes it: [n_p][n]. */
    static double[][] makeWp(int dims, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[n][dims];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < dims; i++) {
                columns[j][i] = Gaussian.sample(random);
            }
        }
        if (n <= dims) {
            for (int j = 0; j < n; j++) {
                double[] v = columns[j];
                for (int pass = 0; pass < 2; pass++) {
                    for (int prev = 0; prev < j; prev++) {
                        double dot = dot(v, columns[prev]);
                        for (int i = 0; i < dims; i++) {
                            v[i] -= dot * columns[prev][i];
                        }
                    }
                }
                scale(v, 1.0 / Math.sqrt(dot(v, v)));
            }
        } else {
            for (double[] v : columns) {
                scale(v, 1.0 / Math.sqrt(dot(v, v)));
            }
        }
        double[][] wp = new double[dims][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < dims; i++) {
                wp[i][j] = columns[j][i];
            }
        }
        return wp;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void scale(double[] v, double f) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
    }

    public int words() {
        return words;
    }

    public int senses() {
        return senses;
    }

    public int background() {
        return background;
    }

    public int dims() {
        return dims;
    }

    public double sparsity() {
        return sparsity;
    }

    public double senseStrength() {
        return senseStrength;
    }

    public long seed() {
        return seed;
    }

    /** n = W + W·K + B. */
    public int features() {
        return words + words * senses + background;
    }

    /** Whether n &gt; n_p, i.e. W_p's columns are not orthonormal. */
    public boolean superposed() {
        return features() > dims;
    }

    /** W_p, [n_p][n]; a copy. */
    public double[][] wp() {
        double[][] copy = new double[dims][];
        for (int i = 0; i < dims; i++) {
            copy[i] = wp[i].clone();
        }
        return copy;
    }

    public int wordFeature(int word) {
        checkWord(word);
        return word;
    }

    public int senseFeature(int word, int sense) {
        checkWord(word);
        if (sense < 0 || sense >= senses) {
            throw new IllegalArgumentException("sense " + sense + " of " + senses);
        }
        return words + word * senses + sense;
    }

    public int backgroundFeature(int b) {
        if (b < 0 || b >= background) {
            throw new IllegalArgumentException("background feature " + b + " of " + background);
        }
        return words + words * senses + b;
    }

    private void checkWord(int word) {
        if (word < 0 || word >= words) {
            throw new IllegalArgumentException("word " + word + " of " + words);
        }
    }

    /** A sampler of this world's background (B coordinates at sparsity S); deterministic for its seed. */
    public SparseSampler backgroundSampler(long samplerSeed) {
        return new SparseSampler(Math.max(1, background), sparsity, samplerSeed);
    }

    /**
     * The ground truth of a context of {@code word} in {@code sense}, its background drawn from {@code backgroundDraws}
     * (from {@link #backgroundSampler}).
     */
    public double[] context(int word, int sense, SparseSampler backgroundDraws) {
        double[] x = new double[features()];
        x[wordFeature(word)] = 1.0;
        x[senseFeature(word, sense)] = senseStrength;
        if (background > 0) {
            double[] b = backgroundDraws.next();
            System.arraycopy(b, 0, x, words + words * senses, background);
        }
        return x;
    }

    /** x_p = W_p x. */
    public double[] observe(double[] x) {
        if (x.length != features()) {
            throw new IllegalArgumentException("x has " + x.length + " entries, the world " + features());
        }
        // x is sparse (a word, a sense and the active background): add up the columns it uses.
        double[] xp = new double[dims];
        for (int j = 0; j < x.length; j++) {
            double v = x[j];
            if (v != 0) {
                double[] column = columns[j];
                for (int i = 0; i < dims; i++) {
                    xp[i] += v * column[i];
                }
            }
        }
        return xp;
    }

    /** W_pᵀ v for v ∈ ℝ^{n_p}: the closed-form SAE's pre-activations. */
    public double[] transposeTimes(double[] v) {
        double[] out = new double[features()];
        for (int i = 0; i < dims; i++) {
            double vi = v[i];
            for (int j = 0; j < out.length; j++) {
                out[j] += wp[i][j] * vi;
            }
        }
        return out;
    }
}
