package dev.saeexplorer.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.saeexplorer.core.InvalidInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and fully validates a safetensors file, as strictly as the reference implementation: tensors must tile the
 * data section exactly, with no gaps, overlaps or trailing bytes. Data is copied eagerly out of short-lived memory maps,
 * so the returned {@link SafetensorsFile} holds no file resources.
 */
public final class SafetensorsReader {
    /** Same cap as the reference implementation; anything larger is corruption, not a real header. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    // Jackson otherwise keeps the last of two equal keys silently; a file with two "w" entries is ambiguous.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafetensorsReader() {
    }

    private record Entry(String name, SafetensorsDtype dtype, int[] shape, long begin, long end) {
        String offsets() {
            return "[" + begin + ", " + end + "]";
        }
    }

    /** Reads and validates {@code path}; every problem with the file is an {@link InvalidInputException}. */
    public static SafetensorsFile read(Path path) {
        return FileReads.read(path, "a safetensors file", ch -> read(path, ch));
    }

    private static SafetensorsFile read(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad(path, "file is " + size + " bytes, too short for the 8-byte header length; "
                    + "it is truncated or not a safetensors file");
        }
        long n = ByteBuffer.wrap(copy(ch, 0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // Checked before allocating anything: a corrupt prefix must not cost gigabytes. n < 0 is an unsigned n > 2^63.
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw bad(path, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES
                    + " bytes; the file is corrupt or not a safetensors file");
        }
        if (n == 0) {
            throw bad(path, "header length is 0; the file is corrupt or not a safetensors file");
        }
        if (n > size - 8) {
            throw bad(path, "header length " + n + " is larger than the rest of the file (" + (size - 8)
                    + " bytes); the file is truncated or not a safetensors file");
        }
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        JsonNode header = parseHeader(path, copy(ch, 8, (int) n));

        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (METADATA_KEY.equals(field.getKey())) {
                metadata = parseMetadata(path, field.getValue());
            } else {
                entries.add(parseEntry(path, field.getKey(), field.getValue(), dataLength));
            }
        }
        checkLayout(path, entries, dataLength);

