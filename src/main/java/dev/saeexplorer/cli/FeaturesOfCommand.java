package dev.saeexplorer.cli;

import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.lm.Gpt2Model;
import dev.saeexplorer.core.lm.PromptFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "features-of", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "The SAE's most active features at every token of a text (BOS prepended, left out of the output).")
public final class FeaturesOfCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelOption model;

    @Mixin
    SaeOption sae;

    @Option(names = "--text", required = true, description = "The text to read.")
    String text;

    @Option(names = "--top", defaultValue = "5", description = "Features per token (default: ${DEFAULT-VALUE}).")
    int top;

    public FeaturesOfCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        LoadedCheckpoint checkpoint = sae.load();
        Gpt2Model lm = model.load();
        PromptFeatures.Result r = PromptFeatures.of(lm, model.tokenizer(), sae.hook(checkpoint, lm),
                checkpoint.model(), text, top);
        List<List<Map<String, Object>>> tops = new ArrayList<>();
        for (List<PromptFeatures.Activation> perToken : r.top()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (PromptFeatures.Activation a : perToken) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("feature", a.feature());
                m.put("activation", a.activation());
                list.add(m);
            }
            tops.add(list);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokens", r.tokens());
        json.put("ids", r.ids());
        json.put("top", tops);
        if (common.json) {
            ctx.printJson(json);
        } else {
            for (int i = 0; i < r.tokens().size(); i++) {
                StringBuilder line = new StringBuilder(String.format("%-16s", "'" + r.tokens().get(i) + "'"));
                for (PromptFeatures.Activation a : r.top().get(i)) {
                    line.append(String.format("  #%d %s", a.feature(), Tables.number(a.activation())));
                }
                ctx.out().println(line.toString().stripTrailing());
            }
        }
        return Cli.OK;
    }
}
