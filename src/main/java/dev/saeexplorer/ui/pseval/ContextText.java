package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.pseval.CharSpan;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** A context sentence with its target word set off: bold, in the accent colour, on a tinted background. */
final class ContextText {
    private ContextText() {
    }

    static TextFlow of(String text, CharSpan target, String id) {
        TextFlow flow = new TextFlow();
        flow.setId(id);
        flow.getStyleClass().add("context-text");
        if (target == null) {
            flow.getChildren().add(plain(text));
            return flow;
        }
        // A label, not a Text: a Text in a TextFlow cannot have a background.
        Label word = new Label(target.of(text));
        word.getStyleClass().add("target-word");
        flow.getChildren().addAll(plain(text.substring(0, target.start())), word, plain(text.substring(target.end())));
        return flow;
    }

    private static Node plain(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("context-plain");
        return t;
    }
}
