package dev.saeexplorer.ui.checkpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The checkpoint inspector's part of a session file: what is open (paths, or bundled samples), the model folder, the
 * selected feature and the search. Parsing checks everything, so a refused state changes nothing.
 *
 * @param checkpoint  A, or null
 * @param comparison  B, or null
 * @param model       the language model's folder, or null
 * @param feature     the selected feature, −1 for none
 */
record InspectorState(CheckpointSource checkpoint, CheckpointSource comparison, Path model, int feature,
        String query) {

    JsonNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("checkpoint", checkpoint == null ? null : checkpoint.key());
        o.put("comparison", comparison == null ? null : comparison.key());
        o.put("model", model == null ? null : model.toAbsolutePath().normalize().toString());
        o.put("feature", feature);
        o.put("query", query);
        return o;
    }

    static InspectorState parse(JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new InvalidInputException("the checkpoint inspector's state must be a JSON object");
        }
        String a = text(state, "checkpoint");
        String b = text(state, "comparison");
        JsonNode f = state.get("feature");
        if (f != null && !f.isNull() && (!f.isIntegralNumber() || !f.canConvertToInt() || f.asInt() < -1)) {
            throw new InvalidInputException("the checkpoint inspector's feature must be a feature number, got " + f);
        }
        String query = text(state, "query");
        return new InspectorState(a == null ? null : CheckpointSource.parse(a),
                b == null ? null : CheckpointSource.parse(b), folder(text(state, "model")),
                f == null || f.isNull() ? -1 : f.asInt(), query == null ? "" : query);
    }

    private static Path folder(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("the checkpoint inspector's model folder '" + text + "' is not a path on "
                    + "this system", e);
        }
    }

    private static String text(JsonNode state, String field) {
        JsonNode v = state.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("the checkpoint inspector's " + field + " must be text, got " + v);
        }
        return v.asText();
    }
}
