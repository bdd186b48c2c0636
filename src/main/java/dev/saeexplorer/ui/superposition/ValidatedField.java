package dev.saeexplorer.ui.superposition;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * A text field that applies its text on Enter or when it loses focus, through a view-model call that may refuse it;
 * a refusal turns it red with the reason as tooltip and keeps the text so the user can fix it. When the model changes
 * elsewhere, the field shows the model's value unless the user is in the middle of fixing a refusal.
 */
final class ValidatedField extends TextField {
    private final Function<String, Boolean> apply;
    private final Supplier<String> current;
    private final Supplier<String> reason;

    ValidatedField(Function<String, Boolean> apply, Supplier<String> current, Supplier<String> reason) {
        this.apply = apply;
        this.current = current;
        this.reason = reason;
        setOnAction(e -> commit());
        focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        refresh();
    }

    /** Shows the model's value (after a change elsewhere). */
    void refresh() {
        if (isFocused() && getPseudoClassStates().contains(Styles.STATE_DANGER)) {
            return;
        }
        setText(current.get());
        setValid(true, null);
    }

    private void commit() {
        if (getText().trim().equals(current.get().trim())) {
            setValid(true, null);
            return;
        }
        if (apply.apply(getText())) {
            setValid(true, null);
            setText(current.get());
        } else {
            setValid(false, reason.get());
        }
    }

    private void setValid(boolean valid, String why) {
        pseudoClassStateChanged(Styles.STATE_DANGER, !valid);
        setTooltip(valid ? null : new Tooltip(why));
    }
}
