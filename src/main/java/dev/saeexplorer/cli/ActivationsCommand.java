package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.Gpt2Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "activations", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "A GPT-2-family model's activations at a TransformerLens hook point, one row per token.")
public final class ActivationsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Option(names = "--text", required = true, description = "The text to run.")
    String text;

    @Option(names = "--hook", required = true, description = "e.g. blocks.4.hook_resid_pre (also hook_resid_mid, hook_resid_post, hook_attn_out, hook_mlp_out).")
    String hook;

    @Option(names = "--no-bos", description = "Do not prepend the BOS token (50256).")
    boolean noBos;

    public ActivationsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        if (text.isEmpty()) {
            throw new InvalidInputException("--text is empty: give the text to run");
        }
        Gpt2Model m = model.load();
        Gpt2Tokenizer tokenizer = model.tokenizer();
        int[] tokens = noBos ? tokenizer.encode(text) : tokenizer.encodeWithBos(text);
        float[][] activations = m.run(tokens, hook);
        List<String> strTokens = new ArrayList<>();
        for (int t : tokens) {
            strTokens.add(tokenizer.tokenString(t));
        }
        Output o = new Output(hook, tokens, strTokens, activations);
        if (common.json) {
            ctx.printJson(o);
        } else {
            ctx.out().printf("%s: %d tokens × %d dimensions (TransformerLens values)%n", hook, tokens.length,
                    m.dModel());
            for (int i = 0; i < tokens.length; i++) {
                float norm = 0;
                for (float v : activations[i]) {
                    norm += v * v;
                }
                ctx.out().printf("%4d %8d  %-20s ‖a‖ = %.4f%n", i, tokens[i], '"' + strTokens.get(i) + '"',
                        Math.sqrt(norm));
            }
        }
        return Cli.OK;
    }

    /** The JSON of design/CLI.md. */
    record Output(String hook, int[] tokens, List<String> strTokens, float[][] activations) {
    }
}
