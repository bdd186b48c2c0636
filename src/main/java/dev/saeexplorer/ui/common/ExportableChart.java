package dev.saeexplorer.ui.common;

import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/** A chart the shell can export: a name for the file and menu, and the current JFreeChart (may change over time). */
public record ExportableChart(String name, Supplier<JFreeChart> chart) {
}
