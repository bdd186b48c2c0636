package dev.saeexplorer.core.pseval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PS-Eval authors' rows: a JSON array of objects, or JSONL (one object per line). Fields: {@code id,
 * context_1, context_2, target_word, pos, target_word_location_1/2 {char_start, char_end}, language, label}; label 1 =
 * same meaning, 0 = different ({@code "T"}/{@code "F"}/{@code "1"}/{@code "0"} strings and booleans are accepted too).
 * {@code context_1}, {@code context_2}, {@code target_word} and {@code label} are required; a missing id becomes
 * {@code "<file name>-<line>"}; locations are optional but must lie inside their context when given.
 * Bad rows are skipped as {@link SkippedRow}s (line = the line where the object starts); a file that is not JSON at
 * all, a missing file or a file with no usable row is an {@link InvalidInputException}.
 */
public final class AuthorsJsonLoader {
    private AuthorsJsonLoader() {
    }

    public static PsEvalDataset load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": PS-Eval JSON file not found");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String name = file.toString();
        String base = file.getFileName().toString();
        List<PsEvalRow> rows = new ArrayList<>();
        List<SkippedRow> skipped = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
            readArray(text, name, base, rows, skipped);
        } else {
            readLines(text, name, base, rows, skipped);
        }
        if (rows.isEmpty()) {
            String first = skipped.isEmpty() ? "the file holds no rows" : "first problem: " + skipped.get(0);
            throw new InvalidInputException(name + ": no usable PS-Eval row (" + first + ")");
        }
        return new PsEvalDataset(name, rows, skipped);
    }

    private static void readArray(String text, String name, String base, List<PsEvalRow> rows,
                                  List<SkippedRow> skipped) {
        ObjectMapper mapper = Json.mapper();
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            p.nextToken(); // START_ARRAY
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new InvalidInputException(name + ": the JSON array is not closed");
                }
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(p);
                add(node, name, base, line, rows, skipped);
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException(name + ":" + p.currentTokenLocation().getLineNr()
                        + ": unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void readLines(String text, String name, String base, List<PsEvalRow> rows,
                                  List<SkippedRow> skipped) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.mapper().readTree(lines[i]);
            } catch (JsonProcessingException e) {
                skipped.add(new SkippedRow(name, i + 1, "not valid JSON (" + e.getOriginalMessage() + ")"));
                continue;
            }
            add(node, name, base, i + 1, rows, skipped);
        }
    }

    private static void add(JsonNode node, String name, String base, int line, List<PsEvalRow> rows,
                            List<SkippedRow> skipped) {
        try {
            rows.add(parse(node, base, line));
        } catch (IllegalArgumentException e) {
            skipped.add(new SkippedRow(name, line, e.getMessage()));
        }
    }

    private static PsEvalRow parse(JsonNode n, String base, int line) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String c1 = text(n, "context_1");
        String c2 = text(n, "context_2");
        String target = text(n, "target_word");
        if (target.isBlank()) {
            throw new IllegalArgumentException("empty target_word");
        }
        JsonNode idNode = n.get("id");
        String id = idNode == null || idNode.isNull() ? base + "-" + line : idNode.asText();
        String pos = n.hasNonNull("pos") ? n.get("pos").asText() : "";
        int label = label(n.get("label"));
        CharSpan s1 = span(n, "target_word_location_1", c1);
        CharSpan s2 = span(n, "target_word_location_2", c2);
        return new PsEvalRow(id, target, pos, label, c1, c2, -1, -1, s1, s2);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is not a string");
        }
        return v.asText();
    }

    private static int label(JsonNode v) {
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field label");
        }
        if (v.isIntegralNumber() && (v.asLong() == 0 || v.asLong() == 1)) {
            return v.asInt();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1 : 0;
        }
        if (v.isTextual()) {
            switch (v.asText().strip()) {
                case "T", "1":
                    return 1;
                case "F", "0":
                    return 0;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("label " + v + " is not T, F, 0 or 1");
    }

    private static CharSpan span(JsonNode n, String field, String context) {
        JsonNode loc = n.get(field);
        if (loc == null || loc.isNull()) {
            return null;
        }
        JsonNode s = loc.get("char_start");
        JsonNode e = loc.get("char_end");
        if (!loc.isObject() || s == null || e == null || !s.isIntegralNumber() || !e.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " needs integer char_start and char_end");
        }
        long start = s.asLong();
        long end = e.asLong();
        if (start < 0 || end < start || end > context.length()) {
            throw new IllegalArgumentException(field + " [" + start + ", " + end + ") out of range for a context of "
                    + context.length() + " characters");
        }
        return new CharSpan((int) start, (int) end);
    }
}
