package dev.saeexplorer.ui.superposition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.sae.Activation;
import dev.saeexplorer.core.superposition.ClosedForm;
import dev.saeexplorer.core.superposition.ClosedFormResult;
import dev.saeexplorer.core.superposition.Geometry;
import dev.saeexplorer.core.superposition.SparseSampler;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldFile;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.toymodel.ToyModelConfig;
import dev.saeexplorer.core.toymodel.ToyModelResult;
import dev.saeexplorer.core.toymodel.ToyModelTrainer;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.workspace.WorkspaceModel;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.Job;
import dev.saeexplorer.ui.jobs.LatestRun;
import dev.saeexplorer.ui.jobs.LatestWins;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The superposition playground's state and everything derived from it, without a Node. Every edit goes through a
 * validated {@link PlaygroundState}: a refused edit leaves the state as it was and explains itself in
 * {@link #messageProperty()}. The closed form at x and the geometry are recomputed synchronously on every change (they
 * are cheap, so a drag updates them every frame); the Monte-Carlo curves go through {@link LatestWins} off the FX thread.
 *
 * <p>The curves refine progressively: every change first computes them with at most {@link #PREVIEW_SAMPLES} samples
 * per point (tens of milliseconds even at n = 200, n_p = 20), shows that, and then recomputes with the full sample count
 * unless a newer change has arrived (latest wins). While the user drags (an arrow or the S slider:
 * {@link #setInteracting(boolean)}) only the quick pass runs, so the curves keep up with the pointer; releasing
 * refines them.
 */
public final class PlaygroundViewModel implements WorkspaceModel {
    /**
     * Samples per Monte-Carlo point in the quick pass: 22 points × 400 samples kept a W_p change near 70 ms at n = 200,
     * n_p = 20 on the 2-core reference machine (PlaygroundBenchmark); the full pass follows.
     */
    static final int PREVIEW_SAMPLES = 400;

    private final WorkspaceContext ctx;
    private final LatestWins<CurveSet> curveJobs;
    /** Toy-model training: a new preset replaces a training still running, whose result then no longer counts. */
    private final LatestRun toyModels;
    private final ReadOnlyObjectWrapper<PlaygroundState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ClosedFormResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Geometry> geometry = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CurveSet> curves = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper curvesPending = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private boolean interacting;
    private long draws;
    private boolean lastRequestWasPreview;

    public PlaygroundViewModel(WorkspaceContext ctx) {
        this.ctx = ctx;
        this.curveJobs = new LatestWins<>(ctx.executor(), ctx.synchronous());
        this.toyModels = new LatestRun(ctx.executor());
        apply(new PlaygroundState(WpPreset.EXAMPLE_1.build(), WpPreset.EXAMPLE_1.exampleX(), 0.5, 0, null,
                PlaygroundState.DEFAULT_SAMPLES));
    }

    // ---- outputs ------------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<PlaygroundState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The closed-form SAE at the current x: x_p, x_m, statuses, losses. */
    public ReadOnlyObjectProperty<ClosedFormResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Geometry> geometryProperty() {
        return geometry.getReadOnlyProperty();
    }

    /** The latest Monte-Carlo curves; null until the first computation finishes. */
    public ReadOnlyObjectProperty<CurveSet> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** True while newer curves are being computed. */
    public ReadOnlyBooleanProperty curvesPendingProperty() {
        return curvesPending.getReadOnlyProperty();
    }

    /** Why the last edit was refused, or "" after an accepted one. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a toy model trains. */
    public ReadOnlyBooleanProperty trainingProperty() {
        return toyModels.runningProperty();
    }

    public double[][] wp() {
        return state.get().superposition().matrix();
    }

    public double[] x() {
        return state.get().x();
    }

    public double sparsity() {
        return state.get().sparsity();
    }

    // ---- edits ------------------------------------------------------------------------------------------------

    /** Replaces W_p by a preset; the toy model trains in the background and returns its job (null otherwise). */
    public Job setPreset(Preset preset, int features, int dims, double trainingSparsity) {
        if (preset.isTrained()) {
            return trainToyModel(features, dims, trainingSparsity);
        }
        edit(() -> {
            PlaygroundState s = state.get();
            Superposition sp = preset.build(features, dims, s.seed());
            PlaygroundState next = s.withSuperposition(sp, new double[sp.features()], keptGamma(s, sp));
            return next.withX(preset.exampleX() != null ? preset.exampleX() : draw(next, next.seed()));
        });
        return null;
    }

    /** {@link #setPreset(Preset, int, int, double)} with the parameters as typed; only those the preset uses are read. */
    public Job setPreset(Preset preset, String features, String dims, String trainingSparsity) {
        int n;
        int np;
        double s0;
        try {
            n = preset.usesFeatures() ? wholeNumber(features, "n (features)") : 0;
            np = preset.usesDims() ? wholeNumber(dims, "n_p (dimensions)") : 0;
            s0 = preset.usesSparsity() ? NumberText.parse(trainingSparsity, "S₀ (training sparsity)") : 0;
        } catch (InvalidInputException e) {
            message.set(e.message(FieldLabels.TABLE));
            return null;
        }
        return setPreset(preset, n, np, s0);
    }

    private static int wholeNumber(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{1,4}")) {
            throw new InvalidInputException(what + ": \"" + t + "\" is not a whole number; type e.g. 6");
        }
        return Integer.parseInt(t);
    }

    /** Parses and sets W_p[row][col]; text that is not a finite number is refused. */
    public boolean setEntry(int row, int col, String text) {
        return edit(() -> {
            double v = NumberText.parse(text, "W_p[" + row + "][" + col + "]");
            double[][] m = wp();
            m[row][col] = v;
            PlaygroundState s = state.get();
            return s.withSuperposition(Superposition.of(m), s.x(), s.gamma());
        });
    }

    /** Changes the size of W_p, keeping the overlapping entries; n_p must stay below n (superposition). */
    public boolean resize(int dims, int features) {
        return edit(() -> {
            if (dims < 1 || features < 2) {
                throw new InvalidInputException("W_p needs at least 1 dimension and 2 features");
            }
            if (dims >= features) {
                throw new InvalidInputException("n_p = " + dims + " with n = " + features + " has no superposition: "
                        + "n_p must be smaller than n. Add features (raise n to at least " + (dims + 1)
                        + ") or remove dimensions first");
            }
            PlaygroundState s = state.get();
            double[][] old = s.superposition().matrix();
            double[][] m = new double[dims][features];
            for (int c = 0; c < features; c++) {
                for (int r = 0; r < dims; r++) {
                    if (r < old.length && c < old[0].length) {
                        m[r][c] = old[r][c];
                    } else if (c >= old[0].length && r == c % dims) {
                        m[r][c] = 1; // a new feature starts as a unit vector, so it is visible and interferes
                    }
                }
            }
            double[] oldX = s.x();
            double[] x = new double[features];
            System.arraycopy(oldX, 0, x, 0, Math.min(oldX.length, features));
            double[] gamma = s.gamma() != null && s.gamma().length == dims ? s.gamma() : null;
            return s.withSuperposition(Superposition.of(m), x, gamma);
        });
    }

    /** Moves column j of a 2-row W_p to (x, y): the arrow head the user drags. */
    public boolean moveColumn(int j, double x, double y) {
        return edit(() -> {
            double[][] m = wp();
            if (m.length != 2) {
                throw new InvalidInputException("arrows can be dragged only when W_p has 2 rows (n_p = 2)");
            }
            m[0][j] = x;
            m[1][j] = y;
            PlaygroundState s = state.get();
            return s.withSuperposition(Superposition.of(m), s.x(), s.gamma());
        });
    }

    public boolean setSparsity(double s) {
        return edit(() -> state.get().withSparsity(SparseSampler.checkSparsity(s)));
    }

    public boolean setSeed(String text) {
        return edit(() -> {
            String t = text == null ? "" : text.trim();
            if (!t.matches("[+-]?\\d{1,18}")) {
                throw new InvalidInputException("seed: \"" + t + "\" is not a whole number; type e.g. 0 or 42");
            }
            return state.get().withSeed(Long.parseLong(t));
        });
    }

    public boolean setSamples(String text) {
        return edit(() -> {
            String t = text == null ? "" : text.trim().replace(",", "").replace("_", "");
            if (!t.matches("\\d{1,9}")) {
                throw new InvalidInputException("samples: \"" + text + "\" is not a whole number; type e.g. 20000");
            }
            return state.get().withSamples(Integer.parseInt(t));
        });
    }

    /**
     * Draws a new x at the current S. Each press uses the next of a stream of seeds derived from the seed, so pressing
     * again gives a different x while the seed, and so the Monte-Carlo curves, stay as they are.
     */
    public void resample() {
        draws++;
        edit(() -> {
            PlaygroundState s = state.get();
            return s.withX(draw(s, s.seed() + draws * 0x9E3779B97F4A7C15L));
        });
    }

    /** How the curves and Resample draw x: a built-in choice or a loaded world; refused when it does not fit W_p. */
    public boolean setWorld(World world) {
        return edit(() -> state.get().withWorld(world));
    }

    /** Reads a world file (its firing, magnitudes, groups and hierarchy; the playground keeps its own W_p). */
    public boolean openWorld(java.nio.file.Path file) {
        return edit(() -> state.get().withWorld(WorldFile.read(file)));
    }

    public boolean setX(String text) {
        return edit(() -> state.get().withX(NumberText.parseVector(text, "x")));
    }

    /** Γ for the WSAE, one weight per row of W_p; empty or null text removes it. */
    public boolean setGamma(String text) {
        return edit(() -> {
            if (text == null || text.isBlank()) {
                return state.get().withGamma(null);
            }
            return state.get().withGamma(NumberText.parseVector(text, "Γ"));
        });
    }

    /** While true, curves are previews with fewer samples; false recomputes them in full. */
    public void setInteracting(boolean on) {
        if (interacting == on) {
            return;
        }
        interacting = on;
        // The last request, not the last delivered result: a preview may still be in flight.
        if (!on && lastRequestWasPreview) {
            requestCurves();
        }
    }

    // ---- session ----------------------------------------------------------------------------------------------

    public JsonNode saveState() {
        return PlaygroundStateJson.write(state.get());
    }

    /** Validates all of {@code node} first; throws {@link InvalidInputException} and changes nothing when it is bad. */
    public void restoreState(JsonNode node) {
        PlaygroundState restored = PlaygroundStateJson.read(node);
        message.set("");
        apply(restored);
    }

    public void shutdown() {
        curveJobs.shutdown();
        toyModels.cancel();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private Job trainToyModel(int features, int dims, double trainingSparsity) {
        ToyModelConfig cfg;
        try {
            cfg = ToyModelConfig.defaults(features, dims, trainingSparsity);
        } catch (InvalidInputException e) {
            message.set(e.message(FieldLabels.TABLE));
            return null;
        }
        message.set("");
        return toyModels.start("Toy model " + features + "→" + dims, monitor -> new ToyModelTrainer()
                .train(cfg, monitor), this::toyModelTrained, this::toyModelFailed).job();
    }

    private void toyModelTrained(ToyModelResult r) {
        edit(() -> {
            PlaygroundState s = state.get();
            Superposition sp = r.superposition();
            PlaygroundState next = s.withSuperposition(sp, new double[sp.features()], keptGamma(s, sp));
            return next.withX(draw(next, next.seed()));
        });
    }

    private void toyModelFailed(Throwable t) {
        if (!(t instanceof CancelledException)) {
            ctx.errors().report("Toy model training failed", ErrorText.forPeople(t, FieldLabels.TABLE));
        }
    }

    private static double[] keptGamma(PlaygroundState s, Superposition sp) {
        return s.gamma() != null && s.gamma().length == sp.dims() ? s.gamma() : null;
    }

    /** One x from the state's world at its S (for the paper's world, exactly SparseSampler's draw). */
    private static double[] draw(PlaygroundState s, long seed) {
        return s.sampler(s.sparsity(), seed).next();
    }

    /** Builds the next state; a refusal keeps the current one and says why. */
    private boolean edit(java.util.function.Supplier<PlaygroundState> next) {
        PlaygroundState s;
        try {
            s = next.get();
        } catch (InvalidInputException e) {
            message.set(e.message(FieldLabels.TABLE));
            return false;
        }
        message.set("");
        apply(s);
        return true;
    }

    private void apply(PlaygroundState s) {
        PlaygroundState before = state.get();
        ClosedFormResult r = new ClosedForm(s.superposition(), new Activation.Relu()).evaluate(s.x(), s.gamma());
        Geometry g = before != null && before.superposition() == s.superposition()
                ? geometry.get() : Geometry.of(s.superposition());
        state.set(s);
        geometry.set(g);
        result.set(r);
        if (before == null || curvesDependOnChange(before, s)) {
            requestCurves();
        }
    }

    /** x alone does not enter the curves (they sample their own x), so typing x or resampling skips them. */
    private static boolean curvesDependOnChange(PlaygroundState a, PlaygroundState b) {
        return a.superposition() != b.superposition() || a.sparsity() != b.sparsity() || a.seed() != b.seed()
                || a.samples() != b.samples() || !java.util.Arrays.equals(a.gamma(), b.gamma())
                || !a.world().equals(b.world());
    }

    private void requestCurves() {
        requestCurves(state.get().samples() > PREVIEW_SAMPLES);
    }

    /** A quick pass (then, unless dragging, the full one), or the full pass alone. */
    private void requestCurves(boolean quick) {
        PlaygroundState s = state.get();
        int samples = quick ? PREVIEW_SAMPLES : s.samples();
        lastRequestWasPreview = quick;
        CurveSet previous = curves.get();
        curvesPending.set(true);
        curveJobs.request(monitor -> CurveCalculator.compute(s.superposition(), s.world(), s.gamma(), s.seed(), samples,
                        s.samples(), s.sparsity(), previous, monitor),
                c -> {
                    curves.set(c);
                    if (quick && !interacting && state.get() == s) {
                        requestCurves(false);
                    } else {
                        curvesPending.set(false);
                    }
                },
                t -> {
                    curvesPending.set(false);
                    ctx.errors().report("Monte-Carlo curves failed", ErrorText.forPeople(t, FieldLabels.TABLE));
                });
    }
}
