package dev.saeexplorer.ui.common;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One typed settings field: the text as the user typed it, and the message that says why it is refused (empty when
 * it is fine). The text stays as typed, so a half-typed number is never silently replaced.
 */
public final class InputField<T> {
    /** Turns text into a value or throws {@link InvalidInputException} with a message for people. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final Param param;
    private final String key;
    private final String label;
    private final String help;
    private final Parser<T> parser;
    private final StringProperty text;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /** A field that sets no core parameter (a display option, a file name). */
    public InputField(String key, String label, String help, String initial, Parser<T> parser) {
        this(null, key, label, help, initial, parser);
    }

    /**
     * A field that sets the core's {@code param}, labelled from {@link FieldLabels}: core refusals about the parameter
     * are shown on it, in the same words.
     */
    public InputField(Param param, String key, String help, String initial, Parser<T> parser) {
        this(param, key, FieldLabels.of(param), help, initial, parser);
    }

    private InputField(Param param, String key, String label, String help, String initial, Parser<T> parser) {
        this.param = param;
        this.key = key;
        this.label = label;
        this.help = help;
        this.parser = parser;
        this.text = new SimpleStringProperty(this, key, initial);
        text.addListener((obs, old, now) -> error.set(check(now)));
        error.set(check(initial));
    }

    /** The core parameter this field sets, or null. */
    public Param param() {
        return param;
    }

    /** The session-file key. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** A tooltip: what the field means and which values it takes. */
    public String help() {
        return help;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean valid() {
        return error.get().isEmpty();
    }

    /** The current value; throws with the field's message when the text is refused. */
    public T value() {
        return parser.parse(text.get());
    }

    /** The message for {@code candidate}, or "" when it parses; leaves the field alone. */
    public String check(String candidate) {
        try {
            parser.parse(candidate);
            return "";
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
