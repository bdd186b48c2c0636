package dev.saeexplorer.charts;

import dev.saeexplorer.core.InvalidInputException;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a chart to a PNG or SVG file atomically: the image goes to a hidden temporary sibling
 * {@code .NAME.RANDOM.tmp} (created fresh, never reused) which is then renamed over the target, so a failure or a
 * cancel never leaves half an image where the result belongs. Works without a display: loading this class turns on
 * {@code java.awt.headless} unless someone already chose a value.
 */
public final class ChartExport {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int MIN_SIZE = 1;

    private ChartExport() {
    }

    /**
     * Does nothing but make sure this class (and so the headless setting) is initialised; call it before any other AWT
     * use when exporting from a command line.
     */
    public static void init() {
        // The static initialiser above does the work.
    }

    /** Writes {@code chart} as a {@code width} × {@code height} pixel PNG to {@code file}, atomically. */
    public static void png(JFreeChart chart, Path file, int width, int height) {
        checkSize(width, height);
        write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /** Writes {@code chart} as a {@code width} × {@code height} SVG document to {@code file}, atomically. */
    public static void svg(JFreeChart chart, Path file, int width, int height) {
        checkSize(width, height);
        write(file, out -> {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            chart.draw(g, new Rectangle(0, 0, width, height));
            out.write(g.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void checkSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
    }

    private static void write(Path file, Body body) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || target.getFileName() == null) {
            throw new InvalidInputException("cannot write " + file + ": not a file path");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("cannot write " + file + ": it is a directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + file + ": its folder does not exist");
        }
        Path tmp = null;
        boolean done = false;
        try {
            OutputStream stream = null;
            for (int attempt = 0; stream == null; attempt++) {
                Path candidate = dir.resolve("." + target.getFileName() + "."
                        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    stream = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    tmp = candidate;
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 10) {
                        throw e;
                    }
                }
            }
            try (OutputStream out = stream) {
                body.accept(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system without atomic rename inside one folder: the best it can do.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
            throw new InvalidInputException("cannot write " + file + ": " + why, e);
        } finally {
            if (!done && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: the original failure is what matters.
                }
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void accept(OutputStream out) throws IOException;
    }
}
