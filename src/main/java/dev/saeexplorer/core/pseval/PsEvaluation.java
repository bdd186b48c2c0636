package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The PS-Eval protocol of design/PSEVAL.md over rows and a {@link ContextEncoder}: per pair the max feature of each
 * context (argmax, lowest index on ties; an all-zero vector has none and the pair counts as different), same =
 * equal max features, the confusion counts, the Table 7 metrics, the random-SAE baseline for the evaluated label
 * counts, per-pair records and the skipped rows with reasons.
 */
public final class PsEvaluation {
    private static final int TOP = 5;

    /**
     * @param balance  which rows are evaluated
     * @param template the prompt template
     * @param limit    evaluate only the first {@code limit} input rows (before balancing); {@code null} for all
     */
    public record Options(Balance balance, PromptTemplate template, Integer limit) {
        public Options {
            Objects.requireNonNull(balance, "balance");
            Objects.requireNonNull(template, "template");
            if (limit != null && limit < 1) {
                throw new InvalidInputException("limit must be at least 1, was " + limit);
            }
        }

        public static Options defaults() {
            return new Options(Balance.OFFICIAL, PromptTemplate.DEFAULT, null);
        }

        public Options withBalance(Balance b) {
            return new Options(b, template, limit);
        }

        public Options withLimit(Integer l) {
            return new Options(balance, template, l);
        }

        public Options withTemplate(PromptTemplate t) {
            return new Options(balance, t, limit);
        }
    }

    private final ContextEncoder encoder;
    private final Options options;
    private final TaskMonitor monitor;
    private final List<PairRecord> pairs = new ArrayList<>();
    private final List<SkippedPair> skipped = new ArrayList<>();
    private Integer dSae;
    private int done;
    private int planned;

    private PsEvaluation(ContextEncoder encoder, Options options, TaskMonitor monitor) {
        this.encoder = encoder;
        this.options = options;
        this.monitor = monitor;
    }

