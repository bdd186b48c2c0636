package dev.saeexplorer.ui.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SparsitySweep;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.io.SampleData;
import dev.saeexplorer.core.experiment.SweepFiles;
import dev.saeexplorer.core.sae.Weighting;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.toymodel.ToyModelTrainer;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.WorkspaceContext;
import dev.saeexplorer.ui.WorkspaceModel;
import dev.saeexplorer.ui.jobs.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.chart.JFreeChart;

/**
 * The sparsity sweep without a scene graph: the settings form (typed texts, validated on every change), the run with
 * its progress and cancel, the rows as they finish and the five figures rebuilt from them. All properties are changed
 * on the UI thread; the sweep itself runs through the context's executor and its rows come back batched through
 * {@code runOnUiThread}.
 */
public final class SweepViewModel implements WorkspaceModel {
    private static final int STATE_VERSION = 1;

    private final WorkspaceContext ctx;

    // The form: what people type and pick.
    private final ObjectProperty<WpSource> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<WpPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final ObjectProperty<Weighting> wsaeWeighting = new SimpleObjectProperty<>(this, "wsaeWeighting");
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(this, "device");
    private final StringProperty grid = new SimpleStringProperty(this, "grid");
    private final StringProperty seeds = new SimpleStringProperty(this, "seeds");
    private final StringProperty steps = new SimpleStringProperty(this, "steps");
    private final StringProperty latents = new SimpleStringProperty(this, "latents");
    private final StringProperty l1 = new SimpleStringProperty(this, "l1");
    private final StringProperty alpha = new SimpleStringProperty(this, "alpha");
    private final StringProperty toyFeatures = new SimpleStringProperty(this, "toyFeatures");
    private final StringProperty toyDims = new SimpleStringProperty(this, "toyDims");
    private final StringProperty toySparsity = new SimpleStringProperty(this, "toySparsity");
    private final StringProperty toySteps = new SimpleStringProperty(this, "toySteps");

    // Derived from the form.
    private final ReadOnlyObjectWrapper<SweepSettings> settings = new ReadOnlyObjectWrapper<>(this, "settings");
    private final ReadOnlyStringWrapper validationMessage = new ReadOnlyStringWrapper(this, "validationMessage", "");
    private final Map<SettingsParser.Field, ReadOnlyStringWrapper> fieldErrors = new EnumMap<>(SettingsParser.Field.class);
    private SweepSettings lastValid = SweepSettings.defaults();

