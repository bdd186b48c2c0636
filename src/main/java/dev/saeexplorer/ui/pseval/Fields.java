package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.lm.HookPoint;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;

/**
 * Parsers for this workspace's own text fields (hook point, prompt template); each message names the field and says
 * what to type instead. Numbers use the shared {@link FieldParsers}.
 */
final class Fields {
    private Fields() {
    }

    /** A TransformerLens hook name; empty is allowed (null) when {@code optional}. */
    static InputField.Parser<HookPoint> hook(boolean optional) {
        return text -> {
            String t = FieldParsers.trimmed(text);
            if (t.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new InvalidInputException("Hook point is empty: type one such as blocks.4.hook_resid_pre");
            }
            try {
                return HookPoint.parse(t);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("Hook point '" + t + "' is not a language-model hook point; type one"
                        + " such as blocks.4.hook_resid_pre (hook_resid_pre, hook_resid_mid, hook_resid_post,"
                        + " hook_attn_out or hook_mlp_out)");
            }
        };
    }

    static InputField.Parser<PromptTemplate> template() {
        return text -> {
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("The template is empty: type e.g. " + PromptTemplate.DEFAULT_TEXT);
            }
            return new PromptTemplate(text);
        };
    }
}
