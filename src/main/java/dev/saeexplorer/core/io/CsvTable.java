package dev.saeexplorer.core.io;

import java.nio.file.Path;
import java.util.List;

/** Writes a table as RFC 4180 CSV (cells with commas, quotes or line breaks are quoted), atomically. */
public final class CsvTable {
    private CsvTable() {
    }

    public static void write(Path path, List<String> columns, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, columns);
        for (List<String> row : rows) {
            line(sb, row);
        }
        AtomicFiles.writeString(path, sb.toString());
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i) == null ? "" : cells.get(i)));
        }
        sb.append("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
