package dev.saeexplorer.core.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A GPT-2 byte-level BPE vocabulary read from a Hugging Face folder's {@code vocab.json} and {@code merges.txt},
 * turned into JTokkit parameters: bytes get ranks 0..255 (in id order) and the token made by merge line i gets rank
 * 256 + i, so JTokkit's lowest-rank-first merging follows the file's merge order; {@link #idOfRank} and
 * {@link #rankOfId} translate to the folder's ids (the identity for GPT-2's own files).
 */
final class BpeVocabulary {
    /** GPT-2's pre-tokenisation pattern, as JTokkit compiles it for r50k_base. */
    static final Pattern PATTERN = Pattern.compile(
            "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    static final String END_OF_TEXT = "<|endoftext|>";

    final GptBytePairEncodingParams params;
    final int[] idOfRank;
    final int[] rankOfId;

    private BpeVocabulary(GptBytePairEncodingParams params, int[] idOfRank, int[] rankOfId) {
        this.params = params;
        this.idOfRank = idOfRank;
        this.rankOfId = rankOfId;
    }

    /**
     * Reads {@code folder/vocab.json} and {@code folder/merges.txt}. The vocabulary must have GPT-2's layout (50,257
     * tokens, {@code <|endoftext|>} = 50256), as every GPT-2 family model does.
     */
    static BpeVocabulary read(Path folder) {
        Path vocabFile = folder.resolve("vocab.json");
        Path mergesFile = folder.resolve("merges.txt");
        Map<String, Integer> vocab = readVocab(vocabFile);
        if (vocab.size() != Gpt2Tokenizer.VOCAB_SIZE || !Integer.valueOf(Gpt2Tokenizer.BOS).equals(
                vocab.get(END_OF_TEXT))) {
            throw new InvalidInputException(vocabFile + ": not GPT-2's vocabulary layout (" + vocab.size()
                    + " tokens, " + END_OF_TEXT + " = " + vocab.get(END_OF_TEXT) + "; expected "
                    + Gpt2Tokenizer.VOCAB_SIZE + " tokens with " + END_OF_TEXT + " = " + Gpt2Tokenizer.BOS + ")");
        }
        int[] idOfRank = new int[vocab.size()];
        int[] rankOfId = new int[vocab.size()];
        Arrays.fill(rankOfId, -1);
        Map<byte[], Integer> encoder = new HashMap<>();
        Map<Integer, Integer> unicodeToByte = unicodeToByte();
        // single bytes first, in id order
        int rank = 0;
        String[] byId = new String[vocab.size()];
        vocab.forEach((token, id) -> byId[id] = token);
        for (int id = 0; id < byId.length; id++) {
            if (byId[id].codePointCount(0, byId[id].length()) == 1 && unicodeToByte.containsKey(byId[id].codePointAt(0))) {
                rank = assign(encoder, idOfRank, rankOfId, bytes(byId[id], unicodeToByte, vocabFile), id, rank);
            }
        }
        if (rank != 256) {
            throw new InvalidInputException(vocabFile + ": has " + rank + " single-byte tokens; a byte-level BPE "
                    + "vocabulary has all 256");
        }
        List<String> lines = readLines(mergesFile);
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2) {
                throw new InvalidInputException(mergesFile + ": line " + lineNo + " is not two tokens separated by "
                        + "one space: '" + line + "'");
            }
            Integer id = vocab.get(parts[0] + parts[1]);
            if (id == null || !vocab.containsKey(parts[0]) || !vocab.containsKey(parts[1])) {
                throw new InvalidInputException(mergesFile + ": line " + lineNo + " merges '" + line + "' but "
                        + vocabFile.getFileName() + " lacks one of its tokens");
            }
            if (rankOfId[id] < 0) {
                rank = assign(encoder, idOfRank, rankOfId, bytes(parts[0] + parts[1], unicodeToByte, vocabFile), id,
                        rank);
            }
        }
        if (rank != vocab.size() - 1) {
            throw new InvalidInputException(mergesFile + ": makes " + (rank - 256) + " merged tokens but "
                    + vocabFile.getFileName() + " has " + (vocab.size() - 257) + " (besides the 256 bytes and "
                    + END_OF_TEXT + ")");
        }
        idOfRank[rank] = Gpt2Tokenizer.BOS;
        rankOfId[Gpt2Tokenizer.BOS] = rank;
        GptBytePairEncodingParams params = new GptBytePairEncodingParams("gpt2-folder:" + folder, PATTERN, encoder,
                Map.of(END_OF_TEXT, rank));
        return new BpeVocabulary(params, idOfRank, rankOfId);
    }

    private static int assign(Map<byte[], Integer> encoder, int[] idOfRank, int[] rankOfId, byte[] bytes, int id,
                              int rank) {
        encoder.put(bytes, rank);
        idOfRank[rank] = id;
        rankOfId[id] = rank;
        return rank + 1;
    }

    private static Map<String, Integer> readVocab(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file + ": expected a JSON object mapping tokens to ids");
        }
        Map<String, Integer> vocab = new HashMap<>();
        boolean[] seen = new boolean[root.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isInt() || v.asInt() < 0 || v.asInt() >= seen.length || seen[v.asInt()]) {
                throw new InvalidInputException(file + ": token '" + e.getKey() + "' has id " + v + "; ids must be "
                        + "distinct integers 0.." + (seen.length - 1));
            }
            seen[v.asInt()] = true;
            vocab.put(e.getKey(), v.asInt());
        }
        return vocab;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(String token, Map<Integer, Integer> unicodeToByte, Path file) {
        int[] cps = token.codePoints().toArray();
        byte[] out = new byte[cps.length];
        for (int i = 0; i < cps.length; i++) {
            Integer b = unicodeToByte.get(cps[i]);
            if (b == null) {
                throw new InvalidInputException(file + ": token '" + token + "' has a character that is not one of "
                        + "GPT-2's 256 byte characters");
            }
            out[i] = (byte) (int) b;
        }
        return out;
    }

    /** GPT-2's bytes_to_unicode, inverted: each byte is spelled as one printable character. */
    static Map<Integer, Integer> unicodeToByte() {
        Map<Integer, Integer> inv = new HashMap<>();
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable[b]) {
                inv.put(b, b);
            }
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                inv.put(256 + n++, b);
            }
        }
        return inv;
    }
}