        List<Tensor> tensors = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            byte[] bytes = copy(ch, dataStart + e.begin, (int) (e.end - e.begin));
            tensors.add(Tensor.wrap(e.name, e.dtype, e.shape, bytes));
        }
        return new SafetensorsFile(path, metadata, tensors);
    }

    private static JsonNode parseHeader(Path path, byte[] bytes) {
        String text;
        try {
            text = FileReads.strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw bad(path, "header is not valid UTF-8 text; the file is corrupt or not a safetensors file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String why = oneLine(e.getOriginalMessage());
            if (why.startsWith("Duplicate field")) {
                throw bad(path, "header JSON has a duplicate key (" + why + "); tensor names must be unique", e);
            }
            throw bad(path, "header is not valid JSON (" + why + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw bad(path, "header must be a JSON object mapping tensor names to entries, but is " + describe(root));
        }
        return root;
    }

    private static Map<String, String> parseMetadata(Path path, JsonNode node) {
        if (!node.isObject()) {
            throw bad(path, METADATA_KEY + " must be a JSON object of strings, but is " + describe(node));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw bad(path, METADATA_KEY + " value for key " + quote(field.getKey()) + " must be a string, but is "
                        + describe(field.getValue()));
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry parseEntry(Path path, String name, JsonNode node, long dataLength) {
        String t = "tensor " + quote(name);
        if (!node.isObject()) {
            throw bad(path, t + " entry must be a JSON object with dtype, shape and data_offsets, but is "
                    + describe(node));
        }
        JsonNode dtypeNode = required(path, t, node, "dtype");
        if (!dtypeNode.isTextual()) {
            throw bad(path, t + " dtype must be a string, but is " + describe(dtypeNode));
        }
        SafetensorsDtype dtype = SafetensorsDtype.lookup(dtypeNode.textValue()).orElseThrow(() -> bad(path,
                t + " has unsupported dtype " + quote(dtypeNode.textValue()) + "; supported: "
                        + SafetensorsDtype.SUPPORTED));

        JsonNode shapeNode = required(path, t, node, "shape");
        if (!shapeNode.isArray()) {
            throw bad(path, t + " shape must be an array of non-negative integers, but is " + describe(shapeNode));
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() > Integer.MAX_VALUE) {
                throw bad(path, t + " shape " + abbreviate(shapeNode.toString())
                        + " must contain only integers up to " + Integer.MAX_VALUE);
            }
            if (d.longValue() < 0) {
                throw bad(path, t + " shape " + abbreviate(shapeNode.toString()) + " has a negative dimension");
            }
            shape[i] = d.intValue();
        }

        JsonNode offsetsNode = required(path, t, node, "data_offsets");
        if (!isOffsetPair(offsetsNode)) {
            throw bad(path, t + " data_offsets must be [begin, end], two non-negative integers, but is "
                    + abbreviate(offsetsNode.toString()));
        }
        long begin = offsetsNode.get(0).longValue();
        long end = offsetsNode.get(1).longValue();
        Entry e = new Entry(name, dtype, shape, begin, end);
        if (begin > end) {
            throw bad(path, t + " data_offsets " + e.offsets() + " end before they begin");
        }
        if (end > dataLength) {
            throw bad(path, t + " data_offsets " + e.offsets() + " reach past the end of the data section ("
                    + dataLength + " bytes); the file is truncated or the offsets are wrong");
        }
        long needed;
        try {
            long count = 1;
            for (int d : shape) {
                count = Math.multiplyExact(count, d);
            }
            needed = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException overflow) {
            throw bad(path, t + " shape " + Arrays.toString(shape) + " is too large to address");
        }
        if (needed != end - begin) {
            throw bad(path, t + " shape " + Arrays.toString(shape) + " of dtype " + dtype + " needs " + needed
                    + " bytes but data_offsets " + e.offsets() + " span " + (end - begin) + " bytes");
        }
        if (needed > Tensor.MAX_BYTES) {
            throw bad(path, t + " is " + needed + " bytes, more than the " + Tensor.MAX_BYTES
                    + " bytes one tensor can hold in memory");
        }
        return e;
    }

    /** The reference implementation requires tensors to tile the data section exactly; so do we. */
    private static void checkLayout(Path path, List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)
                .thenComparing(Entry::name));
        Entry previous = null;
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin < expected) {
                throw bad(path, "tensor " + quote(e.name) + " data_offsets " + e.offsets() + " overlap tensor "
                        + quote(previous.name) + " data_offsets " + previous.offsets());
            }
            if (e.begin > expected) {
                String before = previous == null ? "the data section starts at offset 0"
                        : "tensor " + quote(previous.name) + " ends at offset " + expected;
                throw bad(path, "gap before tensor " + quote(e.name) + ": its data_offsets " + e.offsets()
                        + " begin at " + e.begin + " but " + before + "; data must be contiguous");
            }
            expected = e.end;
            previous = e;
        }
        if (expected != dataLength) {
            throw bad(path, "the data section is " + dataLength + " bytes but the tensors cover only " + expected
                    + " bytes; trailing bytes after the last tensor (a gap at the end of the offsets)");
        }
    }

    private static JsonNode required(Path path, String tensor, JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null) {
            throw bad(path, tensor + " entry has no " + key);
        }
        return value;
    }

    private static boolean isOffsetPair(JsonNode node) {
        if (!node.isArray() || node.size() != 2) {
            return false;
        }
        for (JsonNode n : node) {
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
                return false;
            }
        }
        return true;
    }

    /** Copies a file region through a memory map that is released straight away. */
    private static byte[] copy(FileChannel ch, long position, int length) throws IOException {
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, position, length);
        try {
            map.get(out);
        } finally {
            MappedBuffers.unmap(map);
        }
        return out;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "empty";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    /** Names come from untrusted files: keep messages on one line and short. */
    static String quote(String s) {
        return "'" + abbreviate(s) + "'";
    }

    private static String abbreviate(String s) {
        String line = oneLine(s);
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }

    private static InvalidInputException bad(Path path, String detail) {
        return new InvalidInputException("invalid safetensors file " + path + ": " + detail);
    }

    private static InvalidInputException bad(Path path, String detail, Throwable cause) {
        return new InvalidInputException("invalid safetensors file " + path + ": " + detail, cause);
    }
}