    // The run.
    private final ReadOnlyObjectWrapper<SweepState> state = new ReadOnlyObjectWrapper<>(this, "state", SweepState.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyIntegerWrapper runsDone = new ReadOnlyIntegerWrapper(this, "runsDone");
    private final ReadOnlyIntegerWrapper runsTotal = new ReadOnlyIntegerWrapper(this, "runsTotal");
    private final ReadOnlyStringWrapper runsText = new ReadOnlyStringWrapper(this, "runsText", "");
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final ObservableList<SweepRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SweepRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final Map<SweepFigure, JFreeChart> charts = new EnumMap<>(SweepFigure.class);
    /** Counts chart rebuilds. (JFreeChart's equals ignores the data, so a property of charts would not always fire.) */
    private final ReadOnlyIntegerWrapper chartsRevision = new ReadOnlyIntegerWrapper(this, "chartsRevision");
    private final BooleanBinding canRun;

    /** Identifies the current run; callbacks of an older run (cancelled, replaced) are ignored. */
    private long runId;
    private Job job;

    public SweepViewModel(WorkspaceContext ctx) {
        this.ctx = ctx;
        for (SettingsParser.Field f : SettingsParser.Field.values()) {
            fieldErrors.put(f, new ReadOnlyStringWrapper(this, f.name(), ""));
        }
        fill(SweepSettings.defaults());
        javafx.beans.InvalidationListener revalidate = obs -> revalidate();
        for (javafx.beans.Observable p : List.<javafx.beans.Observable>of(source, preset, wsaeWeighting, device, grid,
                seeds, steps, latents, l1, alpha, toyFeatures, toyDims, toySparsity, toySteps)) {
            p.addListener(revalidate);
        }
        revalidate();
        canRun = Bindings.createBooleanBinding(() -> settings.get() != null && !running.get(), settings, running);
        rows.addListener((javafx.collections.ListChangeListener<SweepRow>) c -> rebuildCharts());
        state.addListener((obs, was, now) -> {
            running.set(now == SweepState.RUNNING);
            if (rows.isEmpty()) {
                rebuildCharts();
            }
        });
        rebuildCharts();
        updateRunsText();
    }

    // ---- the form ----

    public ObjectProperty<WpSource> sourceProperty() {
        return source;
    }

    public ObjectProperty<WpPreset> presetProperty() {
        return preset;
    }

    public ObjectProperty<Weighting> wsaeWeightingProperty() {
        return wsaeWeighting;
    }

    public ObjectProperty<Device> deviceProperty() {
        return device;
    }

    /** The sparsity grid as typed, e.g. "0,0.3,0.6,0.8,0.9,0.95,0.99". */
    public StringProperty gridProperty() {
        return grid;
    }

    public StringProperty seedsProperty() {
        return seeds;
    }

    public StringProperty stepsProperty() {
        return steps;
    }

    public StringProperty latentsProperty() {
        return latents;
    }

    public StringProperty l1Property() {
        return l1;
    }

    public StringProperty alphaProperty() {
        return alpha;
    }

    public StringProperty toyFeaturesProperty() {
        return toyFeatures;
    }

    public StringProperty toyDimsProperty() {
        return toyDims;
    }

    public StringProperty toySparsityProperty() {
        return toySparsity;
    }

    public StringProperty toyStepsProperty() {
        return toySteps;
    }

    /** The validated settings, or null while a field is wrong. */
    public ReadOnlyObjectProperty<SweepSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** Every wrong field's message, one per line; empty when the form is valid. */
    public ReadOnlyStringProperty validationMessageProperty() {
        return validationMessage.getReadOnlyProperty();
    }

    /** The message for one field; empty when it is valid. */
    ReadOnlyStringProperty fieldErrorProperty(SettingsParser.Field field) {
        return fieldErrors.get(field).getReadOnlyProperty();
    }

    // ---- the run ----

    public ReadOnlyObjectProperty<SweepState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True when the settings are valid and no sweep is running. */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Fraction of the sweep done, in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runsDoneProperty() {
        return runsDone.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runsTotalProperty() {
        return runsTotal.getReadOnlyProperty();
    }

    /** "5 of 28 runs". */
    public ReadOnlyStringProperty runsTextProperty() {
        return runsText.getReadOnlyProperty();
    }

    /** What the sweep is doing now, or how it ended. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** The finished runs, in the order they finished (read-only). */
    public ObservableList<SweepRow> rows() {
        return rowsView;
    }

    /** The figure built from the rows so far; a new chart after every change of {@link #chartsRevisionProperty()}. */
    public JFreeChart chart(SweepFigure figure) {
        return charts.get(figure);
    }

    /** Goes up by one each time the figures are rebuilt (rows arrived, rows restored); listen to it to redraw. */
    public ReadOnlyIntegerProperty chartsRevisionProperty() {
        return chartsRevision.getReadOnlyProperty();
    }

    /**
     * Starts the sweep with the current settings, replacing the rows shown. Returns false (and starts nothing) when a
     * field is wrong or a sweep is already running.
     */
    public boolean run() {
        SweepSettings s = settings.get();
        if (s == null || running.get()) {
            return false;
        }
        long id = ++runId;
        rows.clear();
        runsTotal.set(s.totalRuns());
        runsDone.set(0);
        progress.set(0);
        statusMessage.set("Starting the compute backend…");
        state.set(SweepState.RUNNING);
        updateRunsText();
        RowBatcher batcher = new RowBatcher(id);
        ProgressPoster poster = new ProgressPoster(id);
        Job submitted = ctx.executor().submit("Sparsity sweep (" + s.totalRuns() + " runs)",
                monitor -> execute(s, monitor, batcher, poster),
                result -> finished(id, batcher, result),
                error -> failed(id, batcher, error));
        if (id == runId && running.get()) {
            job = submitted;
        }
        return true;
    }

    /** Asks the running sweep to stop; the state becomes {@link SweepState#CANCELLED} once it has. */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
            statusMessage.set("Cancelling…");
        }
    }

