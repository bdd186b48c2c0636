package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.compute.SubTask;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.pseval.ContextEncoder;
import dev.saeexplorer.core.pseval.ModelContextEncoder;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalRow;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.core.sae.SaeModel;
import java.util.List;
import java.util.Objects;

/**
 * One evaluation as the Run button starts it: PS-Eval of checkpoint A, and of B on the same rows when comparing, in
 * the background. Progress runs over both (A the first half when comparing); cancellation is checked before each pair.
 */
final class EvaluationJob {
    /** Makes the context encoder of one checkpoint; tests slow it down to catch a run mid-way. */
    @FunctionalInterface
    interface EncoderFactory {
        EncoderFactory MODEL = ModelContextEncoder::new;

        ContextEncoder create(Gpt2Model model, Gpt2Tokenizer tokenizer, HookPoint hook, SaeModel sae);
    }

    /** A checkpoint as evaluated: its name for columns and dialogs, the SAE and its hook point. */
    record Side(String name, SaeModel sae, HookPoint hook) {
        Side {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sae, "sae");
            Objects.requireNonNull(hook, "hook");
        }
    }

    /** Everything a run reads, captured when Run is pressed, so later loads cannot change it mid-way. */
    record Plan(LanguageModel model, LoadedDataset dataset, PsEvaluation.Options options, Side a, Side b) {
        Plan {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(a, "a");
        }

        /** The rows PS-Eval reads: the file's rows up to the limit (record row indices point into this list). */
        List<PsEvalRow> rows() {
            List<PsEvalRow> all = dataset.data().rows();
            return options.limit() == null ? all : all.subList(0, Math.min(options.limit(), all.size()));
        }
    }

    /** A finished run: the plan and the result of each side (b null without a comparison). */
    record Outcome(Plan plan, PsEvalResult a, PsEvalResult b) {
    }

    private EvaluationJob() {
    }

    static Outcome run(Plan plan, EncoderFactory encoders, TaskMonitor monitor) {
        Gpt2Tokenizer tokenizer = plan.model().tokenizer();
        boolean compare = plan.b() != null;
        double share = compare ? 0.5 : 1.0;
        PsEvalResult a = evaluate(plan, plan.a(), encoders, tokenizer, SubTask.of(monitor, 0, share,
                compare ? "A (" + plan.a().name() + ")" : plan.a().name()));
        PsEvalResult b = compare ? evaluate(plan, plan.b(), encoders, tokenizer,
                SubTask.of(monitor, 0.5, 0.5, "B (" + plan.b().name() + ")")) : null;
        return new Outcome(plan, a, b);
    }

    private static PsEvalResult evaluate(Plan plan, Side side, EncoderFactory encoders, Gpt2Tokenizer tokenizer,
                                         TaskMonitor monitor) {
        ContextEncoder encoder = encoders.create(plan.model().model(), tokenizer, side.hook(), side.sae());
        // The options' limit is applied by the core; pass the whole file so row indices match the table's.
        return PsEvaluation.run(plan.dataset().data().rows(), encoder, plan.options(), monitor);
    }
}
