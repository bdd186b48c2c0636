package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.jobs.BackgroundExecutor;
import dev.saeexplorer.ui.jobs.LatestRun;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One input of the evaluation (the model, a checkpoint, the pairs), loaded in the background. A load that fails, is
 * refused or is cancelled keeps what was loaded before, and the dialog says so; a newer load replaces an older one
 * still running ({@link LatestRun}). Read and changed on the UI thread only.
 */
final class LoadSlot<T> {
    private final WorkspaceContext ctx;
    private final String what;
    private final Function<T, String> describe;
    private final LatestRun loads;
    private final ReadOnlyObjectWrapper<T> value = new ReadOnlyObjectWrapper<>(this, "value");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /**
     * @param what     what this slot holds, for dialogs: "the model", "checkpoint A"
     * @param describe one line about a loaded value, for "still loaded: …"
     */
    LoadSlot(WorkspaceContext ctx, String what, Function<T, String> describe) {
        this.ctx = ctx;
        this.what = what;
        this.describe = describe;
        this.loads = new LatestRun(ctx.executor());
    }

    /**
     * Loads in the background.
     *
     * @param source  the file or folder, for messages
     * @param work    reads the value (reporting progress, checking cancellation)
     * @param refusal on the UI thread, "" to accept the value or a message that says what is wrong and what to pick
     * @param advice  what to choose instead when reading fails
     * @param then    on the UI thread, after an accepted value was set
     */
    void load(String source, BackgroundExecutor.Work<T> work, Function<T, String> refusal, String advice,
              Consumer<T> then) {
        load(source, work, refusal, advice, v -> { }, then);
    }

    /**
     * {@link #load(String, BackgroundExecutor.Work, Function, String, Consumer)} with {@code prepare} run on an
     * accepted value just before it is set, so what depends on the value (a checkpoint's hook point) is in place when
     * listeners of the value hear of it.
     */
    void load(String source, BackgroundExecutor.Work<T> work, Function<T, String> refusal, String advice,
              Consumer<T> prepare, Consumer<T> then) {
        cancel();
        progress.set(-1);
        message.set("Loading " + source + "…");
        loads.start("Loading " + what, work, loaded -> {
            finish();
            String problem = refusal.apply(loaded);
            if (!problem.isEmpty()) {
                fail(source, problem, "");
                return;
            }
            prepare.accept(loaded);
            value.set(loaded);
            then.accept(loaded);
        }, error -> {
            finish();
            if (error instanceof CancelledException) {
                message.set("Loading cancelled." + kept());
                return;
            }
            fail(source, ErrorText.forPeople(error, FieldLabels.TABLE), advice);
        }).follow(progress, message::set);
    }

    /** The load ended (the run is over, its bar unbound): clears the bar and the line. */
    private void finish() {
        progress.set(0);
        message.set("");
    }

    private void fail(String source, String problem, String advice) {
        message.set("Could not use " + source + "." + kept());
        ctx.errors().report("Cannot use " + source + " as " + what,
                problem + (advice.isEmpty() ? "" : "\n\n" + advice) + (value.get() == null ? ""
                        : "\n\nNothing was lost: " + describe.apply(value.get()) + " is still loaded."));
    }

    private String kept() {
        return value.get() == null ? "" : " Still loaded: " + describe.apply(value.get()) + ".";
    }

    /** Stops a load in progress; what was loaded stays. */
    void cancel() {
        boolean wasLoading = loads.isRunning();
        loads.abandon();
        if (wasLoading) {
            finish();
            message.set("Loading cancelled." + kept());
        }
    }

    /** Forgets the loaded value (the optional second checkpoint). */
    void clear() {
        cancel();
        value.set(null);
        message.set("");
    }

    T get() {
        return value.get();
    }

    ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loads.runningProperty();
    }

    /** −1 while the load cannot say how far it is. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
