package dev.saeexplorer.ui.training;

import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.compute.CancelledException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SyntheticExperiment;
import dev.saeexplorer.core.experiment.SyntheticExperiment.ExperimentResult;
import dev.saeexplorer.core.sae.TrainingSnapshot;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.superposition.SyntheticData;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;

/**
 * The background work of a lab run: SAE and WSAE train at the same time on two threads, on the same data (same seed),
 * so their curves grow side by side. Both trainers step under one {@link CancellationToken}, the run's control, which
 * they check between every two steps: pause, resume and cancel act within one step. The job's thread only watches: it
 * forwards the job's cancellation to the control, stops the other model when one fails, and reports the combined
 * progress.
 */
final class DualTraining {
    private static final long WATCH_MS = 20;

    private final LabSettings settings;
    private final CancellationToken control;
    private final BiConsumer<ModelKind, TrainingSnapshot> snapshots;
    /** Each model's training fraction, written by its thread, read by the watcher. */
    private final AtomicLongArray progress = new AtomicLongArray(2);

    /** @param control pauses, resumes and cancels both trainers; the job's cancellation is forwarded to it */
    DualTraining(LabSettings settings, CancellationToken control, BiConsumer<ModelKind, TrainingSnapshot> snapshots) {
        this.settings = settings;
        this.control = control;
        this.snapshots = snapshots;
    }

    LabOutcome run(TaskMonitor job) throws Exception {
        job.report(0, "loading W_p");
        Superposition sp = settings.superposition();
        SyntheticData data = settings.data(sp);
        // Checked before any thread starts, so bad settings fail with the core's message and nothing runs.
        settings.config(ModelKind.SAE, sp.dims());
        settings.config(ModelKind.WSAE, sp.dims());
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "training-lab-model");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<ModelOutcome> sae = pool.submit(() -> train(ModelKind.SAE, sp, data));
            Future<ModelOutcome> wsae = pool.submit(() -> train(ModelKind.WSAE, sp, data));
            double reported = -1;
            while (!(sae.isDone() && wsae.isDone())) {
                if (job.cancellation().isCancelled() || failed(sae) || failed(wsae)) {
                    control.cancel();
                }
                double p = (fraction(0) + fraction(1)) / 2;
                if (p - reported >= 0.005) {
                    reported = p;
                    job.report(p, String.format("training SAE and WSAE, %.0f%%", 100 * p));
                }
                Thread.sleep(WATCH_MS);
            }
            return collect(job, settings, sp, sae, wsae);
        } finally {
            pool.shutdownNow();
        }
    }

    private double fraction(int slot) {
        return Double.longBitsToDouble(progress.get(slot));
    }

    private ModelOutcome train(ModelKind kind, Superposition sp, SyntheticData data) {
        int slot = kind.ordinal();
        RateMeter rate = new RateMeter(settings.batch());
        TaskMonitor monitor = new TaskMonitor(
                (fraction, message) -> progress.set(slot, Double.doubleToLongBits(fraction)), control);
        ExperimentResult result = new SyntheticExperiment().run(data, settings.config(kind, sp.dims()),
                settings.evalSamples(), monitor, snap -> snapshots.accept(kind, rate.adjust(snap)));
        // The evaluation does not poll the token; check it before spending more time on the result views.
        control.throwIfCancelled();
        return OutcomeAnalysis.analyse(kind, sp, data, settings, result);
    }

    private static boolean failed(Future<?> f) {
        return f.isDone() && error(f) != null;
    }

    private static Exception error(Future<?> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return new CancelledException();
        }
    }

    /**
     * Both models, or the reason there are none: cancelled when the job was cancelled, else a real failure of either
     * model before the cancellation it caused in the other.
     */
    private static LabOutcome collect(TaskMonitor job, LabSettings settings, Superposition sp, Future<ModelOutcome> sae,
                                      Future<ModelOutcome> wsae) throws Exception {
        Exception se = error(sae);
        Exception we = error(wsae);
        job.checkCancelled();
        for (Exception e : new Exception[] {se, we}) {
            if (e != null && !(e instanceof CancelledException)) {
                throw e;
            }
        }
        if (se != null || we != null) {
            throw se != null ? se : we;
        }
        return new LabOutcome(settings, sp, sae.get(), wsae.get());
    }

    /**
     * Samples per second over the last snapshot interval, smoothed. The core's figure is the mean since the start, which
     * hides how the speed changes during a run.
     */
    private static final class RateMeter {
        private final int batch;
        private double lastSeconds;
        private int lastStep;
        private double smoothed;

        RateMeter(int batch) {
            this.batch = batch;
        }

        TrainingSnapshot adjust(TrainingSnapshot s) {
            double seconds = s.seconds() - lastSeconds;
            double instant = seconds > 0 && s.step() > lastStep ? (s.step() - lastStep) * (double) batch / seconds
                    : s.samplesPerSecond();
            // Smoothed: snapshot intervals are a few milliseconds, so a single interval's rate jitters.
            smoothed = smoothed == 0 ? instant : 0.8 * smoothed + 0.2 * instant;
            lastSeconds = s.seconds();
            lastStep = s.step();
            return new TrainingSnapshot(s.step(), s.steps(), s.loss(), s.reconstruction(), s.meanL0(), s.deadLatents(),
                    smoothed, s.seconds());
        }
    }
}
