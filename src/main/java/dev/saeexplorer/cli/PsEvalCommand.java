package dev.saeexplorer.cli;

import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.lm.FeatureLens;
import dev.saeexplorer.core.pseval.AuthorsJsonLoader;
import dev.saeexplorer.core.pseval.Balance;
import dev.saeexplorer.core.pseval.ConfusionMetrics;
import dev.saeexplorer.core.pseval.ModelContextEncoder;
import dev.saeexplorer.core.pseval.PairRecord;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.core.pseval.PsEvalDataset;
import dev.saeexplorer.core.pseval.PsEvalResult;
import dev.saeexplorer.core.pseval.PsEvalRow;
import dev.saeexplorer.core.pseval.PsEvalSources;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.core.pseval.WicLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pseval", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "PS-Eval: does the SAE's max feature separate the meanings of polysemous words (design/PSEVAL.md)?")
public final class PsEvalCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    SaeOption sae;

    @Option(names = "--data", required = true, description = "WiC folder or *.data.txt, or the authors' JSON/JSONL.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "WiC split when --data is the WiC folder (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--template", description = "Prompt template with {context} and {target_word} (default: \"{context} The {target_word} means\").")
    String template;

    @Option(names = "--balance", defaultValue = "official", description = "official or none (default: ${DEFAULT-VALUE}).")
    String balance;

    @Option(names = "--limit", description = "Evaluate only the first N rows.")
    Integer limit;

    @Option(names = "--top", defaultValue = "5", description = "Logit-lens tokens per side (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--out", description = "Also write the JSON result to this file.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    public PsEvalCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        PromptTemplate prompt = template == null ? PromptTemplate.DEFAULT : new PromptTemplate(template);
        Balance mode = Balance.parse(balance);
        Flags.atLeastOne(limit, "--limit");
        Flags.atLeastOne(top, "--top");
        if (out != null) {
            AtomicFiles.checkFileTarget(out, force);
        }
        PsEvalDataset dataset = load(data, split);
        LoadedCheckpoint checkpoint = sae.load();
        Gpt2Model lm = model.load();
        String hookName = sae.hookName(checkpoint);
        Gpt2Tokenizer tokenizer = model.tokenizer();
        ModelContextEncoder encoder = new ModelContextEncoder(lm, tokenizer,
                HookPoint.parse(hookName, lm.config().nLayer()), checkpoint.model());
        List<PsEvalRow> rows = dataset.rows();
        PsEvalResult result = PsEvaluation.run(rows, encoder,
                PsEvaluation.Options.defaults().withBalance(mode).withTemplate(prompt).withLimit(limit), ctx.monitor());
        Map<String, Object> json = toJson(result, rows, new FeatureLens(lm, checkpoint.model(), tokenizer),
                dataset.skipped().size());
        if (out != null) {
            AtomicFiles.write(out, o -> Json.pretty().writeValue(o, json));
        }
        if (common.json) {
            ctx.printJson(json);
        } else {
            printSummary(result, dataset);
        }
        return Cli.OK;
    }

    /**
     * The rows of --data: the authors' JSON/JSONL, split {@code split} of a WiC folder, or a WiC split file or
     * one-split folder. (The GUI's {@link PsEvalSources#wic} picks splits its own way: it lists them for a chooser.)
     */
    static PsEvalDataset load(Path data, String split) {
        if (PsEvalSources.isAuthorsJson(data)) {
            return AuthorsJsonLoader.load(data);
        }
        if (Files.isDirectory(data.resolve(split))) {
            return WicLoader.load(data, split);
        }
        return WicLoader.load(data);
    }

    private Map<String, Object> toJson(PsEvalResult r, List<PsEvalRow> rows, FeatureLens lens, int unreadableRows) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tp", r.counts().tp());
        counts.put("fp", r.counts().fp());
        counts.put("tn", r.counts().tn());
        counts.put("fn", r.counts().fn());
        json.put("counts", counts);
        json.put("metrics", metrics(r.metrics()));
        json.put("randomBaseline", r.baseline() == null ? null : metrics(r.baseline()));
        json.put("evaluated", r.pairs().size());
        json.put("skipped", r.skipped().size() + unreadableRows);
        json.put("skippedRows", r.skipped());
        Map<Integer, List<LogitLensCommand.Entry>> tokens = logitLens(lens, r.pairs());
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (PairRecord p : r.pairs()) {
            PsEvalRow row = rows.get(p.rowIndex());
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("id", p.id());
            pair.put("targetWord", p.targetWord());
            pair.put("label", p.label());
            pair.put("context1", row.context1());
            pair.put("context2", row.context2());
            pair.put("feature1", p.maxFeature1());
            pair.put("feature2", p.maxFeature2());
            pair.put("sameFeature", p.same());
            pair.put("distinctionLLM", p.llmDistinction());
            pair.put("distinctionSAE", p.saeDistinction());
            pair.put("logitLens1", p.maxFeature1() == null ? List.of() : tokens.get(p.maxFeature1()));
            pair.put("logitLens2", p.maxFeature2() == null ? List.of() : tokens.get(p.maxFeature2()));
            pair.put("top1", p.top1());
            pair.put("top2", p.top2());
            pairs.add(pair);
        }
        json.put("pairs", pairs);
        return json;
    }

    /** The Table 7 metrics under their JSON names (design/CLI.md); polysemy-world uses the same. */
    static Map<String, Object> metrics(ConfusionMetrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", m.accuracy());
        json.put("precision", m.precision());
        json.put("recall", m.recall());
        json.put("f1", m.f1());
        json.put("specificity", m.specificity());
        json.put("sensitivity", m.sensitivity());
        json.put("dF1", m.dF1());
        json.put("averageF1", m.averageF1());
        return json;
    }

    /** The top logit-lens tokens of every pair's max features (as logit-lens reports them), each feature once. */
    private Map<Integer, List<LogitLensCommand.Entry>> logitLens(FeatureLens lens, List<PairRecord> pairs) {
        java.util.TreeSet<Integer> features = new java.util.TreeSet<>();
        for (PairRecord p : pairs) {
            if (p.maxFeature1() != null) {
                features.add(p.maxFeature1());
            }
            if (p.maxFeature2() != null) {
                features.add(p.maxFeature2());
            }
        }
        List<Integer> ids = new ArrayList<>(features);
        List<dev.saeexplorer.core.lm.LogitLens.Result> results = lens.tokens(ids, top);
        Map<Integer, List<LogitLensCommand.Entry>> out = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), LogitLensCommand.entries(results.get(i).top()));
        }
        return out;
    }

    private void printSummary(PsEvalResult r, PsEvalDataset dataset) {
        var o = ctx.out();
        o.printf("%d pairs evaluated, %d skipped (%s)%n", r.pairs().size(), r.skipped().size() + dataset.skipped().size(),
                dataset.source());
        o.printf("TP %d  FN %d  FP %d  TN %d%n", r.counts().tp(), r.counts().fn(), r.counts().fp(), r.counts().tn());
        o.printf("%-12s %10s %10s%n", "metric", "SAE", "random");
        ConfusionMetrics m = r.metrics();
        ConfusionMetrics b = r.baseline();
        row(o, "accuracy", m.accuracy(), b == null ? null : b.accuracy());
        row(o, "precision", m.precision(), b == null ? null : b.precision());
        row(o, "recall", m.recall(), b == null ? null : b.recall());
        row(o, "F1", m.f1(), b == null ? null : b.f1());
        row(o, "specificity", m.specificity(), b == null ? null : b.specificity());
        row(o, "Average F1", m.averageF1(), b == null ? null : b.averageF1());
    }

    private static void row(java.io.PrintWriter o, String name, Double a, Double b) {
        o.printf("%-12s %10s %10s%n", name, Tables.number(a), Tables.number(b));
    }
}
