package dev.saeexplorer.ui.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.sae.SaeConfig;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.common.WorldSelection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The lab's settings as the form edits them: typed text fields that refuse bad input where it is typed, choices, and
 * the checks that involve two fields (k ≤ latents, no auxiliary loss for the tied form). Defaults finish in seconds.
 *
 * <p>The default world is Zipf at S = 0.6: there the committed worlds sweep found the variance WSAE 6% better than
 * the SAE on every seed, while on the paper's uniform world the two did not differ. The default steps are the sweep's
 * 2000: at 1500 the lab's SAE and WSAE did not yet differ on every seed (seed 0: L_GT 4.73 vs 4.79), at 2000 they did
 * (4.90 vs 4.72, 4.88 vs 4.55, 4.76 vs 4.55 for seeds 0–2).
 */
public final class SettingsForm {
    static final int FORMAT_VERSION = 1;
    private static final int MAX_LATENTS = 4096;
    static final WorldPreset DEFAULT_WORLD = WorldPreset.ZIPF;
    static final String DEFAULT_SPARSITY = "0.6";

    private final WorldSelection world = new WorldSelection(DEFAULT_WORLD);
    private final ObjectProperty<WpPreset> source = new SimpleObjectProperty<>(this, "source", WpPreset.TOY_MODEL);
    private final ObjectProperty<ActivationChoice> activation =
            new SimpleObjectProperty<>(this, "activation", ActivationChoice.RELU);
    private final ObjectProperty<Weighting> weighting = new SimpleObjectProperty<>(this, "weighting", Weighting.VARIANCE);
    private final BooleanProperty tied = new SimpleBooleanProperty(this, "tied", false);

    private final InputField<Double> sparsity = new InputField<>(Param.SPARSITY, "sparsity",
            "Probability that a feature is zero in a sample, in [0, 1). A world other than uniform is taken to this S (Zipf:"
                    + " (1 − S)·n features active on average).", DEFAULT_SPARSITY,
            FieldParsers.sparsity(FieldLabels.of(Param.SPARSITY), "0.9"));
    private final InputField<Integer> latents = new InputField<>(Param.LATENTS, "latents",
            "Number of SAE latents d_sae. Defaults to the number of features n of W_p.", "40",
            FieldParsers.whole(FieldLabels.of(Param.LATENTS), 1, MAX_LATENTS, "40"));
    private final InputField<Integer> k = new InputField<>(Param.K, "k",
            "TopK: latents kept per sample (at most the number of latents).", "4",
            FieldParsers.whole(FieldLabels.of(Param.K), 1, MAX_LATENTS, "4"));
    private final InputField<Double> theta = new InputField<>(Param.THETA, "theta",
            "JumpReLU threshold θ ≥ 0: pre-activations at or below it are set to zero.", "0.05",
            FieldParsers.decimal(FieldLabels.of(Param.THETA), 0, true, 1e6, "0.05"));
    private final InputField<Double> l1 = new InputField<>(Param.L1, "l1",
            "Weight of the L1 penalty on latent activations (≥ 0). Decoder rows are renormalised when λ > 0.", "0.1",
            FieldParsers.decimal(FieldLabels.of(Param.L1), 0, true, 1e6, "0.1"));
    private final InputField<Double> alpha = new InputField<>(Param.ALPHA, "alpha",
            "Exponent α of the WSAE weights γ_i = s_i^α, s_i the variance of input dimension i.", "1.0",
            FieldParsers.decimal(FieldLabels.of(Param.ALPHA), 0, true, 100, "1.0"));
    private final InputField<Integer> steps = new InputField<>(Param.STEPS, "steps",
            "Optimiser steps per model. 2000 (the committed sweep's) finishes in seconds on a laptop CPU.", "2000",
            FieldParsers.whole(FieldLabels.of(Param.STEPS), 1, 10_000_000, "2000"));
    private final InputField<Integer> batch = new InputField<>(Param.BATCH, "batch",
            "Samples per optimiser step.", "1024", FieldParsers.whole(FieldLabels.of(Param.BATCH), 1, 65_536, "1024"));
    private final InputField<Double> learningRate = new InputField<>(Param.LEARNING_RATE, "learningRate",
            "Adam's learning rate (β₁ 0.9, β₂ 0.999). 0.01 lets the SAE converge within the default steps.",
            "" + SaeConfig.SYNTHETIC_LEARNING_RATE,
            FieldParsers.decimal(FieldLabels.of(Param.LEARNING_RATE), 0, false, 10, "" + SaeConfig.SYNTHETIC_LEARNING_RATE));
    private final InputField<Long> seed = new InputField<>(Param.SEED, "seed",
            "Seeds the initialisation and the data; SAE and WSAE share it, so they see the same samples.", "0",
            FieldParsers.seed(FieldLabels.of(Param.SEED)));
    private final InputField<Double> aux = new InputField<>(Param.AUX, "auxCoefficient",
            "Weight of the dead-latent auxiliary loss (0 turns it off; not available for the tied form).", "0",
            FieldParsers.decimal(FieldLabels.of(Param.AUX), 0, true, 1e6, "0.03"));
    private final InputField<Integer> deadWindow = new InputField<>(Param.DEAD_WINDOW, "deadWindow",
            "In steps: a latent that has not fired for this many steps counts as dead for the auxiliary loss.", "1000",
            FieldParsers.whole(FieldLabels.of(Param.DEAD_WINDOW), 1, 10_000_000, "1000"));
    private final InputField<Integer> evalSamples = new InputField<>(Param.EVAL_SAMPLES, "evalSamples",
            "Samples for the metrics, the latent–feature matching and the histograms.", "4096",
            FieldParsers.whole(FieldLabels.of(Param.EVAL_SAMPLES), 16, 1_000_000, "4096"));

