package dev.saeexplorer.ui.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.toymodel.ToyModelConfig;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.common.WorldSelection;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A validated sweep configuration: what the Run button starts and what the session file stores.
 *
 * @param world         how x is drawn: uniform firing over {@code source} (the paper's), or a world with its own W_p
 *                      taken to each S of the grid
 * @param source        where W_p comes from in the uniform world
 * @param preset        the preset used when {@code source} is {@link WpSource#PRESET}
 * @param toy           the toy model trained per seed when {@code source} is {@link WpSource#TRAINED_TOY}
 * @param sparsities    the grid of S, each in [0, 1], no duplicates
 * @param seeds         runs per (S, model)
 * @param steps         Adam steps per run
 * @param latents       n_m
 * @param l1            λ
 * @param alpha         WSAE α in γ_i = s_i^α
 * @param wsae          the WSAEs trained beside the SAE: variance, oracle or both
 * @param device        where training runs
 */
public record SweepSettings(WorldChoice world, WpSource source, WpPreset preset, ToySpec toy, double[] sparsities,
                            int seeds, int steps, int latents, double l1, double alpha, WsaeModels wsae,
                            Device device) {

    /** Settings version in session files. */
    static final int FORMAT_VERSION = 1;

    public static final String DEFAULT_GRID = "0,0.3,0.6,0.8,0.9,0.95,0.99";
    public static final int DEFAULT_SEEDS = 2;
    /**
     * As the committed worlds sweep: at 600 steps the Zipf world's WSAE gain at S = 0.6 shrank to 1–2% (measured), at
     * 2,000 it is 6% on every seed. The default 42 runs take about two minutes on two cores.
     */
    public static final int DEFAULT_STEPS = 2000;
    public static final int DEFAULT_LATENTS = 40;
    public static final double DEFAULT_L1 = 0.1;
    public static final double DEFAULT_ALPHA = 1.0;
    /** Samples for the metrics of each run. */
    public static final int EVAL_SAMPLES = 8192;
    static final int BATCH = 1024;
    static final double LEARNING_RATE = SaeConfig.SYNTHETIC_LEARNING_RATE;

    static final int MAX_SEEDS = 50;
    static final int MAX_STEPS = 1_000_000;
    static final int MAX_LATENTS = 8192;
    static final int MAX_GRID = 50;
    /** A plain decimal number as people type it (no NaN, Infinity, hex or type suffixes). */
    static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    /** A toy model of n features in n_p dimensions trained at sparsity S0 for this many steps. */
    public record ToySpec(int features, int dims, double sparsity, int steps) {
        public static final ToySpec DEFAULT = new ToySpec(20, 5, 0.9, 2000);

        ToyModelConfig config(long seed) {
            return new ToyModelConfig(features, dims, sparsity, 1.0, steps, BATCH, LEARNING_RATE, seed);
        }
    }

    public SweepSettings {
        sparsities = sparsities.clone();
    }

    @Override
    public double[] sparsities() {
        return sparsities.clone();
    }

    public static SweepSettings defaults() {
        // Opens on the world where the committed sweep found reweighting to matter (issue 13), with the oracle weights
        // beside the variance ones as the theory's bound; the paper's uniform world is one choice away.
        return new SweepSettings(WorldChoice.of(WorldPreset.ZIPF), WpSource.PRESET, WpPreset.TOY_MODEL, ToySpec.DEFAULT,
                parseGrid(DEFAULT_GRID), DEFAULT_SEEDS, DEFAULT_STEPS, DEFAULT_LATENTS, DEFAULT_L1, DEFAULT_ALPHA,
                WsaeModels.BOTH, Device.CPU);
    }

    /** How many (S, seed, model) runs the sweep makes. */
    public int totalRuns() {
        return sparsities.length * seeds * wsae.models().size();
    }

    /** The SAE's training configuration for an input of {@code dims} dimensions (the sweep sets weighting and seed). */
    SaeConfig saeConfig(int dims) {
        return new SaeConfig(dims, latents, new Activation.Relu(), l1, Weighting.NONE, alpha, false, 0.0, 1000, steps,
                BATCH, LEARNING_RATE, 0);
    }

    /** The grid as people type it: "0,0.3,0.9". */
    public String gridText() {
        StringBuilder sb = new StringBuilder();
        for (double s : sparsities) {
            sb.append(sb.length() == 0 ? "" : ",").append(plain(s));
        }
        return sb.toString();
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses the sparsity grid: comma-separated numbers in [0, 1], no duplicates. The message says what to type.
     */
    public static double[] parseGrid(String text) {
        String example = "Type a comma-separated list such as 0,0.5,0.9.";
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("The sparsity grid is empty. " + example);
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_GRID) {
            throw new InvalidInputException("The sparsity grid has " + parts.length + " values; use at most " + MAX_GRID + ".");
        }
        double[] grid = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                throw new InvalidInputException("The sparsity grid has an empty entry. " + example);
            }
            if (!NUMBER.matcher(p).matches()) {
                throw new InvalidInputException("'" + p + "' in the sparsity grid is not a number. " + example);
            }
            grid[i] = Double.parseDouble(p);
            if (!(grid[i] >= 0 && grid[i] <= 1)) {
                throw new InvalidInputException("Sparsity " + p + " is outside [0, 1]: S is the probability that a feature"
                        + " is 0.");
            }
            for (int j = 0; j < i; j++) {
                if (grid[j] == grid[i]) {
                    throw new InvalidInputException("Sparsity " + p + " appears twice in the grid; list each value once.");
                }
            }
        }
        double[] sorted = grid.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The settings as a JSON object for the session file. */
    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        WorldSelection.write(o, world);
        o.put("source", source.id());
        o.put("preset", preset.id());
        ObjectNode t = o.putObject("toyModel");
        t.put("features", toy.features());
        t.put("dims", toy.dims());
        t.put("sparsity", toy.sparsity());
        t.put("steps", toy.steps());
        ArrayNode grid = o.putArray("sparsities");
        for (double s : sparsities) {
            grid.add(s);
        }
        o.put("seeds", seeds);
        o.put("steps", steps);
        o.put("latents", latents);
        o.put("l1", l1);
        o.put("alpha", alpha);
        o.put("wsaeWeighting", wsae.id());
        o.put("device", device.id());
        return o;
    }

    /**
     * Reads {@link #toJson()}'s object; every value goes through the same checks as the form. Settings from before
     * worlds (no "world") are the uniform world's.
     */
    static SweepSettings fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("the sweep settings are missing from the session file");
        }
        // Sessions from before the one catalogue had a source of its own for the bundled toy model.
        boolean bundledToy = "bundled-toy".equals(text(o, "source"));
        WpSource source = bundledToy ? WpSource.PRESET : WpSource.byId(text(o, "source"));
        if (source == null) {
            throw new InvalidInputException("unknown W_p source '" + text(o, "source") + "' in the session's sweep settings");
        }
        WpPreset preset = bundledToy ? WpPreset.TOY_MODEL : WpPreset.byId(text(o, "preset"));
        if (preset == null) {
            throw new InvalidInputException("unknown preset '" + text(o, "preset") + "' in the session's sweep settings"
                    + " (the catalogue has " + WpPreset.IDS + ")");
        }
        JsonNode t = o.get("toyModel");
        if (t == null || !t.isObject()) {
            throw new InvalidInputException("the session's sweep settings have no toyModel object");
        }
        JsonNode grid = o.get("sparsities");
        if (grid == null || !grid.isArray()) {
            throw new InvalidInputException("the session's sweep settings have no sparsities array");
        }
        StringBuilder gridText = new StringBuilder();
        for (JsonNode s : grid) {
            if (!s.isNumber()) {
                throw new InvalidInputException("the session's sparsity grid holds " + s + ", not a number");
            }
            gridText.append(gridText.length() == 0 ? "" : ",").append(plain(s.doubleValue()));
        }
        WsaeModels w = parseWsae(text(o, "wsaeWeighting"));
        WorldChoice world = WorldSelection.read(o);
        Device device;
        try {
            device = Device.parse(text(o, "device"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("unknown device '" + text(o, "device") + "' in the session's sweep settings");
        }
        return SettingsParser.parse(world, source, preset, w, device, gridText.toString(), number(o, "seeds"),
                number(o, "steps"), number(o, "latents"), number(o, "l1"), number(o, "alpha"),
                number(t, "features"), number(t, "dims"), number(t, "sparsity"), number(t, "steps"))
                .orElseThrow();
    }

    static WsaeModels parseWsae(String id) {
        WsaeModels m = WsaeModels.byId(id);
        if (m == null) {
            throw new InvalidInputException("the WSAE weighting must be variance, oracle or variance,oracle, got '" + id
                    + "'");
        }
        return m;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidInputException("the session's sweep settings have no text field '" + field + "'");
        }
        return v.asText();
    }

    private static String number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new InvalidInputException("the session's sweep settings have no number '" + field + "'");
        }
        return v.isIntegralNumber() ? v.asText() : plain(v.doubleValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepSettings s && world.equals(s.world) && source == s.source && preset == s.preset && toy.equals(s.toy)
                && Arrays.equals(sparsities, s.sparsities) && seeds == s.seeds && steps == s.steps
                && latents == s.latents && Double.compare(l1, s.l1) == 0 && Double.compare(alpha, s.alpha) == 0
                && wsae == s.wsae && device == s.device;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(world, source, preset, toy, Arrays.hashCode(sparsities), seeds, steps, latents, l1, alpha,
                wsae, device);
    }
}
