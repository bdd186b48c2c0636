package dev.saeexplorer.core.lm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2TokenizerTest {
    private static final Gpt2Tokenizer TOK = Gpt2Tokenizer.r50k();
    private static final Path SHARED = Path.of("").toAbsolutePath().resolve("../shared/data").normalize();

    @Test
    void knownIds() {
        assertArrayEquals(new int[] {15496, 995}, TOK.encode("Hello world"));
        assertArrayEquals(new int[] {50256, 15496, 995}, TOK.encodeWithBos("Hello world"));
        assertArrayEquals(new int[] {50256, 7, 8}, Gpt2Tokenizer.withBos(new int[] {7, 8}));
        assertEquals(" world", TOK.tokenString(995));
        assertEquals("<|endoftext|>", TOK.tokenString(50256));
        assertEquals(50257, TOK.vocabSize());
    }

    @Test
    void nonAsciiRoundTrips() {
        for (String s : new String[] {"café – naïve 日本", "Ünïcödé 😀 emoji", "  leading spaces\nand\ttabs"}) {
            int[] ids = TOK.encode(s);
            assertTrue(ids.length > 0);
            assertEquals(s, TOK.decode(ids));
        }
        // a character split over byte-level tokens decodes only when the tokens are joined
        int[] ids = TOK.encode("日本");
        assertEquals("日本", TOK.decode(ids));
    }

    @Test
    void endOfTextInTextIsOrdinaryTextAndBosDecodesLiterally() {
        int[] ids = TOK.encode("<|endoftext|>");
        assertTrue(ids.length > 1, "literal text is not the special token");
        assertEquals("<|endoftext|>Hello world", TOK.decode(TOK.encodeWithBos("Hello world")));
    }

    @Test
    void idsOutsideTheVocabularyAreRefused() {
        assertThrows(InvalidInputException.class, () -> TOK.tokenString(50257));
        assertThrows(InvalidInputException.class, () -> TOK.decode(new int[] {-1}));
    }

    /** GPT-2's bytes_to_unicode, inverted: vocab.json spells each byte as one printable character. */
    private static Map<Integer, Integer> unicodeToByte() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        Map<Integer, Integer> inv = new HashMap<>();
        for (int b : bs) {
            inv.put(b, b);
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                inv.put(256 + n++, b);
            }
        }
        return inv;
    }

    @Test
    void agreesWithGpt2VocabularyOnTheWicTestSplit() throws Exception {
        Path vocabFile = SHARED.resolve("gpt2-tokenizer/vocab.json");
        Path wic = SHARED.resolve("wic/test/test.data.txt");
        Assumptions.assumeTrue(Files.exists(vocabFile) && Files.exists(wic),
                "../shared/data/gpt2-tokenizer/vocab.json or ../shared/data/wic/test/test.data.txt is absent");
        JsonNode vocab = Json.mapper().readTree(Files.readString(vocabFile));
        Map<Integer, String> byId = new HashMap<>();
        vocab.fields().forEachRemaining(e -> byId.put(e.getValue().asInt(), e.getKey()));
        assertEquals(50257, byId.size());
        Map<Integer, Integer> inv = unicodeToByte();

        List<String> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(wic, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            assertTrue(f.length >= 5, "WiC line has 5 columns: " + line);
            sentences.add(f[3]);
            sentences.add(f[4]);
        }
        assertTrue(sentences.size() >= 200);
        int tokens = 0;
        for (String s : sentences) { // the whole split (2 × 1,400 sentences); at least the first 200 as required
            int[] ids = TOK.encode(s);
            assertEquals(s, TOK.decode(ids));
            for (int id : ids) {
                assertTrue(id >= 0 && id < 50257);
                String spelled = byId.get(id);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                spelled.codePoints().forEach(cp -> bytes.write(inv.get(cp)));
                assertArrayEquals(bytes.toByteArray(), TOK.tokenBytes(id),
                        "token " + id + " is '" + spelled + "' in vocab.json but '" + TOK.tokenString(id) + "'");
                assertEquals(new String(bytes.toByteArray(), StandardCharsets.UTF_8), TOK.tokenString(id));
                tokens++;
            }
        }
        assertTrue(tokens > sentences.size());
        assertEquals("Ġspace", byId.get(2272));
    }
}