    /** The core's refusal of the settings as a whole (k against latents, aux with tied …), or null. */
    private final ObjectBinding<InvalidInputException> coreProblem;
    private final StringBinding crossFieldError;
    private final BooleanBinding valid;
    /** A refusal that came back from a run (training diverged: lower the learning rate), until a field is edited. */
    private final ObjectProperty<InvalidInputException> runProblem = new SimpleObjectProperty<>(this, "runProblem");

    public SettingsForm() {
        // The latents follow the number of features when W_p changes: latents = n is the paper's setting.
        source.addListener((obs, old, now) -> latents.textProperty().set(String.valueOf(features())));
        world.choiceProperty().addListener((obs, old, now) -> latents.textProperty().set(String.valueOf(features())));
        coreProblem = Bindings.createObjectBinding(this::coreCheck, dependencies());
        crossFieldError = Bindings.createStringBinding(() -> {
            InvalidInputException e = coreProblem.get();
            return e == null || onAField(e) ? "" : ErrorText.refusal(e, FieldLabels.TABLE);
        }, coreProblem);
        valid = Bindings.createBooleanBinding(() -> firstError().isEmpty(), dependencies());
        for (InputField<?> f : fields()) {
            f.textProperty().addListener((obs, old, now) -> runProblem.set(null));
        }
    }

    private Observable[] dependencies() {
        List<Observable> deps = new java.util.ArrayList<>(List.of(world.choiceProperty(), source, activation, weighting, tied));
        for (InputField<?> f : fields()) {
            deps.add(f.errorProperty());
            deps.add(f.textProperty());
        }
        return deps.toArray(new Observable[0]);
    }

    /** Every text field, in form order. */
    public List<InputField<?>> fields() {
        return List.of(sparsity, latents, k, theta, l1, alpha, steps, batch, learningRate, seed, aux, deadWindow,
                evalSamples);
    }

    /** Where x comes from: the catalogue's worlds or a world file; the uniform world uses {@link #sourceProperty()}. */
    public WorldSelection world() {
        return world;
    }

    /** W_p of the uniform world; a world other than uniform brings its own. */
    public ObjectProperty<WpPreset> sourceProperty() {
        return source;
    }

    /** n of the W_p the run would train on. */
    private int features() {
        WorldChoice w = world.get();
        return w.isUniform() ? source.get().features() : w.features();
    }

    public ObjectProperty<ActivationChoice> activationProperty() {
        return activation;
    }

    /** Variance (the paper's WSAE) or oracle; the SAE always trains with Γ = I. */
    public ObjectProperty<Weighting> weightingProperty() {
        return weighting;
    }

    public BooleanProperty tiedProperty() {
        return tied;
    }

