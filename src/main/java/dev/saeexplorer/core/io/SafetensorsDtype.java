package dev.saeexplorer.core.io;

import dev.saeexplorer.core.InvalidInputException;

import java.util.Optional;

/**
 * The element types this project reads and writes; the constant names are the header strings. Integer, boolean and
 * FP8 types are rejected rather than guessed at, because nothing here consumes them.
 */
public enum SafetensorsDtype {
    F32(4), F16(2), BF16(2), F64(8);

    static final String SUPPORTED = "F32, F16, BF16, F64";

    private final int byteSize;

    SafetensorsDtype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype named exactly (case-sensitive, as the format requires) by a header string, if supported. */
    public static Optional<SafetensorsDtype> lookup(String headerName) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(headerName)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #lookup} but throws {@link InvalidInputException} for anything unsupported. */
    public static SafetensorsDtype parse(String headerName) {
        return lookup(headerName).orElseThrow(() -> new InvalidInputException(
                "unsupported dtype '" + headerName + "'; supported: " + SUPPORTED));
    }
}
