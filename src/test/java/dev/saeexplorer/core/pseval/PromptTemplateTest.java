package dev.saeexplorer.core.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    @Test
    void defaultTemplate() {
        assertEquals("Room and board. The board means", PromptTemplate.DEFAULT.fill("Room and board.", "board"));
    }

    @Test
    void customTemplateAndPlaceholdersInsideTheContextStay() {
        PromptTemplate t = new PromptTemplate("[{target_word}] {context}");
        assertEquals("[x] a {target_word} b", t.fill("a {target_word} b", "x"));
        assertEquals("ctx", new PromptTemplate("{context}").fill("ctx", "w"));
    }

    @Test
    void aTemplateWithoutContextIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PromptTemplate("The {target_word} means"));
        assertTrue(e.getMessage().contains("{context}"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new PromptTemplate(null));
    }
}