    public InputField<Double> sparsity() {
        return sparsity;
    }

    public InputField<Integer> latents() {
        return latents;
    }

    public InputField<Integer> k() {
        return k;
    }

    public InputField<Double> theta() {
        return theta;
    }

    public InputField<Double> l1() {
        return l1;
    }

    public InputField<Double> alpha() {
        return alpha;
    }

    public InputField<Integer> steps() {
        return steps;
    }

    public InputField<Integer> batch() {
        return batch;
    }

    public InputField<Double> learningRate() {
        return learningRate;
    }

    public InputField<Long> seed() {
        return seed;
    }

    public InputField<Double> auxCoefficient() {
        return aux;
    }

    public InputField<Integer> deadWindow() {
        return deadWindow;
    }

    public InputField<Integer> evalSamples() {
        return evalSamples;
    }

    /** The core's refusal when it is about no field of the form, or "" (a field's problem is shown on the field). */
    public StringBinding crossFieldErrorProperty() {
        return crossFieldError;
    }

    /**
     * What to show under {@code field}: its own parse error, else the core's refusal of the settings or of the last
     * run when that is about this field's parameter (named with the form's labels), else "".
     */
    public StringBinding problemProperty(InputField<?> field) {
        return Bindings.createStringBinding(() -> {
            if (!field.valid()) {
                return field.errorProperty().get();
            }
            for (InvalidInputException e : new InvalidInputException[] {coreProblem.get(), runProblem.get()}) {
                if (e != null && field.param() != null && field.param() == e.parameter()) {
                    return ErrorText.refusal(e, FieldLabels.TABLE);
                }
            }
            return "";
        }, field.errorProperty(), coreProblem, runProblem);
    }

    /** Shows a refusal that came back from a run on the field it is about (cleared when any field is edited). */
    void showRunProblem(InvalidInputException e) {
        runProblem.set(e);
    }

    /** True when every field that applies parses and the fields agree with each other. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** Whether a field matters for the current choices (k for TopK only, θ for JumpReLU, α for the variance WSAE). */
    public boolean applies(InputField<?> field) {
        if (field == k) {
            return activation.get() == ActivationChoice.TOPK;
        }
        if (field == theta) {
            return activation.get() == ActivationChoice.JUMPRELU;
        }
        if (field == alpha) {
            return weighting.get() == Weighting.VARIANCE;
        }
        return true;
    }

    /** The first refusal to show when Start is asked for anyway, or "". */
    public String firstError() {
        for (InputField<?> f : fields()) {
            if (applies(f) && !f.valid()) {
                return f.errorProperty().get();
            }
        }
        InvalidInputException e = coreProblem.get();
        return e == null ? "" : ErrorText.refusal(e, FieldLabels.TABLE);
    }

    private boolean onAField(InvalidInputException e) {
        return fields().stream().anyMatch(f -> f.param() != null && f.param() == e.parameter() && applies(f));
    }

    /**
     * The core's checks on the settings as they would run (both models' configurations at the chosen W_p's size), so
     * the form refuses exactly what the trainer would: one rule, in one place. Null when they pass or a field does not
     * parse yet (its own message says why).
     */
    private InvalidInputException coreCheck() {
        for (InputField<?> f : fields()) {
            if (applies(f) && !f.valid()) {
                return null;
            }
        }
        try {
            LabSettings s = parsed();
            for (ModelKind kind : ModelKind.values()) {
                s.config(kind, s.dims());
            }
            if (!s.world().isUniform()) {
                s.world().atSparsity(s.sparsity());
            }
            return null;
        } catch (InvalidInputException e) {
            return e;
        }
    }

    /** The validated settings; throws {@link InvalidInputException} with the first refusal. */
    public LabSettings snapshot() {
        String error = firstError();
        if (!error.isEmpty()) {
            throw new InvalidInputException(error);
        }
        return parsed();
    }

    /** The settings as typed; fields that do not apply keep a harmless value. */
    private LabSettings parsed() {
        Activation act;
        switch (activation.get()) {
            case TOPK:
                act = new Activation.TopK(k.value());
                break;
            case JUMPRELU:
                act = new Activation.JumpRelu(theta.value());
                break;
            default:
                act = new Activation.Relu();
        }
        double a = applies(alpha) ? alpha.value() : 1.0;
        return new LabSettings(world.get(), source.get(), sparsity.value(), latents.value(), act, l1.value(), weighting.get(),
                a, tied.get(), aux.value(), deadWindow.value(), steps.value(), batch.value(),
                learningRate.value(), seed.value(), evalSamples.value());
    }

