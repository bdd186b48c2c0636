package dev.saeexplorer.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The desktop session file: a versioned JSON envelope around each workspace's own state, written atomically.
 * <pre>{"formatVersion": 1, "application": "sae-explorer", "activeWorkspace": "Superposition",
 *  "workspaces": {"Superposition": {...}, ...}}</pre>
 */
public final class SessionFile {
    public static final int FORMAT_VERSION = 1;
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private SessionFile() {
    }

    /** A session's content: which workspace was showing and each workspace's state, by title. */
    public record Document(String activeWorkspace, Map<String, JsonNode> workspaces) {
    }

    public static void write(Path path, Document doc) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("application", "sae-explorer");
        root.put("activeWorkspace", doc.activeWorkspace());
        ObjectNode ws = root.putObject("workspaces");
        doc.workspaces().forEach(ws::set);
        AtomicFiles.write(path, out -> Json.pretty().writeValue(out, root));
    }

    /** Reads and checks the envelope; each workspace validates its own part when restoring. */
    public static Document read(Path path) {
        JsonNode root;
        try {
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException("cannot open " + path + ": no such file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new InvalidInputException(path + " is larger than 256 MB: not a session file");
            }
            root = Json.mapper().readTree(path.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(path + " is not a complete session file (it may be truncated): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot open " + path + ": " + AtomicFiles.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(path + " is not a session file: expected a JSON object");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber()) {
            throw new InvalidInputException(path + " is not a session file: it has no formatVersion");
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw new InvalidInputException(path + " was written by a newer SAE Explorer (session format "
                    + version.asInt() + "); this version reads format " + FORMAT_VERSION + ": update SAE Explorer");
        }
        if (version.asInt() < 1) {
            throw new InvalidInputException(path + ": formatVersion " + version.asInt() + " is not valid");
        }
        JsonNode ws = root.get("workspaces");
        if (ws == null || !ws.isObject()) {
            throw new InvalidInputException(path + " is not a session file: it has no workspaces object");
        }
        Map<String, JsonNode> workspaces = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ws.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw new InvalidInputException(path + ": the state of workspace '" + e.getKey() + "' is not a JSON object");
            }
            workspaces.put(e.getKey(), e.getValue());
        }
        return new Document(root.path("activeWorkspace").asText(""), workspaces);
    }
}
