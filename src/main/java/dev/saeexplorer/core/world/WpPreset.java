package dev.saeexplorer.core.world;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.io.SampleData;
import dev.saeexplorer.core.superposition.Presets;
import dev.saeexplorer.core.superposition.Superposition;
import java.util.Arrays;
import java.util.Locale;

/**
 * The W_p catalogue: every named W_p the playground, the training lab, the sweep and the CLI ({@code --wp preset:ID})
 * offer, with one id, one label and one default size each. A few can be resized ({@link #takesFeatures},
 * {@link #takesDims}); built without sizes, every preset has its default size, the same everywhere.
 */
public enum WpPreset {
    EXAMPLE_1("example1", "Example 1 (paper: shrinking)", 3, 2),
    EXAMPLE_2("example2", "Example 2 (paper: vanishing)", 3, 2),
    PENTAGON("pentagon", "Pentagon (5 features in a plane)", 5, 2),
    HEXAGON("hexagon", "Hexagon (6 features in a plane)", 6, 2),
    DIGONS("digons", "Digons (antipodal pairs)", 20, 10),
    TRIANGLES("triangles", "Triangles (ten planes, Theorem 2's condition)", 30, 20),
    IDENTITY("identity", "Identity (no superposition)", 10, 10),
    RANDOM_NON_POSITIVE("random-non-positive", "Random, non-positive interference", 20, 10),
    TOY_MODEL("toy-model", "Toy model (Elhage et al., bundled)", 40, 10);

    /** The prefix that names a preset where a W_p argument is expected. */
    public static final String PREFIX = "preset:";
    /** The bundled toy model: trained by {@code toy-model --features 40 --dims 10}, shipped in {@code sample-data/}. */
    static final String TOY_MODEL_FILE = "toy-model-n40-np10.json";
    /** The ids, comma-separated: for help texts and for messages that list what exists. */
    public static final String IDS = "example1, example2, pentagon, hexagon, digons, triangles, identity,"
            + " random-non-positive, toy-model";
    /** The seed of the random preset when none is given, so its default W_p is one fixed matrix. */
    public static final long DEFAULT_SEED = 1;

    private final String id;
    private final String label;
    private final int features;
    private final int dims;

    WpPreset(String id, String label, int features, int dims) {
        this.id = id;
        this.label = label;
        this.features = features;
        this.dims = dims;
    }

    /** The stable name in session files and after {@code preset:} on the command line. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The label with the default size, e.g. "Digons (antipodal pairs), 20 features in 10 dimensions". */
    public String labelWithSize() {
        return label + ", " + features + " features in " + dims + " dimensions";
    }

    /** n of the default W_p, known without building it. */
    public int features() {
        return features;
    }

    /** n_p of the default W_p. */
    public int dims() {
        return dims;
    }

    /** Whether n can be chosen (identity: n = n_p; random: any n ≤ 2·n_p). */
    public boolean takesFeatures() {
        return this == IDENTITY || this == RANDOM_NON_POSITIVE;
    }

    /** Whether n_p can be chosen (digons: n = 2·n_p). */
    public boolean takesDims() {
        return this == DIGONS || this == RANDOM_NON_POSITIVE;
    }

    /** Whether the matrix depends on a seed. */
    public boolean takesSeed() {
        return this == RANDOM_NON_POSITIVE;
    }

    /** The default W_p. The toy model parses a bundled file: call it off a UI thread. */
    public Superposition build() {
        return build(features, dims, DEFAULT_SEED);
    }

    /** W_p at the given size where the preset can be resized (the other sizes are ignored); the core checks them. */
    public Superposition build(int features, int dims, long seed) {
        return switch (this) {
            case EXAMPLE_1 -> Presets.example1();
            case EXAMPLE_2 -> Presets.example2();
            case PENTAGON -> Presets.regularPolygon(5);
            case HEXAGON -> Presets.regularPolygon(6);
            case DIGONS -> Presets.digons(dims);
            case TRIANGLES -> Presets.triangles(10);
            case IDENTITY -> Presets.identity(features);
            case RANDOM_NON_POSITIVE -> Presets.randomNonPositive(dims, features, seed);
            case TOY_MODEL -> Superposition.of(MatrixJson.matrix(SampleData.text(TOY_MODEL_FILE), "the bundled toy model"));
        };
    }

    /** The paper's x for its examples (design/MATH.md); null for the others. */
    public double[] exampleX() {
        return switch (this) {
            case EXAMPLE_1 -> new double[] {0.5, 1.0, 0.8};
            case EXAMPLE_2 -> new double[] {0.7, 0.5, 0.3};
            default -> null;
        };
    }

    /** The preset with this id (case-insensitive), or null. */
    public static WpPreset byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst().orElse(null);
    }

    /**
     * A W_p argument: {@code preset:ID} for a catalogue entry, else inline JSON, a JSON file or a toy-model file
     * (design/CLI.md).
     *
     * @param name how messages name the argument
     */
    public static Superposition load(String argument, String name) {
        String text = argument == null ? "" : argument.trim();
        if (text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String id = text.substring(PREFIX.length());
            WpPreset preset = byId(id);
            if (preset == null) {
                throw new InvalidInputException(name + ": there is no preset '" + id + "'; the catalogue has " + IDS);
            }
            return preset.build();
        }
        return Superposition.of(MatrixJson.matrix(argument, name));
    }

    @Override
    public String toString() {
        return label;
    }
}
