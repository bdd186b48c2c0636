package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.Gemm;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.pseval.ModelContextEncoder;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.core.pseval.PsEvalRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Times the GPT-2 forward pass on exactly the token sequences {@code pseval} runs (both contexts of every row, BOS +
 * prompt up to the target token) and can write them for the numpy reference: bench/lm/pseval.sh runs both.
 */
@Command(name = "bench-forward", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Benchmark the GPT-2 forward pass on PS-Eval's token sequences; bench/lm/pseval.sh compares it "
                + "with numpy.")
public final class BenchForwardCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Option(names = "--data", required = true, description = "WiC folder or *.data.txt, or the authors' JSON/JSONL.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "WiC split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--hook", defaultValue = "blocks.4.hook_resid_pre", description = "Hook point (default: ${DEFAULT-VALUE}).")
    String hook;

    @Option(names = "--limit", description = "Only the first N rows.")
    Integer limit;

    @Option(names = "--warmup", defaultValue = "50", description = "Untimed sequences first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences stacked per run, as pseval stacks 16 "
            + "(default: ${DEFAULT-VALUE}, one at a time).")
    int batch;

    @Option(names = "--write-tokens", description = "Also write the sequences as JSON lines ({\"tokens\": [...]}).")
    Path writeTokens;

    /** Token sequences as JSON lines ({"tokens": [...]}), the numpy references' input, written atomically. */
    static void writeTokens(Path file, List<int[]> sequences) {
        StringBuilder sb = new StringBuilder();
        for (int[] s : sequences) {
            sb.append("{\"tokens\": ").append(java.util.Arrays.toString(s)).append("}\n");
        }
        AtomicFiles.write(file, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public BenchForwardCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        Flags.atLeastOne(limit, "--limit");
        Flags.atLeastOne(batch, "--batch");
        if (warmup < 0) {
            throw new InvalidInputException("--warmup must be at least 0, got " + warmup);
        }
        List<PsEvalRow> rows = PsEvalCommand.load(data, split).rows();
        if (limit != null && limit < rows.size()) {
            rows = rows.subList(0, limit);
        }
        Gpt2Model lm = model.load();
        HookPoint point = HookPoint.parse(hook, lm.config().nLayer());
        List<int[]> sequences = sequences(rows, model.tokenizer());
        if (sequences.isEmpty()) {
            throw new InvalidInputException(data + ": no row has a single-token target word: nothing to run");
        }
        if (writeTokens != null) {
            writeTokens(writeTokens, sequences);
        }
        for (int i = 0; i < Math.min(warmup, sequences.size()); i += batch) {
            lm.run(sequences.subList(i, Math.min(sequences.size(), i + batch)), point);
        }
        long tokens = 0;
        double checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < sequences.size(); i += batch) {
            ctx.monitor().checkCancelled();
            for (float[][] acts : lm.run(sequences.subList(i, Math.min(sequences.size(), i + batch)), point)) {
                checksum += acts[acts.length - 1][0];
                tokens += acts.length;
            }
            int done = Math.min(sequences.size(), i + batch);
            ctx.monitor().report(done / (double) sequences.size(), "sequence " + done + " of " + sequences.size());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("implementation", "sae-explorer, GEMM kernel " + Gemm.kernelName());
        json.put("batch", batch);
        json.put("sequences", sequences.size());
        json.put("tokens", tokens);
        json.put("seconds", seconds);
        json.put("tokensPerSecond", tokens / seconds);
        json.put("checksum", checksum);
        if (common.json) {
            ctx.printJson(json);
        } else {
            ctx.out().printf("%d sequences, %d tokens in %.2f s: %.0f tokens/s (%s)%n", sequences.size(), tokens,
                    seconds, tokens / seconds, json.get("implementation"));
        }
        return Cli.OK;
    }

    /** Both contexts of every row as pseval tokenises them; rows whose target is not a single token are left out. */
    static List<int[]> sequences(List<PsEvalRow> rows, Gpt2Tokenizer tokenizer) {
        List<int[]> out = new ArrayList<>();
        for (PsEvalRow r : rows) {
            for (String context : List.of(r.context1(), r.context2())) {
                int[] p = ModelContextEncoder.prefix(tokenizer, PromptTemplate.DEFAULT.fill(context, r.targetWord()),
                        r.targetWord());
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
