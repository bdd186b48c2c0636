package dev.saeexplorer.ui.superposition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.superposition.Superposition;
import dev.saeexplorer.core.world.World;
import dev.saeexplorer.core.world.WorldFile;

/**
 * The playground's part of the session file: {"wp": [[..]], "x": [..], "sparsity": S, "seed": k, "gamma": [..]|null,
 * "samples": N, "world": a world file's JSON | null}; sessions from before worlds have no "world" and open with the
 * paper's. Reading checks every field and builds a complete {@link PlaygroundState} before anything is applied.
 */
final class PlaygroundStateJson {
    private PlaygroundStateJson() {
    }

    static ObjectNode write(PlaygroundState s) {
        ObjectNode o = Json.mapper().createObjectNode();
        ArrayNode wp = o.putArray("wp");
        for (double[] row : s.superposition().matrix()) {
            ArrayNode r = wp.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        vector(o.putArray("x"), s.x());
        o.put("sparsity", s.sparsity());
        o.put("seed", s.seed());
        if (s.gamma() == null) {
            o.putNull("gamma");
        } else {
            vector(o.putArray("gamma"), s.gamma());
        }
        o.put("samples", s.samples());
        if (s.world().equals(PlaygroundWorlds.PAPER)) {
            o.putNull("world");
        } else {
            o.set("world", WorldFile.toTree(s.world()));
        }
        return o;
    }

    static PlaygroundState read(JsonNode node) {
        String where = "the superposition playground's saved state";
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(where + " is not a JSON object; the session file is damaged");
        }
        double[][] wp = matrix(field(node, "wp"));
        Superposition sp = Superposition.of(wp);
        double[] x = vector(field(node, "x"), "x");
        double sparsity = number(field(node, "sparsity"), "sparsity");
        JsonNode seedNode = field(node, "seed");
        if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber()) {
            throw new InvalidInputException("seed in the saved playground must be a whole number, got " + seedNode);
        }
        JsonNode gammaNode = node.get("gamma");
        double[] gamma = gammaNode == null || gammaNode.isNull() ? null : vector(gammaNode, "gamma");
        JsonNode samplesNode = node.get("samples");
        int samples = PlaygroundState.DEFAULT_SAMPLES;
        if (samplesNode != null) {
            if (!samplesNode.isIntegralNumber() || !samplesNode.canConvertToInt()) {
                throw new InvalidInputException("samples in the saved playground must be a whole number, got "
                        + samplesNode);
            }
            samples = samplesNode.intValue();
        }
        JsonNode worldNode = node.get("world");
        World world = worldNode == null || worldNode.isNull() ? PlaygroundWorlds.PAPER
                : WorldFile.parse(worldNode.toString(), "the saved playground's world");
        return new PlaygroundState(sp, x, sparsity, seedNode.longValue(), gamma, samples, world);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidInputException("the saved playground has no \"" + name + "\"; the session file is "
                    + "incomplete");
        }
        return v;
    }

    private static double[][] matrix(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException("wp in the saved playground must be a non-empty list of rows");
        }
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            m[r] = vector(node.get(r), "wp row " + r);
        }
        return m;
    }

    private static double[] vector(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new InvalidInputException(what + " in the saved playground must be a list of numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(node.get(i), what + "[" + i + "]");
        }
        return v;
    }

    private static double number(JsonNode node, String what) {
        if (!node.isNumber()) {
            throw new InvalidInputException(what + " in the saved playground must be a number, got " + node);
        }
        return node.doubleValue();
    }

    private static void vector(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }
}
