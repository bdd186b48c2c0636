package dev.saeexplorer.core.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Digests;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.pseval.PsEvalDataset;
import dev.saeexplorer.core.pseval.PsEvalSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads corpora: a plain-text file is one document per line (blank lines skipped), a {@code .jsonl} file one JSON
 * object per line with a string field {@code text}, a WiC folder or split file gives each context sentence as a
 * document. Strict about what it reads: invalid UTF-8, an over-long line, a JSONL row without {@code text} (named by
 * line) or a corpus with no document is refused, never guessed at.
 */
public final class Corpora {
    /** The corpus shipped in {@code sample-data/}: written for this project, free to redistribute. */
    public static final String BUNDLED = "corpus/sample-corpus.txt";
    /** A document longer than this is refused: one line of a text file is one document, not a book. */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;
    /** Files larger than this are refused before reading. */
    private static final long MAX_FILE_BYTES = 1L << 30;

    private Corpora() {
    }

    /** The bundled sample corpus. */
    public static Corpus bundled() {
        try (InputStream in = Corpora.class.getResourceAsStream("/sample-data/" + BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the build did not pack sample-data/" + BUNDLED + " into the jar");
            }
            return lines("bundled sample corpus", in.readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded sample-data/" + BUNDLED, e);
        }
    }

    /**
     * Reads {@code path}: a WiC folder or {@code *.data.txt} (at {@code wicSplit} when the folder has splits), a
     * {@code .jsonl} file, or a text file.
     */
    public static Corpus read(Path path, String wicSplit) {
        if (Files.isDirectory(path) || path.getFileName().toString().endsWith(".data.txt")) {
            PsEvalDataset wic = PsEvalSources.wic(path, wicSplit);
            List<String> docs = wic.contexts().stream().filter(s -> !s.isBlank()).toList();
            if (docs.isEmpty()) {
                throw new InvalidInputException(path + ": the WiC data holds no context sentence");
            }
            return new Corpus(path.toString(), docs, Digests.sha256(String.join("\n", docs).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] bytes = readBytes(path);
        boolean jsonl = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        return lines(path.toString(), bytes, jsonl);
    }

    private static byte[] readBytes(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(path + ": no such corpus file or folder");
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new InvalidInputException(path + " is larger than 1 GB; use --max-tokens on a smaller file");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static Corpus lines(String source, byte[] bytes, boolean jsonl) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + " is not valid UTF-8 text; save it as UTF-8");
        }
        List<String> docs = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.length() > MAX_DOCUMENT_CHARS) {
                throw new InvalidInputException(source + " line " + (i + 1) + " has " + line.length()
                        + " characters; a document (one line) may have at most " + MAX_DOCUMENT_CHARS);
            }
            String doc = jsonl ? jsonText(source, i + 1, line) : line;
            if (!doc.isBlank()) {
                docs.add(doc);
            }
        }
        if (docs.isEmpty()) {
            throw new InvalidInputException(source + " holds no text: give one document per line"
                    + (jsonl ? " as {\"text\": \"...\"}" : ""));
        }
        return new Corpus(source, docs, Digests.sha256(bytes));
    }

    private static String jsonText(String source, int line, String row) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(row);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + " line " + line + " is not JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode t = node == null ? null : node.get("text");
        if (t == null || !t.isTextual()) {
            throw new InvalidInputException(source + " line " + line + " has no string field \"text\"");
        }
        if (t.asText().length() > MAX_DOCUMENT_CHARS) {
            throw new InvalidInputException(source + " line " + line + ": the text has more than " + MAX_DOCUMENT_CHARS
                    + " characters");
        }
        return t.asText();
    }
}
