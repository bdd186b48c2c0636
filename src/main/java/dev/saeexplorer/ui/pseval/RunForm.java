package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.pseval.Balance;
import dev.saeexplorer.core.pseval.PromptTemplate;
import dev.saeexplorer.core.pseval.PsEvaluation;
import dev.saeexplorer.ui.common.FieldParsers;
import dev.saeexplorer.ui.common.InputField;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The evaluation's options as typed: prompt template, balance, and how many rows to take. */
public final class RunForm {
    private final InputField<PromptTemplate> template = new InputField<>("template", "Template",
            "The prompt each context is wrapped in; {context} is replaced by the sentence and {target_word} by the"
                    + " target. The target's position is its last occurrence (the template's copy).",
            PromptTemplate.DEFAULT_TEXT, Fields.template());
    private final ObjectProperty<Balance> balance = new SimpleObjectProperty<>(this, "balance", Balance.OFFICIAL);
    private final InputField<Integer> limit = new InputField<>("limit", "Limit",
            "Evaluate only the first N rows of the file (before balancing); empty for all rows.", "",
            FieldParsers.optionalWhole("Limit", 1, 10_000_000, "200"));
    private final StringBinding firstError = Bindings.createStringBinding(
            () -> !template.valid() ? template.errorProperty().get() : limit.errorProperty().get(),
            template.errorProperty(), limit.errorProperty());

    public InputField<PromptTemplate> template() {
        return template;
    }

    public ObjectProperty<Balance> balanceProperty() {
        return balance;
    }

    public InputField<Integer> limit() {
        return limit;
    }

    /** The first refusal among the fields, or "". */
    public StringBinding firstErrorProperty() {
        return firstError;
    }

    /** The validated options; throws with the first refusal. */
    PsEvaluation.Options options() {
        if (!firstError.get().isEmpty()) {
            throw new InvalidInputException(firstError.get());
        }
        return new PsEvaluation.Options(balance.get(), template.value(), limit.value());
    }
}
