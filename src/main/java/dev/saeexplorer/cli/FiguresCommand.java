package dev.saeexplorer.cli;

import dev.saeexplorer.charts.ChartExport;
import dev.saeexplorer.charts.SweepCharts;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.compute.TaskMonitor;
import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.experiment.SweepFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Draws the paper's synthetic-data figures (Figure 2 and Figure 3 (a)–(d)) from the rows a {@code sweep} wrote: one
 * image per figure, mean over seeds with ±1 standard deviation error bars, SAE and WSAE side by side.
 */
@Command(name = "figures", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Draw the paper's Figures 2 and 3(a)-(d) from a sweep's rows as PNG and/or SVG images.")
public final class FiguresCommand implements Callable<Integer> {
    static final int MIN_SIZE = 200;
    static final int MAX_SIZE = 8000;

    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Sweep rows: FILE.csv or FILE.json written by 'sweep'.")
    Path in;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Folder for the images (created if missing).")
    Path outDir;

    @Option(names = "--format", defaultValue = "png", paramLabel = "png|svg|both", description = "Image format: png, svg or both (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--width", defaultValue = "900", description = "Image width in pixels, " + MIN_SIZE + " to " + MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "600", description = "Image height in pixels, " + MIN_SIZE + " to " + MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--force", description = "Overwrite images that already exist in --out-dir.")
    boolean force;

    public FiguresCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        ChartExport.init();
        List<String> extensions = parseFormat(format);
        checkSize("--width", width);
        checkSize("--height", height);
        List<SweepRow> rows = readRows(in);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new InvalidInputException("--out-dir " + outDir + " is a file: give a folder");
        }

        Map<String, JFreeChart> charts = SweepCharts.all(rows);
        Map<Path, JFreeChart> targets = new LinkedHashMap<>();
        Map<Path, String> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            for (String ext : extensions) {
                Path target = outDir.resolve(e.getKey() + "." + ext);
                targets.put(target, e.getValue());
                kinds.put(target, ext);
            }
        }
        // Refuse before anything is written: a half-replaced set of figures is worse than none.
        List<Path> existing = new ArrayList<>();
        for (Path target : targets.keySet()) {
            if (Files.isDirectory(target)) {
                throw new InvalidInputException(target + " is a folder: remove it or choose another --out-dir");
            }
            if (Files.exists(target)) {
                existing.add(target);
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new InvalidInputException(existing.get(0) + (existing.size() > 1 ? " and " + (existing.size() - 1)
                    + " more already exist" : " already exists") + ": choose another --out-dir or pass --force");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create --out-dir " + outDir + ": " + e.getMessage(), e);
        }

        TaskMonitor monitor = ctx.monitor();
        List<String> written = new ArrayList<>();
        int done = 0;
        for (Map.Entry<Path, JFreeChart> t : targets.entrySet()) {
            monitor.checkCancelled();
            Path target = t.getKey();
            if ("svg".equals(kinds.get(target))) {
                ChartExport.svg(t.getValue(), target, width, height);
            } else {
                ChartExport.png(t.getValue(), target, width, height);
            }
            written.add(target.toString());
            done++;
            monitor.report((double) done / targets.size(), "wrote " + target.getFileName());
        }

        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("files", written);
            ctx.printJson(json);
        } else {
            ctx.out().printf("%d figures from %d rows of %s written:%n", written.size(), rows.size(), in);
            for (String f : written) {
                ctx.out().println("  " + f);
            }
        }
        return Cli.OK;
    }

    static List<String> parseFormat(String text) {
        String f = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (f) {
            case "png":
                return List.of("png");
            case "svg":
                return List.of("svg");
            case "both":
                return List.of("png", "svg");
            default:
                throw new InvalidInputException("--format must be png, svg or both, got '" + text + "'");
        }
    }

    private static void checkSize(String option, int value) {
        if (value < MIN_SIZE || value > MAX_SIZE) {
            throw new InvalidInputException(option + " must be between " + MIN_SIZE + " and " + MAX_SIZE
                    + " pixels, got " + value);
        }
    }

    private static List<SweepRow> readRows(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".json")) {
            throw new InvalidInputException("--in " + file + ": the file name must end in .csv or .json (a sweep's rows)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--in " + file + ": no such file");
        }
        List<SweepRow> rows;
        try {
            rows = SweepFiles.read(file);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // Jackson's mapping errors for a JSON file that is not a sweep.
            throw new InvalidInputException(file + " is not a sweep file: " + e.getMessage(), e);
        }
        if (rows == null || rows.isEmpty()) {
            throw new InvalidInputException(file + " has no rows: run 'sweep' first");
        }
        if (rows.contains(null)) {
            throw new InvalidInputException(file + " is not a sweep file: it has an empty (null) row");
        }
        return rows;
    }
}
