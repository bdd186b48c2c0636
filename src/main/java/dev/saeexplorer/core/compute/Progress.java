package dev.saeexplorer.core.compute;

/** Receives progress of a long operation: a fraction in [0, 1] and a short message for people. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (fraction, message) -> { };

    void update(double fraction, String message);
}
