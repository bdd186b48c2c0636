package dev.saeexplorer.core.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@link World} as JSON (README, "World files"):
 *
 * <pre>{@code
 * {"formatVersion": 1, "wp": "preset:pentagon",
 *  "firing": {"kind": "zipf", "exponent": 1.0, "meanActive": 1.5},
 *  "magnitude": {"kind": "exponential", "mean": 0.5},
 *  "groups": [{"features": [0, 1], "probability": 0.05}],
 *  "hierarchy": [{"parent": 2, "child": 3, "probability": 0.5}]}
 * }</pre>
 *
 * {@code firing} is {@code {"kind": "uniform", "sparsity": S}} or the Zipf form above; {@code magnitude} (default
 * uniform) is {@code uniform}, {@code {"kind": "constant", "value": v}} or the exponential form; {@code groups} and
 * {@code hierarchy} may be left out. Unknown fields and kinds are errors, so a typo is not silently ignored. Every
 * error is an {@link InvalidInputException} about {@link dev.saeexplorer.core.Param#WORLD}.
 */
public final class WorldFile {
    public static final int FORMAT_VERSION = 1;

    private WorldFile() {
    }

    /** Reads and parses a world file (not yet checked against W_p: {@link World#check}). */
    public static World read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw World.invalid("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses world JSON; {@code source} names it in messages. */
    public static World parse(String text, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw World.invalid(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw World.invalid(source + " must hold one JSON object");
        }
        try {
            return fromTree(root);
        } catch (InvalidInputException e) {
            throw World.invalid(source + ": " + e.getMessage().replaceFirst("^world is invalid: ", ""));
        }
    }

    private static World fromTree(JsonNode root) {
        only(root, "", Set.of("formatVersion", "wp", "firing", "magnitude", "groups", "hierarchy"));
        JsonNode version = root.get("formatVersion");
        if (version != null && (!version.canConvertToInt() || version.asInt() != FORMAT_VERSION)) {
            throw World.invalid("formatVersion " + version + " is not supported; this version reads " + FORMAT_VERSION);
        }
        JsonNode wpNode = root.get("wp");
        String wp;
        if (wpNode == null || wpNode.isNull()) {
            wp = null;
        } else if (wpNode.isTextual() && wpNode.asText().regionMatches(true, 0, WpPreset.PREFIX, 0, WpPreset.PREFIX.length())) {
            wp = wpNode.asText();
        } else if (wpNode.isArray()) {
            wp = wpNode.toString();
        } else {
            throw World.invalid("\"wp\" must be \"preset:ID\" (" + WpPreset.IDS + ") or an inline matrix, got " + wpNode);
        }
        return new World(wp, firing(root.get("firing")), magnitude(root.get("magnitude")), groups(root.get("groups")),
                hierarchy(root.get("hierarchy")));
    }

    private static World.Firing firing(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String kind = kind(node, "firing");
        switch (kind) {
            case "uniform":
                only(node, "firing.", Set.of("kind", "sparsity"));
                return new World.Firing.Uniform(number(node, "sparsity", "firing"));
            case "zipf":
                only(node, "firing.", Set.of("kind", "exponent", "meanActive"));
                return new World.Firing.Zipf(number(node, "exponent", "firing"), number(node, "meanActive", "firing"));
            default:
                throw World.invalid("firing: unknown kind \"" + kind + "\"; the kinds are uniform and zipf");
        }
    }

    private static World.Magnitude magnitude(JsonNode node) {
        if (node == null || node.isNull()) {
            return new World.Magnitude.Uniform();
        }
        String kind = kind(node, "magnitude");
        switch (kind) {
            case "uniform":
                only(node, "magnitude.", Set.of("kind"));
                return new World.Magnitude.Uniform();
            case "constant":
                only(node, "magnitude.", Set.of("kind", "value"));
                return new World.Magnitude.Constant(number(node, "value", "magnitude"));
            case "exponential":
                only(node, "magnitude.", Set.of("kind", "mean"));
                return new World.Magnitude.Exponential(number(node, "mean", "magnitude"));
            default:
                throw World.invalid("magnitude: unknown kind \"" + kind + "\"; the kinds are uniform, constant and"
                        + " exponential");
        }
    }

    private static List<World.Group> groups(JsonNode node) {
        List<World.Group> out = new ArrayList<>();
        for (int g = 0; g < size(node, "groups"); g++) {
            JsonNode item = node.get(g);
            String where = "groups[" + g + "]";
            object(item, where);
            only(item, where + ".", Set.of("features", "probability"));
            JsonNode fs = item.get("features");
            if (fs == null || !fs.isArray()) {
                throw World.invalid(where + ": \"features\" must be a list of feature indices");
            }
            List<Integer> features = new ArrayList<>();
            for (JsonNode f : fs) {
                features.add(integer(f, where + ".features"));
            }
            out.add(new World.Group(features, number(item, "probability", where)));
        }
        return out;
    }

    private static List<World.Edge> hierarchy(JsonNode node) {
        List<World.Edge> out = new ArrayList<>();
        for (int k = 0; k < size(node, "hierarchy"); k++) {
            JsonNode item = node.get(k);
            String where = "hierarchy[" + k + "]";
            object(item, where);
            only(item, where + ".", Set.of("parent", "child", "probability"));
            out.add(new World.Edge(integer(item.get("parent"), where + ".parent"),
                    integer(item.get("child"), where + ".child"), number(item, "probability", where)));
        }
        return out;
    }

    /** The world as JSON (pretty-printed); {@link #parse} reads it back to an equal world. */
    public static String toJson(World world) {
        try {
            return Json.pretty().writeValueAsString(toTree(world)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The world as a JSON tree, to embed in another document (a session); {@link #toJson} is its text. */
    public static ObjectNode toTree(World world) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        String wp = world.wp().trim();
        if (wp.startsWith("[")) {
            try {
                root.set("wp", Json.mapper().readTree(wp));
            } catch (JsonProcessingException e) {
                root.put("wp", wp);
            }
        } else {
            root.put("wp", wp);
        }
        ObjectNode firing = root.putObject("firing");
        if (world.firing() instanceof World.Firing.Uniform u) {
            firing.put("kind", "uniform").put("sparsity", u.sparsity());
        } else {
            World.Firing.Zipf z = (World.Firing.Zipf) world.firing();
            firing.put("kind", "zipf").put("exponent", z.exponent()).put("meanActive", z.meanActive());
        }
        ObjectNode magnitude = root.putObject("magnitude");
        if (world.magnitude() instanceof World.Magnitude.Constant c) {
            magnitude.put("kind", "constant").put("value", c.value());
        } else if (world.magnitude() instanceof World.Magnitude.Exponential e) {
            magnitude.put("kind", "exponential").put("mean", e.mean());
        } else {
            magnitude.put("kind", "uniform");
        }
        ArrayNode groups = root.putArray("groups");
        for (World.Group g : world.groups()) {
            ObjectNode o = groups.addObject();
            ArrayNode fs = o.putArray("features");
            g.features().forEach(fs::add);
            o.put("probability", g.probability());
        }
        ArrayNode hierarchy = root.putArray("hierarchy");
        for (World.Edge e : world.hierarchy()) {
            hierarchy.addObject().put("parent", e.parent()).put("child", e.child()).put("probability", e.probability());
        }
        return root;
    }

    /** Writes the world atomically. */
    public static void write(Path file, World world) {
        AtomicFiles.writeString(file, toJson(world));
    }

    private static String kind(JsonNode node, String where) {
        object(node, where);
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw World.invalid(where + ": \"kind\" is missing or not a string");
        }
        return kind.asText();
    }

    private static void object(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw World.invalid(where + " must be a JSON object");
        }
    }

    private static int size(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isArray()) {
            throw World.invalid("\"" + where + "\" must be a list");
        }
        return node.size();
    }

    private static void only(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw World.invalid("unknown field \"" + prefix + name + "\"; allowed here: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw World.invalid(where + ": \"" + field + "\" must be a number" + (v == null ? " and is missing" : ", got " + v));
        }
        return v.asDouble();
    }

    private static int integer(JsonNode v, String where) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw World.invalid(where + " must be a feature index (an integer), got " + v);
        }
        return v.asInt();
    }
}
