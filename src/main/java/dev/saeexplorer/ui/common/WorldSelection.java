package dev.saeexplorer.ui.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.world.WorldFile;
import dev.saeexplorer.core.world.WorldPreset;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The world choice that the training lab and the sweep share: which {@link WorldChoice} is chosen, opening a world file
 * (a bad file changes nothing and {@link #problemProperty()} says what is wrong with it) and the choice in session
 * files. Changed on the UI thread only.
 *
 * <p>In a session a catalogue entry is {@code "world": "zipf"}; an opened file is {@code "world": "file"} with
 * {@code "worldFile"} (its path, for its name) and {@code "worldDefinition"} (the world itself, so the session opens
 * where the file is gone). Sessions without {@code "world"} are from before worlds and open as uniform.
 */
public final class WorldSelection {
    static final String KEY = "world";
    static final String FILE = "file";
    static final String FILE_KEY = "worldFile";
    static final String DEFINITION_KEY = "worldDefinition";

    private final ObjectProperty<WorldChoice> choice;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public WorldSelection(WorldPreset initial) {
        choice = new SimpleObjectProperty<>(this, "choice", WorldChoice.of(initial));
        choice.addListener((obs, old, now) -> problem.set(""));
    }

    public ObjectProperty<WorldChoice> choiceProperty() {
        return choice;
    }

    public WorldChoice get() {
        return choice.get();
    }

    /** Why the last world file did not open, in the form's words; "" once a world is chosen. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Opens a world file: it becomes the choice, or, when it is refused, nothing changes and the problem says why. */
    public boolean open(Path file) {
        try {
            choice.set(WorldChoice.open(file));
            return true;
        } catch (InvalidInputException e) {
            problem.set(ErrorText.refusal(e, FieldLabels.TABLE));
            return false;
        }
    }

    /** Puts {@code c} into a session object (the settings of the lab or of the sweep). */
    public static void write(ObjectNode o, WorldChoice c) {
        if (c.preset() != null) {
            o.put(KEY, c.preset().id());
            return;
        }
        o.put(KEY, FILE);
        if (c.file() != null) {
            o.put(FILE_KEY, c.file().toString());
        }
        o.set(DEFINITION_KEY, WorldFile.toTree(c.world()));
    }

    /** The world of a session object, checked; uniform when the session is from before worlds. */
    public static WorldChoice read(JsonNode o) {
        JsonNode key = o.get(KEY);
        if (key == null) {
            return WorldChoice.UNIFORM;
        }
        if (key.isTextual() && FILE.equals(key.asText())) {
            JsonNode definition = o.get(DEFINITION_KEY);
            if (definition == null || !definition.isObject()) {
                throw new InvalidInputException("session: a world file's '" + DEFINITION_KEY + "' is missing");
            }
            JsonNode path = o.get(FILE_KEY);
            Path file = path != null && path.isTextual() ? Path.of(path.asText()) : null;
            return WorldChoice.checked(null, file, WorldFile.parse(definition.toString(), "the session's world"));
        }
        WorldPreset preset = key.isTextual() ? WorldPreset.byId(key.asText()) : null;
        if (preset == null) {
            throw new InvalidInputException("session: '" + KEY + "' is " + key + "; expected " + WorldPreset.IDS
                    + " or " + FILE);
        }
        return WorldChoice.of(preset);
    }
}
