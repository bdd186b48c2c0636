package dev.saeexplorer.core.pseval;

import dev.saeexplorer.core.InvalidInputException;

/**
 * The prompt a context is wrapped in (design/PSEVAL.md step 1): {@code {context}} and {@code {target_word}} are
 * replaced literally. The template must contain {@code {context}}; {@code {target_word}} is optional (without it the
 * target is looked for in the context itself).
 */
public record PromptTemplate(String template) {
    public static final String DEFAULT_TEXT = "{context} The {target_word} means";
    public static final PromptTemplate DEFAULT = new PromptTemplate(DEFAULT_TEXT);

    public PromptTemplate {
        if (template == null || !template.contains("{context}")) {
            throw new InvalidInputException("prompt template " + (template == null ? "null" : "\"" + template + "\"")
                    + " has no {context} placeholder; the default is \"" + DEFAULT_TEXT + "\"");
        }
    }

    /** Fills the placeholders; the context is inserted first so a "{target_word}" inside it stays as written. */
    public String fill(String context, String targetWord) {
        int at = template.indexOf("{context}");
        String before = template.substring(0, at).replace("{target_word}", targetWord);
        String after = template.substring(at + "{context}".length()).replace("{target_word}", targetWord)
                .replace("{context}", context);
        return before + context + after;
    }
}