    /**
     * Runs the protocol. Reports progress per pair and checks cancellation before each pair ({@link
     * dev.saeexplorer.core.compute.CancelledException}).
     *
     * @throws InvalidInputException when there are no rows
     */
    public static PsEvalResult run(List<PsEvalRow> rows, ContextEncoder encoder, Options options,
                                   TaskMonitor monitor) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(options, "options");
        TaskMonitor m = monitor == null ? TaskMonitor.none() : monitor;
        if (rows == null || rows.isEmpty()) {
            throw new InvalidInputException("the PS-Eval dataset is empty: nothing to evaluate");
        }
        List<PsEvalRow> input = options.limit() == null ? rows : rows.subList(0, Math.min(options.limit(),
                rows.size()));
        return new PsEvaluation(encoder, options, m).evaluate(input);
    }

    private PsEvalResult evaluate(List<PsEvalRow> input) {
        int notEvaluated = 0;
        if (options.balance() == Balance.NONE) {
            planned = input.size();
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                all.add(i);
            }
            evaluateRows(all, input);
        } else {
            List<Integer> zeros = new ArrayList<>();
            List<Integer> ones = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                (input.get(i).label() == 0 ? zeros : ones).add(i);
            }
            planned = zeros.size() + Math.min(zeros.size(), ones.size());
            int c0 = evaluateRows(zeros, input);
            int take = Math.min(c0, ones.size());
            planned = done + take;
            evaluateRows(ones.subList(0, take), input);
            notEvaluated = ones.size() - take;
        }
        monitor.report(1.0, "evaluated " + pairs.size() + " pairs, skipped " + skipped.size());

        pairs.sort(Comparator.comparingInt(PairRecord::rowIndex));
        skipped.sort(Comparator.comparingInt(SkippedPair::rowIndex));
        long tp = 0;
        long fn = 0;
        long fp = 0;
        long tn = 0;
        int noMax = 0;
        for (PairRecord p : pairs) {
            switch (p.outcome()) {
                case TP -> tp++;
                case FN -> fn++;
                case FP -> fp++;
                case TN -> tn++;
                default -> throw new AssertionError();
            }
            if (p.noMaxFeature()) {
                noMax++;
            }
        }
        ConfusionCounts counts = new ConfusionCounts(tp, fn, fp, tn);
        ConfusionMetrics baseline = dSae == null ? null
                : RandomBaseline.expected(dSae, counts.same(), counts.different());
        return new PsEvalResult(options.balance(), options.template().template(), input.size(), counts,
                counts.metrics(), dSae, baseline, pairs, skipped, notEvaluated, noMax);
    }

    /** Evaluates rows in the encoder's batches; returns how many were evaluated (not skipped). */
    private int evaluateRows(List<Integer> indices, List<PsEvalRow> input) {
        int evaluated = 0;
        int batch = Math.max(1, encoder.rowsPerBatch());
        for (int start = 0; start < indices.size(); start += batch) {
            monitor.checkCancelled();
            List<Integer> rows = indices.subList(start, Math.min(indices.size(), start + batch));
            List<ContextEncoder.Prompt> prompts = new ArrayList<>();
            for (int i : rows) {
                PsEvalRow row = input.get(i);
                prompts.add(new ContextEncoder.Prompt(options.template().fill(row.context1(), row.targetWord()),
                        row.targetWord()));
                prompts.add(new ContextEncoder.Prompt(options.template().fill(row.context2(), row.targetWord()),
                        row.targetWord()));
            }
            List<ContextEncoder.Result> results = batch == 1 ? encodeOneRow(prompts) : encoder.encodeAll(prompts);
            if (results == null || results.size() != prompts.size()) {
                throw new IllegalStateException("the context encoder answered " + (results == null ? "null"
                        : results.size() + " results") + " for " + prompts.size() + " prompts");
            }
            for (int r = 0; r < rows.size(); r++) {
                int index = rows.get(r);
                PsEvalRow row = input.get(index);
                ContextFeatures f1 = accept(index, row, results.get(2 * r), 1);
                ContextFeatures f2 = f1 == null ? null : accept(index, row, results.get(2 * r + 1), 2);
                if (f2 != null) {
                    pairs.add(record(index, row, f1, f2));
                    evaluated++;
                }
                done++;
                monitor.report(Math.min(1.0, done / (double) Math.max(planned, 1)),
                        "pair " + done + " of " + planned + " (" + row.id() + ")");
            }
        }
        return evaluated;
    }

    /** One row's two prompts through {@link ContextEncoder#encode}; context 2 is not run when context 1 is skipped. */
    private List<ContextEncoder.Result> encodeOneRow(List<ContextEncoder.Prompt> prompts) {
        ContextEncoder.Result r1 = encoder.encode(prompts.get(0).prompt(), prompts.get(0).targetWord());
        ContextEncoder.Result r2 = r1 == null || r1.skipped() ? r1
                : encoder.encode(prompts.get(1).prompt(), prompts.get(1).targetWord());
        return java.util.Arrays.asList(r1, r2);
    }

    /** A context's features, or null after recording why the row is skipped. */
    private ContextFeatures accept(int index, PsEvalRow row, ContextEncoder.Result r, int which) {
        if (r == null) {
            throw new IllegalStateException("the context encoder returned null for row " + row.id());
        }
        if (r.skipped()) {
            skipped.add(new SkippedPair(index, row.id(), row.label(), "context " + which + ": " + r.skipReason()));
            return null;
        }
        float[] f = r.features().features();
        for (float v : f) {
            if (Float.isNaN(v)) {
                skipped.add(new SkippedPair(index, row.id(), row.label(),
                        "context " + which + ": the feature vector contains NaN"));
                return null;
            }
        }
        if (dSae == null) {
            dSae = f.length;
        } else if (f.length != dSae) {
            throw new IllegalStateException("the context encoder gave " + f.length + " features for row " + row.id()
                    + " but " + dSae + " before");
        }
        return r.features();
    }

    private PairRecord record(int index, PsEvalRow row, ContextFeatures c1, ContextFeatures c2) {
        Integer m1 = argmax(c1.features());
        Integer m2 = argmax(c2.features());
        boolean noMax = m1 == null || m2 == null;
        boolean same = !noMax && m1.equals(m2);
        return new PairRecord(index, row.id(), row.targetWord(), row.label(), m1,
                m1 == null ? null : c1.features()[m1], m2, m2 == null ? null : c2.features()[m2], same,
                Outcome.of(row.label(), same), noMax, top(c1.features(), TOP), top(c2.features(), TOP),
                distinction(c1.activation(), c2.activation()), distinction(c1.features(), c2.features()));
    }

    /** Argmax with the lowest index on ties; {@code null} for an all-zero vector. */
    public static Integer argmax(float[] v) {
        int best = -1;
        boolean allZero = true;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0f) {
                allZero = false;
            }
            if (best < 0 || v[i] > v[best]) {
                best = i;
            }
        }
        return allZero ? null : best;
    }

    /** Up to {@code k} non-zero entries, largest first, lower index first on ties. */
    public static List<FeatureActivation> top(float[] v, int k) {
        Integer[] idx = new Integer[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0f) {
                idx[n++] = i;
            }
        }
        Integer[] nz = Arrays.copyOf(idx, n);
        Arrays.sort(nz, (a, b) -> {
            int c = Float.compare(v[b], v[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<FeatureActivation> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, n); i++) {
            out.add(new FeatureActivation(nz[i], v[nz[i]]));
        }
        return out;
    }

    /** Polysemous distinction 1 − cos(a, b); {@code null} when either vector is absent or zero. */
    public static Double distinction(float[] a, float[] b) {
        Double cos = cosine(a, b);
        return cos == null ? null : 1 - cos;
    }

    /** cos(a, b) in double precision; {@code null} when either vector is absent or zero. */
    public static Double cosine(float[] a, float[] b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return null;
        }
        double c = dot / (Math.sqrt(na) * Math.sqrt(nb));
        return Math.max(-1.0, Math.min(1.0, c));
    }
}
