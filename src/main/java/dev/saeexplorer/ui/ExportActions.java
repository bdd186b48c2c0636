package dev.saeexplorer.ui;

import dev.saeexplorer.charts.ChartExport;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.CsvTable;
import dev.saeexplorer.ui.common.ExportableChart;
import dev.saeexplorer.ui.common.ExportableTable;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Export of a workspace's charts (PNG, SVG) and tables (CSV) through a file chooser. */
public final class ExportActions {
    private final Window owner;
    private final WorkspaceContext.ErrorReporter errors;

    public ExportActions(Window owner, WorkspaceContext.ErrorReporter errors) {
        this.owner = owner;
        this.errors = errors;
    }

    public enum ImageFormat { PNG, SVG }

    public void exportChart(ExportableChart chart, ImageFormat format) {
        String ext = format.name().toLowerCase(Locale.ROOT);
        File file = choose(fileStem(chart.name()) + "." + ext, format.name() + " image", "*." + ext);
        if (file != null) {
            exportChart(chart, format, file.toPath());
        }
    }

    /** Writes the chart without asking (also used by tests). */
    public void exportChart(ExportableChart chart, ImageFormat format, Path path) {
        try {
            if (format == ImageFormat.PNG) {
                ChartExport.png(chart.chart().get(), path, 1200, 800);
            } else {
                ChartExport.svg(chart.chart().get(), path, 1200, 800);
            }
        } catch (InvalidInputException e) {
            errors.report("Export failed", e.getMessage());
        }
    }

    public void exportTable(ExportableTable table) {
        File file = choose(fileStem(table.name()) + ".csv", "CSV table", "*.csv");
        if (file != null) {
            exportTable(table, file.toPath());
        }
    }

    public void exportTable(ExportableTable table, Path path) {
        try {
            CsvTable.write(path, table.columns(), table.rows().get());
        } catch (InvalidInputException e) {
            errors.report("Export failed", e.getMessage());
        }
    }

    private File choose(String initialName, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        return chooser.showSaveDialog(owner);
    }

    static String fileStem(String name) {
        String stem = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return stem.isEmpty() ? "export" : stem;
    }
}
