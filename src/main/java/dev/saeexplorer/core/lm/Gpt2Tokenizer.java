package dev.saeexplorer.core.lm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.saeexplorer.core.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * GPT-2's byte-level BPE tokenizer, via JTokkit's {@code r50k_base} encoding (the same 50,257-token vocabulary as
 * GPT-2's {@code vocab.json} + {@code merges.txt}). Text is encoded as ordinary text: a literal
 * {@code <|endoftext|>} in the input is not turned into the special token. Thread-safe.
 */
public final class Gpt2Tokenizer {
    /** {@code <|endoftext|>}, which GPT-2 (and TransformerLens) uses as BOS. */
    public static final int BOS = 50256;
    public static final int VOCAB_SIZE = 50257;
    private static final String EOT_TEXT = "<|endoftext|>";

    private static final class Holder {
        static final Gpt2Tokenizer INSTANCE = new Gpt2Tokenizer(
                Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE));
    }

    private final Encoding encoding;
    /** JTokkit's ranks to this vocabulary's ids and back; null when they are the same (r50k_base). */
    private final int[] idOfRank;
    private final int[] rankOfId;

    private Gpt2Tokenizer(Encoding encoding) {
        this(encoding, null, null);
    }

    private Gpt2Tokenizer(Encoding encoding, int[] idOfRank, int[] rankOfId) {
        this.encoding = encoding;
        boolean identity = idOfRank != null;
        for (int r = 0; identity && r < idOfRank.length; r++) {
            identity = idOfRank[r] == r;
        }
        this.idOfRank = identity ? null : idOfRank;
        this.rankOfId = identity ? null : rankOfId;
    }

    /**
     * The tokenizer of a Hugging Face model folder: its {@code vocab.json} + {@code merges.txt} when both are there
     * (they must have GPT-2's layout), otherwise {@link #r50k()}, GPT-2's own vocabulary.
     */
    public static Gpt2Tokenizer forModel(Path folder) {
        return hasOwnVocabulary(folder) ? fromFolder(folder) : r50k();
    }

    /** Whether the folder holds its own {@code vocab.json} + {@code merges.txt}, which {@link #forModel} then reads. */
    public static boolean hasOwnVocabulary(Path folder) {
        return Files.isRegularFile(folder.resolve("vocab.json")) && Files.isRegularFile(folder.resolve("merges.txt"));
    }

    /** Reads {@code folder/vocab.json} and {@code folder/merges.txt} (see {@link BpeVocabulary}). */
    public static Gpt2Tokenizer fromFolder(Path folder) {
        BpeVocabulary v = BpeVocabulary.read(folder);
        Encoding e = Encodings.newLazyEncodingRegistry().registerGptBytePairEncoding(v.params)
                .getEncoding(v.params.getName()).orElseThrow();
        return new Gpt2Tokenizer(e, v.idOfRank, v.rankOfId);
    }

    /** The shared r50k_base tokenizer (the encoding is loaded once). */
    public static Gpt2Tokenizer r50k() {
        return Holder.INSTANCE;
    }

    public int vocabSize() {
        return VOCAB_SIZE;
    }

    /** Token ids of {@code text}, without BOS. */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        int[] ranks = encoding.encodeOrdinary(text).toArray();
        if (idOfRank != null) {
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = idOfRank[ranks[i]];
            }
        }
        return ranks;
    }

    /** {@code text}'s ids with BOS prepended, as TransformerLens runs GPT-2. */
    public int[] encodeWithBos(String text) {
        return withBos(encode(text));
    }

    /** {@code tokens} with {@link #BOS} prepended. */
    public static int[] withBos(int[] tokens) {
        int[] out = new int[tokens.length + 1];
        out[0] = BOS;
        System.arraycopy(tokens, 0, out, 1, tokens.length);
        return out;
    }

    /** The text of a token sequence (bytes joined, then decoded as UTF-8; invalid sequences become U+FFFD). */
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        IntArrayList run = new IntArrayList();
        for (int id : tokens) {
            check(id);
            if (id == BOS) {
                flush(run, sb);
                sb.append(EOT_TEXT);
            } else {
                run.add(rankOfId == null ? id : rankOfId[id]);
            }
        }
        flush(run, sb);
        return sb.toString();
    }

    private void flush(IntArrayList run, StringBuilder sb) {
        if (!run.isEmpty()) {
            sb.append(new String(encoding.decodeBytes(run), StandardCharsets.UTF_8));
            run.clear();
        }
    }

    /** The raw bytes of one token ({@code <|endoftext|>} as its literal text). */
    public byte[] tokenBytes(int id) {
        check(id);
        if (id == BOS) {
            return EOT_TEXT.getBytes(StandardCharsets.UTF_8);
        }
        IntArrayList one = new IntArrayList(1);
        one.add(rankOfId == null ? id : rankOfId[id]);
        return encoding.decodeBytes(one);
    }

    /** The text of one token; a token holding part of a multi-byte character shows U+FFFD for it. */
    public String tokenString(int id) {
        return new String(tokenBytes(id), StandardCharsets.UTF_8);
    }

    private static void check(int id) {
        if (id < 0 || id >= VOCAB_SIZE) {
            throw new InvalidInputException("token id " + id + " is outside GPT-2's vocabulary (0.." + (VOCAB_SIZE - 1)
                    + ")");
        }
    }
}