    /** Writes the rows so far to a .csv or .json file (the same format as the CLI's {@code sweep --out}). */
    public void exportRows(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".json")) {
            throw new InvalidInputException("Choose a file name ending in .csv or .json for the sweep rows.");
        }
        SweepFiles.write(path, SweepFiles.formatOf(path), List.copyOf(rows));
    }

    /** Stops a running sweep (window closing). */
    public void shutdown() {
        if (job != null) {
            job.cancel();
        }
    }

    // ---- session state ----

    /** The settings (the last valid ones while a field is wrong) and the rows so far. */
    public ObjectNode saveState() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("version", STATE_VERSION);
        SweepSettings s = settings.get() != null ? settings.get() : lastValid;
        o.set("settings", s.toJson());
        o.set("rows", Json.mapper().valueToTree(List.copyOf(rows)));
        return o;
    }

    /**
     * Restores settings and rows; everything is checked first, so on an {@link InvalidInputException} nothing has
     * changed. A running sweep is cancelled.
     */
    public void restoreState(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("The sweep part of the session is not a JSON object.");
        }
        JsonNode v = o.get("version");
        if (v == null || !v.canConvertToInt()) {
            throw new InvalidInputException("The sweep part of the session has no format version.");
        }
        if (v.asInt() > STATE_VERSION) {
            throw new InvalidInputException("The sweep part of the session has format version " + v.asInt()
                    + ", newer than this SAE Explorer understands (" + STATE_VERSION + "). Update SAE Explorer to open it.");
        }
        if (v.asInt() < 1) {
            throw new InvalidInputException("The sweep part of the session has an invalid format version " + v.asInt() + ".");
        }
        SweepSettings s;
        try {
            s = SweepSettings.fromJson(o.get("settings"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The session's sweep settings are wrong: " + e.getMessage(), e);
        }
        List<SweepRow> restored = parseRows(o.get("rows"));

        if (running.get()) {
            shutdown();
        }
        runId++;
        job = null;
        fill(s);
        rows.setAll(restored);
        runsTotal.set(s.totalRuns());
        runsDone.set(restored.size());
        progress.set(s.totalRuns() == 0 ? 0 : Math.min(1.0, restored.size() / (double) s.totalRuns()));
        state.set(SweepState.IDLE);
        statusMessage.set(restored.isEmpty() ? "" : "Restored " + restored.size() + " runs from the session.");
        updateRunsText();
        rebuildCharts();
    }

    private static List<SweepRow> parseRows(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("The sweep part of the session has no rows array.");
        }
        List<SweepRow> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String where = "Sweep row " + (i + 1) + " of the session";
            if (!n.isObject()) {
                throw new InvalidInputException(where + " is not a JSON object.");
            }
            for (String field : List.of("sparsity", "seed", "model", "lossGT", "reconstructionXp", "deadLatents", "steps",
                    "weights")) {
                if (!n.has(field)) {
                    throw new InvalidInputException(where + " has no '" + field + "'.");
                }
            }
            SweepRow r;
            try {
                r = Json.mapper().treeToValue(n, SweepRow.class);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(where + " is malformed: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where + " is malformed: " + e.getMessage(), e);
            }
            if (!(r.sparsity() >= 0 && r.sparsity() <= 1)) {
                throw new InvalidInputException(where + " has sparsity " + r.sparsity() + ", outside [0, 1].");
            }
            if (r.model() == null || r.model().isBlank()) {
                throw new InvalidInputException(where + " has no model name.");
            }
            if (r.steps() < 1 || r.deadLatents() < 0 || r.weights() == null) {
                throw new InvalidInputException(where + " has impossible values (steps, dead latents or weights).");
            }
            out.add(r);
        }
        return out;
    }

    // ---- internals ----

    /** Runs on the worker thread. */
    private List<SweepRow> execute(SweepSettings s, TaskMonitor monitor, RowBatcher batcher, ProgressPoster poster) {
        TaskMonitor mine = new TaskMonitor((f, m) -> {
            monitor.report(f, m);
            poster.post(f, m);
        }, monitor.cancellation());
        ComputeBackend backend = ComputeBackend.select(s.device(), true);
        if (backend.notice() != null) {
            poster.post(0, backend.notice());
        }
        monitor.checkCancelled();
        Superposition fixed = switch (s.source()) {
            case PRESET -> s.preset().build();
            case TRAINED_TOY -> null;
        };
        int dims = fixed != null ? fixed.dims() : s.toy().dims();
        int perSeed = s.sparsities().length * 2;
        return new SparsitySweep().run(s.sparsities(), s.seeds(), seed -> {
            if (fixed != null) {
                return fixed;
            }
            double at = seed * perSeed / (double) s.totalRuns();
            TaskMonitor toy = new TaskMonitor((f, m) -> mine.report(at, "Training the toy model W_p for seed " + seed
                    + ": " + m), monitor.cancellation());
            return new ToyModelTrainer().train(s.toy().config(seed), toy).superposition();
        }, s.saeConfig(dims), SweepSettings.EVAL_SAMPLES, backend.device().id(), mine, batcher::add);
    }

    private void finished(long id, RowBatcher batcher, List<SweepRow> result) {
        if (id != runId) {
            return;
        }
        batcher.flush();
        if (rows.size() != result.size()) {
            rows.setAll(result);
        }
        job = null;
        runsDone.set(rows.size());
        progress.set(1);
        state.set(SweepState.DONE);
        statusMessage.set("Finished: " + rows.size() + " runs.");
        updateRunsText();
    }

    private void failed(long id, RowBatcher batcher, Throwable error) {
        if (id != runId) {
            return;
        }
        batcher.flush();
        job = null;
        runsDone.set(rows.size());
        updateRunsText();
        if (isCancellation(error)) {
            state.set(SweepState.CANCELLED);
            statusMessage.set("Cancelled after " + rows.size() + " of " + runsTotal.get() + " runs.");
            return;
        }
        state.set(SweepState.FAILED);
        String message = error instanceof InvalidInputException ? error.getMessage()
                : "The sweep stopped because of an unexpected error (" + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage())
                        + "). The rows finished so far are kept; try fewer latents or steps, or report the problem.";
        statusMessage.set("Failed after " + rows.size() + " of " + runsTotal.get() + " runs.");
        ctx.errors().report("Sparsity sweep failed", message);
    }

    private static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CancelledException || c instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private void fill(SweepSettings s) {
        source.set(s.source());
        preset.set(s.preset());
        wsaeWeighting.set(s.wsaeWeighting());
        device.set(s.device());
        grid.set(s.gridText());
        seeds.set(Integer.toString(s.seeds()));
        steps.set(Integer.toString(s.steps()));
        latents.set(Integer.toString(s.latents()));
        l1.set(SweepSettings.plain(s.l1()));
        alpha.set(SweepSettings.plain(s.alpha()));
        toyFeatures.set(Integer.toString(s.toy().features()));
        toyDims.set(Integer.toString(s.toy().dims()));
        toySparsity.set(SweepSettings.plain(s.toy().sparsity()));
        toySteps.set(Integer.toString(s.toy().steps()));
    }

    private void revalidate() {
        if (source.get() == null || preset.get() == null || wsaeWeighting.get() == null || device.get() == null) {
            return;
        }
        SettingsParser.Parsed p = SettingsParser.parse(source.get(), preset.get(), wsaeWeighting.get(), device.get(),
                grid.get(), seeds.get(), steps.get(), latents.get(), l1.get(), alpha.get(), toyFeatures.get(),
                toyDims.get(), toySparsity.get(), toySteps.get());
        for (var e : fieldErrors.entrySet()) {
            e.getValue().set(p.errors().getOrDefault(e.getKey(), ""));
        }
        validationMessage.set(String.join("\n", p.errors().values()));
        settings.set(p.settings());
        if (p.settings() != null) {
            lastValid = p.settings();
            if (!running.get() && rows.isEmpty()) {
                runsTotal.set(p.settings().totalRuns());
                updateRunsText();
            }
        }
    }

    private void updateRunsText() {
        int total = runsTotal.get() > 0 ? runsTotal.get() : lastValid.totalRuns();
        runsText.set(runsDone.get() + " of " + total + " runs");
    }

    private void rebuildCharts() {
        List<SweepRow> snapshot = List.copyOf(rows);
        for (SweepFigure f : SweepFigure.values()) {
            JFreeChart chart = f.build(snapshot);
            // Fixed 0.1 ticks overlap in a third of a window: let the axis pick 0.1, 0.2, 0.25 ... to fit its width.
            org.jfree.chart.axis.NumberAxis x = (org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getDomainAxis();
            x.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createStandardTickUnits(Locale.ROOT));
            x.setAutoTickUnitSelection(true, false);
            if (snapshot.isEmpty()) {
                // "Mean ± 1 s.d. over 0 seeds" says nothing before the first run.
                for (int i = chart.getSubtitleCount() - 1; i >= 0; i--) {
                    if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle) {
                        chart.removeSubtitle(chart.getSubtitle(i));
                    }
                }
                chart.getXYPlot().setNoDataMessage(state.get() == SweepState.RUNNING
                        ? "Waiting for the first run to finish…" : "No runs yet: press Run sweep");
            }
            charts.put(f, chart);
        }
        chartsRevision.set(chartsRevision.get() + 1);
    }

    /** Collects rows on the worker thread and hands them to the UI thread in batches. */
    private final class RowBatcher {
        private final long id;
        private final ConcurrentLinkedQueue<SweepRow> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        RowBatcher(long id) {
            this.id = id;
        }

        /** Worker thread. */
        void add(SweepRow row) {
            pending.add(row);
            if (scheduled.compareAndSet(false, true)) {
                ctx.executor().runOnUiThread(this::flush);
            }
        }

        /** UI thread. */
        void flush() {
            scheduled.set(false);
            List<SweepRow> batch = new ArrayList<>();
            for (SweepRow r; (r = pending.poll()) != null; ) {
                batch.add(r);
            }
            if (batch.isEmpty() || id != runId) {
                return;
            }
            rows.addAll(batch);
            runsDone.set(rows.size());
            progress.set(Math.max(progress.get(), rows.size() / (double) Math.max(1, runsTotal.get())));
            updateRunsText();
        }
    }

    /** Keeps the latest progress of the worker and posts at most one update to the UI thread at a time. */
    private final class ProgressPoster {
        private final long id;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile double fraction;
        private volatile String message = "";

        ProgressPoster(long id) {
            this.id = id;
        }

        void post(double f, String m) {
            fraction = f;
            message = m;
            if (scheduled.compareAndSet(false, true)) {
                ctx.executor().runOnUiThread(() -> {
                    scheduled.set(false);
                    if (id == runId && running.get()) {
                        progress.set(Math.max(0, Math.min(1, fraction)));
                        statusMessage.set(message);
                    }
                });
            }
        }
    }
}
