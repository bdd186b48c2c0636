package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.lm.LogitLens;
import java.util.List;
import java.util.stream.Collectors;

/** Tokens shown so that their spaces and line breaks can be seen: GPT-2 tokens often begin with a space. */
final class TokenText {
    private TokenText() {
    }

    static String show(String token) {
        StringBuilder b = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case ' ' -> b.append('␣');
                case '\n' -> b.append('↵');
                case '\t' -> b.append('⇥');
                case '\r' -> b.append('␍');
                default -> b.append(Character.isISOControl(c) ? '·' : c);
            }
        }
        return b.toString();
    }

    /** "␣the  ␣a  ␣of" for a table cell. */
    static String list(List<LogitLens.TokenLogit> tokens) {
        return tokens.stream().map(t -> show(t.text())).collect(Collectors.joining("  "));
    }
}
