package dev.saeexplorer.ui.checkpoints;

import java.util.List;

/** One line of the configuration table: a property, its value in checkpoint A and in B ("" without B). */
public record ConfigRow(String property, String a, String b) {
    public static final List<String> COLUMNS = List.of("Property", "A", "B");

    public List<String> cells() {
        return List.of(property, a, b);
    }
}
