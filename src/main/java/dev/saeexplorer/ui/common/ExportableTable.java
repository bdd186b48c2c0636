package dev.saeexplorer.ui.common;

import java.util.List;
import java.util.function.Supplier;

/** A table the shell can export as CSV: a name, the column headers and the current rows (cells already formatted). */
public record ExportableTable(String name, List<String> columns, Supplier<List<List<String>>> rows) {
}
