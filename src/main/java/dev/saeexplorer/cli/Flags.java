package dev.saeexplorer.cli;

import dev.saeexplorer.core.InvalidInputException;

/** Range checks whose messages name the command-line flag. */
final class Flags {
    private Flags() {
    }

    static double sparsity(double value, String flag) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidInputException(flag + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** A count flag: at least 1. */
    static int atLeastOne(int value, String flag) {
        if (value < 1) {
            throw new InvalidInputException(flag + " must be at least 1, got " + value);
        }
        return value;
    }

    /** An optional count flag: absent, or at least 1. */
    static Integer atLeastOne(Integer value, String flag) {
        return value == null ? null : atLeastOne(value.intValue(), flag);
    }
}
