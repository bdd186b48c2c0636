package dev.saeexplorer.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryWorkspaceState() {
        ObjectNode play = Json.mapper().createObjectNode().put("sparsity", 0.5);
        Path file = dir.resolve("s.json");
        SessionFile.write(file, new SessionFile.Document("Superposition", Map.of("Superposition", play)));
        SessionFile.Document doc = SessionFile.read(file);
        assertEquals("Superposition", doc.activeWorkspace());
        assertEquals(0.5, doc.workspaces().get("Superposition").get("sparsity").asDouble());
    }

    @Test
    void truncatedFileIsRefusedWithAMessage() throws IOException {
        Path file = dir.resolve("s.json");
        SessionFile.write(file, new SessionFile.Document("A", Map.of("A", Json.mapper().createObjectNode().put("k", 1))));
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionFile.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void futureFormatVersionIsRefusedAndSaysToUpdate() throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "{\"formatVersion\": 99, \"workspaces\": {}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SessionFile.read(file));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void otherJsonIsNotASession() throws IOException {
        Path file = dir.resolve("s.json");
        for (String bad : new String[] {"[]", "{}", "{\"formatVersion\": \"one\"}", "{\"formatVersion\": 1}",
                "{\"formatVersion\": 1, \"workspaces\": {\"A\": 3}}", "{\"formatVersion\": 0, \"workspaces\": {}}", ""}) {
            Files.writeString(file, bad);
            assertThrows(InvalidInputException.class, () -> SessionFile.read(file), bad);
        }
        assertThrows(InvalidInputException.class, () -> SessionFile.read(dir.resolve("missing.json")));
    }
}