    /** The settings as a session's JSON object: choices by id, fields as typed values. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("formatVersion", FORMAT_VERSION);
        WorldSelection.write(o, world.get());
        o.put("source", source.get().id());
        o.put("activation", activation.get().id());
        o.put("wsaeWeighting", weighting.get().id());
        o.put("tied", tied.get());
        for (InputField<?> f : fields()) {
            // A field that is refused right now is left out, so the session still opens (with that field's default).
            if (!f.valid()) {
                continue;
            }
            Object v = f.value();
            if (v instanceof Double) {
                o.put(f.key(), (Double) v);
            } else if (v instanceof Long) {
                o.put(f.key(), (Long) v);
            } else {
                o.put(f.key(), (Integer) v);
            }
        }
        return o;
    }

    /**
     * Restores settings from {@link #toJson()}'s shape. Everything is checked first; on any problem an
     * {@link InvalidInputException} says what, and no field has changed. Missing keys keep their current value, so
     * sessions from before a field existed still open; a session from before worlds opens on the uniform world.
     */
    public void restore(JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new InvalidInputException("the training lab's settings must be a JSON object");
        }
        int version = state.path("formatVersion").asInt(FORMAT_VERSION);
        if (version > FORMAT_VERSION || version < 1) {
            throw new InvalidInputException("the training lab's settings have format version " + version
                    + "; this SAE Explorer reads version " + FORMAT_VERSION + " (update SAE Explorer to open them)");
        }
        WorldChoice chosenWorld = WorldSelection.read(state);
        WpPreset src = choice(state, "source", SettingsForm::preset, source.get(), "a W_p preset (" + WpPreset.IDS + ")");
        ActivationChoice act = choice(state, "activation", ActivationChoice::fromId, activation.get(),
                "relu, topk or jumprelu");
        Weighting w = choice(state, "wsaeWeighting", SettingsForm::wsaeWeighting, weighting.get(), "variance or oracle");
        JsonNode tiedNode = state.get("tied");
        if (tiedNode != null && !tiedNode.isBoolean()) {
            throw new InvalidInputException("session: 'tied' must be true or false");
        }
        Map<InputField<?>, String> texts = new LinkedHashMap<>();
        for (InputField<?> f : fields()) {
            JsonNode v = state.get(f.key());
            if (v == null) {
                continue;
            }
            if (!v.isNumber()) {
                throw new InvalidInputException("session: training lab '" + f.key() + "' must be a number");
            }
            String text = v.asText();
            String problem = f.check(text);
            if (!problem.isEmpty()) {
                throw new InvalidInputException("session: training lab " + problem);
            }
            texts.put(f, text);
        }
        // All checked: apply. World and source first, since they reset the latents field that may follow them.
        world.choiceProperty().set(chosenWorld);
        source.set(src);
        activation.set(act);
        weighting.set(w);
        if (tiedNode != null) {
            tied.set(tiedNode.booleanValue());
        }
        texts.forEach((f, text) -> f.textProperty().set(text));
    }

    /** A catalogue id; sessions written before the one catalogue spelled the paper's examples "example-1", "example-2". */
    private static WpPreset preset(String id) {
        return WpPreset.byId(id.startsWith("example-") ? "example" + id.substring("example-".length()) : id);
    }

    private static Weighting wsaeWeighting(String id) {
        if ("variance".equals(id)) {
            return Weighting.VARIANCE;
        }
        return "oracle".equals(id) ? Weighting.ORACLE : null;
    }

    private static <T> T choice(JsonNode state, String key, java.util.function.Function<String, T> parse, T current,
                                String expected) {
        JsonNode v = state.get(key);
        if (v == null) {
            return current;
        }
        T t = v.isTextual() ? parse.apply(v.asText()) : null;
        if (t == null) {
            throw new InvalidInputException("session: training lab '" + key + "' is " + v + "; expected " + expected);
        }
        return t;
    }
}
