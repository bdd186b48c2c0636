package dev.saeexplorer.ui.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.io.Json;
import java.util.ArrayList;
import java.util.List;

/** The sweep's part of a session file: its settings and the rows finished so far, versioned, checked when read. */
final class SweepSession {
    private static final int STATE_VERSION = 1;

    /** What a session restores. */
    record Restored(SweepSettings settings, List<SweepRow> rows) {
    }

    private SweepSession() {
    }

    static ObjectNode write(SweepSettings settings, List<SweepRow> rows) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("version", STATE_VERSION);
        o.set("settings", settings.toJson());
        o.set("rows", Json.mapper().valueToTree(List.copyOf(rows)));
        return o;
    }

    /** Reads {@link #write}'s object; every problem is an {@link InvalidInputException} that says what. */
    static Restored read(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new InvalidInputException("The sweep part of the session is not a JSON object.");
        }
        JsonNode v = o.get("version");
        if (v == null || !v.canConvertToInt()) {
            throw new InvalidInputException("The sweep part of the session has no format version.");
        }
        if (v.asInt() > STATE_VERSION) {
            throw new InvalidInputException("The sweep part of the session has format version " + v.asInt()
                    + ", newer than this SAE Explorer understands (" + STATE_VERSION + "). Update SAE Explorer to open it.");
        }
        if (v.asInt() < 1) {
            throw new InvalidInputException("The sweep part of the session has an invalid format version " + v.asInt() + ".");
        }
        SweepSettings s;
        try {
            s = SweepSettings.fromJson(o.get("settings"));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("The session's sweep settings are wrong: " + e.getMessage(), e);
        }
        return new Restored(s, rows(o.get("rows")));
    }

    private static List<SweepRow> rows(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("The sweep part of the session has no rows array.");
        }
        List<SweepRow> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String where = "Sweep row " + (i + 1) + " of the session";
            if (!n.isObject()) {
                throw new InvalidInputException(where + " is not a JSON object.");
            }
            for (String field : List.of("sparsity", "seed", "model", "lossGT", "reconstructionXp", "deadLatents", "steps",
                    "weights")) {
                if (!n.has(field)) {
                    throw new InvalidInputException(where + " has no '" + field + "'.");
                }
            }
            SweepRow r;
            try {
                r = Json.mapper().treeToValue(n, SweepRow.class);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(where + " is malformed: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where + " is malformed: " + e.getMessage(), e);
            }
            if (!(r.sparsity() >= 0 && r.sparsity() <= 1)) {
                throw new InvalidInputException(where + " has sparsity " + r.sparsity() + ", outside [0, 1].");
            }
            if (r.model() == null || r.model().isBlank()) {
                throw new InvalidInputException(where + " has no model name.");
            }
            if (r.steps() < 1 || r.deadLatents() < 0 || r.weights() == null) {
                throw new InvalidInputException(where + " has impossible values (steps, dead latents or weights).");
            }
            out.add(r);
        }
        return out;
    }
}
