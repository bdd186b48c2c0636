package dev.saeexplorer.ui.pseval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.core.pseval.Balance;
import dev.saeexplorer.ui.common.InputField;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workspace's part of a session file: the paths of what is loaded (not the data: a session stays small), the
 * typed hook points and the run options, the source (language model or polysemy world) and the world's settings as
 * typed (sessions saved before the world lack both and still open). Restoring checks everything before it changes anything, then loads the
 * files in the background as if they had been chosen.
 */
final class PsEvalState {
    static final int FORMAT_VERSION = 1;

    private PsEvalState() {
    }

    static ObjectNode save(PsEvalViewModel vm) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("formatVersion", FORMAT_VERSION);
        LanguageModel m = vm.modelProperty().get();
        if (m != null) {
            o.put("model", m.folder().toString());
        }
        checkpoint(o, "checkpointA", vm.checkpointA());
        checkpoint(o, "checkpointB", vm.checkpointB());
        LoadedDataset d = vm.pairsProperty().get();
        if (d != null) {
            ObjectNode pairs = o.putObject("pairs");
            pairs.put("kind", d.spec().kind().id());
            if (d.spec().path() != null) {
                pairs.put("path", d.spec().path().toString());
                pairs.put("split", d.spec().split());
            }
        }
        RunForm f = vm.options();
        o.put("template", f.template().textProperty().get());
        o.put("balance", f.balanceProperty().get().cliName());
        o.put("limit", f.limit().textProperty().get());
        o.put("histogram", vm.browser().subsetProperty().get().name().toLowerCase(java.util.Locale.ROOT));
        o.put("source", vm.sourceProperty().get().id());
        ObjectNode world = o.putObject("world");
        for (InputField<?> field : vm.world().fields()) {
            world.put(field.key(), field.textProperty().get());
        }
        return o;
    }

    private static void checkpoint(ObjectNode o, String key, CheckpointInput c) {
        if (c.loaded() != null) {
            ObjectNode n = o.putObject(key);
            n.put("path", c.loaded().path().toString());
            n.put("hook", c.hook().textProperty().get());
        }
    }

    /** A checked session: every value parsed before any is applied. */
    private record Checked(Path model, Path a, String hookA, Path b, String hookB, DatasetSpec pairs, String template,
                           Balance balance, String limit, DistinctionHistogram.Subset subset, PsEvalSource source,
                           Map<InputField<?>, String> world) {
    }

    static void restore(PsEvalViewModel vm, JsonNode state) {
        Checked c = check(vm, state);
        RunForm f = vm.options();
        f.template().textProperty().set(c.template());
        f.balanceProperty().set(c.balance());
        f.limit().textProperty().set(c.limit());
        vm.browser().subsetProperty().set(c.subset());
        c.world().forEach((field, text) -> field.textProperty().set(text));
        vm.sourceProperty().set(c.source());
        // What is loaded already is kept (a 500 MB model is not read twice); the rest loads in the background.
        LoadedDataset pairs = vm.pairsProperty().get();
        if (c.pairs() != null && (pairs == null || !sameSource(pairs.spec(), c.pairs()))) {
            vm.loadPairs(c.pairs());
        }
        Runnable checkpoints = () -> {
            checkpoint(vm, false, c.a(), c.hookA());
            if (c.b() != null) {
                checkpoint(vm, true, c.b(), c.hookB());
            } else {
                vm.clearCheckpointB();
            }
        };
        LanguageModel model = vm.modelProperty().get();
        if (c.model() == null || model != null && model.folder().equals(c.model())) {
            checkpoints.run();
        } else {
            // Checkpoints are checked against the model, so they wait for the session's model.
            vm.loadModel(c.model(), checkpoints);
        }
    }

    private static void checkpoint(PsEvalViewModel vm, boolean b, Path path, String hook) {
        if (path == null) {
            return;
        }
        CheckpointInput input = b ? vm.checkpointB() : vm.checkpointA();
        if (input.loaded() != null && input.loaded().path().equals(path)) {
            if (!hook.isBlank()) {
                input.hook().textProperty().set(hook);
            }
            return;
        }
        vm.loadCheckpoint(b, path, hook);
    }

    private static boolean sameSource(DatasetSpec loaded, DatasetSpec wanted) {
        return loaded.kind() == wanted.kind() && java.util.Objects.equals(loaded.path(), wanted.path())
                && (loaded.kind() != DatasetSpec.Kind.WIC || loaded.split().equals(wanted.split()));
    }

    private static Checked check(PsEvalViewModel vm, JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new InvalidInputException("the PS-Eval settings must be a JSON object");
        }
        int version = state.path("formatVersion").asInt(FORMAT_VERSION);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new InvalidInputException("the PS-Eval settings have format version " + version + "; this SAE Explorer"
                    + " reads version " + FORMAT_VERSION + " (update SAE Explorer to open them)");
        }
        RunForm f = vm.options();
        String template = text(state, "template", f.template().textProperty().get());
        String problem = f.template().check(template);
        if (!problem.isEmpty()) {
            throw new InvalidInputException("session: PS-Eval " + problem);
        }
        String limit = text(state, "limit", f.limit().textProperty().get());
        problem = f.limit().check(limit);
        if (!problem.isEmpty()) {
            throw new InvalidInputException("session: PS-Eval " + problem);
        }
        Balance balance = Balance.parse(text(state, "balance", f.balanceProperty().get().cliName()));
        String subsetName = text(state, "histogram", vm.browser().subsetProperty().get().name());
        DistinctionHistogram.Subset subset;
        try {
            subset = DistinctionHistogram.Subset.valueOf(subsetName.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("session: PS-Eval 'histogram' is '" + subsetName
                    + "'; expected different, same or all");
        }
        JsonNode a = object(state, "checkpointA");
        JsonNode b = object(state, "checkpointB");
        // Sessions saved before the polysemy world have neither key: the language model, the world's settings as they are.
        String sourceId = text(state, "source", vm.sourceProperty().get().id());
        PsEvalSource source = PsEvalSource.fromId(sourceId);
        if (source == null) {
            throw new InvalidInputException("session: PS-Eval 'source' is '" + sourceId + "'; expected model or world");
        }
        return new Checked(path(state, "model"), a == null ? null : path(a, "path"), a == null ? "" : hook(vm, a),
                b == null ? null : path(b, "path"), b == null ? "" : hook(vm, b), pairs(object(state, "pairs")),
                template, balance, limit, subset, source, world(vm.world(), object(state, "world")));
    }

    /** The world's fields as the session types them; a field the session lacks keeps its text. */
    private static Map<InputField<?>, String> world(WorldForm form, JsonNode n) {
        Map<InputField<?>, String> texts = new LinkedHashMap<>();
        if (n == null) {
            return texts;
        }
        for (InputField<?> field : form.fields()) {
            String text = text(n, field.key(), null);
            if (text == null) {
                continue;
            }
            String problem = field.check(text);
            if (!problem.isEmpty()) {
                throw new InvalidInputException("session: PS-Eval polysemy world: " + problem);
            }
            texts.put(field, text);
        }
        return texts;
    }

    private static String hook(PsEvalViewModel vm, JsonNode n) {
        String hook = text(n, "hook", "");
        String problem = vm.checkpointA().hook().check(hook);
        if (!problem.isEmpty()) {
            throw new InvalidInputException("session: PS-Eval " + problem);
        }
        return hook;
    }

    private static DatasetSpec pairs(JsonNode n) {
        if (n == null) {
            return null;
        }
        String kindId = text(n, "kind", "");
        DatasetSpec.Kind kind = DatasetSpec.Kind.fromId(kindId);
        if (kind == null) {
            throw new InvalidInputException("session: PS-Eval pairs 'kind' is '" + kindId + "'; expected sample, wic"
                    + " or json");
        }
        if (kind == DatasetSpec.Kind.SAMPLE) {
            return DatasetSpec.sample();
        }
        Path p = path(n, "path");
        if (p == null) {
            throw new InvalidInputException("session: PS-Eval pairs of kind " + kindId + " need a 'path'");
        }
        return kind == DatasetSpec.Kind.WIC ? DatasetSpec.wic(p, text(n, "split", null)) : DatasetSpec.json(p);
    }

    private static JsonNode object(JsonNode state, String key) {
        JsonNode n = state.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new InvalidInputException("session: PS-Eval '" + key + "' must be a JSON object");
        }
        return n;
    }

    private static String text(JsonNode n, String key, String otherwise) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("session: PS-Eval '" + key + "' must be a string");
        }
        return v.asText();
    }

    private static Path path(JsonNode n, String key) {
        String t = text(n, key, null);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("session: PS-Eval '" + key + "' is not a valid path here: " + t);
        }
    }
}
