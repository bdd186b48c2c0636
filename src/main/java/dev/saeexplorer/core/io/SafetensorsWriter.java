package dev.saeexplorer.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes safetensors files atomically: readers see the old file or the complete new one, never a partial write.
 * Tensors are laid out contiguously in the given order; the header is space-padded so data starts 8-byte aligned,
 * as the reference implementation does.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} (any dtype; in this order) and {@code metadata} (may be null or empty) to {@code path},
     * replacing any existing file only once the new one is complete and flushed to disk.
     */
    public static void write(Path path, List<Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tensors, "tensors");
        byte[] header = header(path, tensors, metadata == null ? Map.of() : metadata);
        AtomicFiles.write(path, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Tensor t : tensors) {
                out.write(t.rawBytes());
            }
        });
    }

    private static byte[] header(Path path, List<Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsReader.METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, "metadata value for " + k)));
        }
        Set<String> seen = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.name().equals(SafetensorsReader.METADATA_KEY)) {
                throw new InvalidInputException("cannot write " + path + ": '" + SafetensorsReader.METADATA_KEY
                        + "' is reserved and cannot be a tensor name");
            }
            if (!seen.add(t.name())) {
                throw new InvalidInputException("cannot write " + path + ": duplicate tensor name "
                        + SafetensorsReader.quote(t.name()) + "; each tensor needs a unique name");
            }
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", t.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serializes
        }
        int padded = (json.length + 7) / 8 * 8;
        if (padded > SafetensorsReader.MAX_HEADER_BYTES) {
            throw new InvalidInputException("cannot write " + path + ": header would be " + padded
                    + " bytes, over the " + SafetensorsReader.MAX_HEADER_BYTES + "-byte limit readers enforce");
        }
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
