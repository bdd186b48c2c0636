package dev.saeexplorer.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Input a person supplied is wrong: a value, a file or a combination of arguments. The message says what is wrong in
 * plain words and, where it helps, what to do; the CLI maps it to exit code 2 and the UI to a dialog.
 *
 * <p>An error about a setting carries its identity: {@link #parameter()} is the {@link Param} it is about, and the
 * settings its message mentions are kept as {@link Param}s, not as words, so that each front end names them in its own
 * vocabulary through {@link #message(ParamNames)} (the CLI "--l1", the training lab "L1 coefficient λ").
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The setting the error is about, or null. */
    private final Param parameter;
    /** The message: {@link String}s and {@link Param}s, in order. */
    private final List<Object> parts;

    public InvalidInputException(String message) {
        this(message, (Throwable) null);
    }

    public InvalidInputException(String message, Throwable cause) {
        this(null, List.of(message), cause);
    }

    private InvalidInputException(Param parameter, List<Object> parts, Throwable cause) {
        super(render(parts, ParamNames.KEYS), cause);
        this.parameter = parameter;
        this.parts = parts;
    }

    /** "⟨the parameter's name⟩ ⟨problem⟩", e.g. {@code of(Param.L1, "must be a finite number ≥ 0, got -1")}. */
    public static InvalidInputException of(Param parameter, String problem) {
        return new InvalidInputException(parameter, List.of(parameter, " " + problem), null);
    }

    /**
     * A message about {@code parameter} in words and parameters, e.g.
     * {@code worded(Param.DIMS, Param.DIMS, " (5) must be smaller than ", Param.FEATURES, " (4)")}.
     *
     * @param parts {@link String}s and {@link Param}s
     */
    public static InvalidInputException worded(Param parameter, Object... parts) {
        List<Object> list = new ArrayList<>(parts.length);
        for (Object part : parts) {
            if (!(part instanceof String) && !(part instanceof Param)) {
                throw new IllegalArgumentException("a message part is a String or a Param, not " + part);
            }
            list.add(part);
        }
        return new InvalidInputException(parameter, List.copyOf(list), null);
    }

    /** The setting this error is about, or null when it is about a file or something else. */
    public Param parameter() {
        return parameter;
    }

    /** Whether the message begins with a setting's name (which a front end must not re-capitalise: "k", "λ"). */
    public boolean opensWithParameter() {
        return !parts.isEmpty() && parts.get(0) instanceof Param;
    }

    /** The message with every setting it mentions named by {@code names}. */
    public String message(ParamNames names) {
        return render(parts, names);
    }

    private static String render(List<Object> parts, ParamNames names) {
        StringBuilder b = new StringBuilder();
        for (Object part : parts) {
            b.append(part instanceof Param ? names.nameOf((Param) part) : part);
        }
        return b.toString();
    }
}
