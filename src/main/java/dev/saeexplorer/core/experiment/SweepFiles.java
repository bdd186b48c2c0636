package dev.saeexplorer.core.experiment;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.io.AtomicFiles;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sweep rows as CSV (a header line, one row per run, empty cells for null) or as a JSON array. Files written before
 * the recovery metrics (mcc, shrinkage, absorption) were added, with the shorter header, are still read.
 */
public final class SweepFiles {
    static final String[] COLUMNS = {"sparsity", "seed", "model", "lossGT", "lossGTNonSparse", "reconstructionXp",
            "monosemanticity", "avgActivatedFeatures", "deadLatents", "samplesPerSecond", "steps", "device", "weighting",
            "alpha", "weights", "mcc", "shrinkage", "absorption"};
    /** The columns before mcc, shrinkage and absorption were added: sweeps written then are still read. */
    static final String[] COLUMNS_V1 = Arrays.copyOf(COLUMNS, 15);

    public enum Format { CSV, JSON }

    private SweepFiles() {
    }

    public static Format formatOf(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        throw InvalidInputException.of(Param.OUT, path + ": the file name must end in .csv or .json");
    }

    public static void write(Path path, Format format, List<SweepRow> rows) {
        if (format == Format.JSON) {
            AtomicFiles.write(path, out -> out.write(Json.pretty().writeValueAsBytes(rows)));
            return;
        }
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (SweepRow r : rows) {
            sb.append(String.join(",", num(r.sparsity()), Long.toString(r.seed()), r.model(), num(r.lossGT()),
                    num(r.lossGTNonSparse()), num(r.reconstructionXp()), num(r.monosemanticity()),
                    num(r.avgActivatedFeatures()), Integer.toString(r.deadLatents()), num(r.samplesPerSecond()),
                    Integer.toString(r.steps()), r.device(), r.weighting(), num(r.alpha()), weights(r.weights()), num(r.mcc()), num(r.shrinkage()),
                    num(r.absorption())))
                    .append('\n');
        }
        AtomicFiles.writeString(path, sb.toString());
    }

    /** Reads rows back from a CSV or JSON file written by {@link #write}. */
    public static List<SweepRow> read(Path path) {
        Format format = formatOf(path);
        try {
            if (format == Format.JSON) {
                return Arrays.asList(Json.mapper().readValue(path.toFile(), SweepRow[].class));
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            String header = lines.isEmpty() ? "" : lines.get(0).trim();
            int columns = header.equals(String.join(",", COLUMNS)) ? COLUMNS.length
                    : header.equals(String.join(",", COLUMNS_V1)) ? COLUMNS_V1.length : -1;
            if (columns < 0) {
                throw new InvalidInputException(path + " is not a sweep CSV: its first line must be " + String.join(",", COLUMNS));
            }
            List<SweepRow> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    rows.add(parse(lines.get(i), columns, path, i + 1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static SweepRow parse(String line, int columns, Path path, int lineNumber) {
        String[] c = line.split(",", -1);
        if (c.length != columns) {
            throw new InvalidInputException(path + " line " + lineNumber + ": " + c.length + " cells, expected " + columns);
        }
        boolean recovery = columns == COLUMNS.length;
        try {
            return new SweepRow(Double.parseDouble(c[0]), Long.parseLong(c[1]), c[2], Double.parseDouble(c[3]),
                    nullable(c[4]), Double.parseDouble(c[5]), nullable(c[6]), nullable(c[7]), Integer.parseInt(c[8]),
                    Double.parseDouble(c[9]), Integer.parseInt(c[10]), c[11], c[12], Double.parseDouble(c[13]),
                    parseWeights(c[14]), recovery ? nullable(c[15]) : null, recovery ? nullable(c[16]) : null,
                    recovery ? nullable(c[17]) : null);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path + " line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    /** γ in one cell, space-separated (the CSV's commas separate cells). */
    private static String weights(double[] w) {
        StringBuilder sb = new StringBuilder();
        for (double v : w) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }

    private static double[] parseWeights(String cell) {
        if (cell.isBlank()) {
            return new double[0];
        }
        String[] parts = cell.trim().split(" +");
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = Double.parseDouble(parts[i]);
        }
        return w;
    }

    private static Double nullable(String cell) {
        return cell.isEmpty() ? null : Double.parseDouble(cell);
    }

    private static String num(Double v) {
        return v == null || !Double.isFinite(v) ? "" : Double.toString(v);
    }
}
