package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;

/**
 * The W_p presets the playground offers, with the parameters each one reads. The toy model is the odd one out: it is
 * trained in the background rather than built at once ({@link #isTrained()}).
 */
public enum Preset {
    EXAMPLE_1("Example 1 (paper: shrinking)", false, false, false),
    EXAMPLE_2("Example 2 (paper: vanishing)", false, false, false),
    IDENTITY("Identity (no superposition)", true, false, false),
    DIGONS("Digons (antipodal pairs)", false, true, false),
    TRIANGLE("Triangle (3 features in 2-D)", false, false, false),
    PENTAGON("Pentagon (5 features in 2-D)", false, false, false),
    HEXAGON("Hexagon (6 features in 2-D)", false, false, false),
    RANDOM_NON_POSITIVE("Random, non-positive interference", true, true, false),
    TOY_MODEL("Toy model (Elhage et al., trained)", true, true, true);

    private final String label;
    private final boolean usesFeatures;
    private final boolean usesDims;
    private final boolean usesSparsity;

    Preset(String label, boolean usesFeatures, boolean usesDims, boolean usesSparsity) {
        this.label = label;
        this.usesFeatures = usesFeatures;
        this.usesDims = usesDims;
        this.usesSparsity = usesSparsity;
    }

    public String label() {
        return label;
    }

    /** Whether the preset reads n (features). */
    public boolean usesFeatures() {
        return usesFeatures;
    }

    /** Whether the preset reads n_p (dimensions). */
    public boolean usesDims() {
        return usesDims;
    }

    /** Whether the preset reads S₀, the sparsity of its training data. */
    public boolean usesSparsity() {
        return usesSparsity;
    }

    public boolean isTrained() {
        return this == TOY_MODEL;
    }

    /** Builds W_p for every preset but the toy model; the core checks the parameters and says what is wrong. */
    Superposition build(int features, int dims, long seed) {
        return switch (this) {
            case EXAMPLE_1 -> Presets.example1();
            case EXAMPLE_2 -> Presets.example2();
            case IDENTITY -> Presets.identity(features);
            case DIGONS -> Presets.digons(dims);
            case TRIANGLE -> Presets.regularPolygon(3);
            case PENTAGON -> Presets.regularPolygon(5);
            case HEXAGON -> Presets.regularPolygon(6);
            case RANDOM_NON_POSITIVE -> Presets.randomNonPositive(dims, features, seed);
            case TOY_MODEL -> throw new IllegalStateException("the toy model is trained, not built");
        };
    }

    /** The paper's x for its examples (design/MATH.md); null means "draw x at the current S". */
    double[] exampleX() {
        return switch (this) {
            case EXAMPLE_1 -> new double[] {0.5, 1.0, 0.8};
            case EXAMPLE_2 -> new double[] {0.7, 0.5, 0.3};
            default -> null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
