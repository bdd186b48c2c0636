package dev.saeexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saeexplorer.charts.ChartExport;
import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.compute.CancellationToken;
import dev.saeexplorer.core.io.Json;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FiguresCommandTest {
    static final String HEADER = "sparsity,seed,model,lossGT,lossGTNonSparse,reconstructionXp,monosemanticity,"
            + "avgActivatedFeatures,deadLatents,samplesPerSecond,steps,device,weighting,alpha,weights";
    static final List<String> STEMS = List.of("figure2-avg-activated-features", "figure3a-loss-gt",
            "figure3b-loss-gt-nonsparse", "figure3c-reconstruction-xp", "figure3d-monosemanticity");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        ChartExport.init();
    }

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    /** Runs the command the way {@link Cli#run} runs a registered one: same error handling and exit codes. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CliContext ctx = new CliContext(o, e, CancellationToken.none());
        CommandLine cl = new CommandLine(new FiguresCommand(ctx));
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("error: " + ex.getMessage());
            return Cli.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> Cli.handle(ex, e, ctx));
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return new Result(code, out.toString(), err.toString());
    }

    private Path sweepCsv() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        double[] grid = {0.1, 0.5, 0.9};
        for (double s : grid) {
            for (int seed = 0; seed < 2; seed++) {
                double j = seed * 0.05;
                sb.append(String.format(java.util.Locale.ROOT, "%s,%d,SAE,%s,%s,%s,%s,%s,3,1000.0,100,cpu,none,1.0,1.0 1.0%n", s,
                        seed, 1.0 - 0.5 * s + j, 1.4 - 0.6 * s + j, 0.2 + j, 0.3 + 0.5 * s + j, 6 - 5 * s + 10 * j));
                // WSAE's monosemanticity is missing at S = 0.1 (a null cell).
                sb.append(String.format(java.util.Locale.ROOT, "%s,%d,WSAE,%s,%s,%s,%s,%s,2,1000.0,100,cpu,variance,1.0,0.9 1.1%n",
                        s, seed, 0.8 - 0.4 * s + j, 1.0 - 0.4 * s + j, 0.22 + j, s == 0.1 ? "" : String.valueOf(0.5 + 0.4 * s + j),
                        5 - 4 * s + 10 * j));
            }
        }
        Path csv = dir.resolve("sweep.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static boolean hasColourNear(BufferedImage img, int rgb) {
        int r0 = (rgb >> 16) & 0xff, g0 = (rgb >> 8) & 0xff, b0 = rgb & 0xff;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - r0) < 12 && Math.abs(((p >> 8) & 0xff) - g0) < 12
                        && Math.abs((p & 0xff) - b0) < 12) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void writesEveryFigureAsReadablePng() throws Exception {
        Path csv = sweepCsv();
        Path out = dir.resolve("figs/nested");
        Result r = run("--in", csv.toString(), "--out-dir", out.toString(), "--width", "640", "--height", "480");
        assertEquals(0, r.code(), r.err());
        for (String stem : STEMS) {
            Path png = out.resolve(stem + ".png");
            assertTrue(r.out().contains(png.toString()), r.out());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(640, img.getWidth());
            assertEquals(480, img.getHeight());
            assertTrue(distinctColours(img) > 20, stem + " looks blank");
            assertTrue(hasColourNear(img, ChartStyle.Role.SAE.colour().getRGB()), stem + " has no SAE blue");
            assertTrue(hasColourNear(img, ChartStyle.Role.WSAE.colour().getRGB()), stem + " has no WSAE orange");
            assertFalse(Files.exists(out.resolve(stem + ".svg")));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(STEMS.size(), files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void bothFormatsAndJsonOutput() throws Exception {
        Path csv = sweepCsv();
        Path out = dir.resolve("both");
        Result r = run("--in", csv.toString(), "--out-dir", out.toString(), "--format", "both", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals(2 * STEMS.size(), json.get("files").size());
        for (String stem : STEMS) {
            BufferedImage img = ImageIO.read(out.resolve(stem + ".png").toFile());
            assertEquals(900, img.getWidth());
            assertEquals(600, img.getHeight());
            String svg = Files.readString(out.resolve(stem + ".svg"), StandardCharsets.UTF_8).stripLeading();
            assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, Math.min(80, svg.length())));
            assertTrue(svg.contains("</svg>"));
        }
    }

    @Test
    void existingFileWithoutForceIsRefusedAndNothingIsWritten() throws Exception {
        Path csv = sweepCsv();
        Path out = Files.createDirectories(dir.resolve("existing"));
        byte[] old = "not a png".getBytes(StandardCharsets.UTF_8);
        Path taken = out.resolve("figure3c-reconstruction-xp.png");
        Files.write(taken, old);

        Result r = run("--in", csv.toString(), "--out-dir", out.toString());
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--force"), r.err());
        assertArrayEquals(old, Files.readAllBytes(taken));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count(), "no other figure was written before the refusal");
        }

        Result forced = run("--in", csv.toString(), "--out-dir", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        BufferedImage img = ImageIO.read(taken.toFile());
        assertEquals(900, img.getWidth());
    }

    @Test
    void badOptionsAreRefused() throws Exception {
        Path csv = sweepCsv();
        Path out = dir.resolve("bad");
        Result format = run("--in", csv.toString(), "--out-dir", out.toString(), "--format", "jpeg");
        assertEquals(Cli.BAD_INPUT, format.code());
        assertTrue(format.err().contains("--format"), format.err());
        assertFalse(Files.exists(out));

        Result small = run("--in", csv.toString(), "--out-dir", out.toString(), "--width", "10");
        assertEquals(Cli.BAD_INPUT, small.code());
        assertTrue(small.err().contains("--width"), small.err());
        Result big = run("--in", csv.toString(), "--out-dir", out.toString(), "--height", "9000");
        assertEquals(Cli.BAD_INPUT, big.code());

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, HEADER + "\n");
        Result none = run("--in", empty.toString(), "--out-dir", out.toString());
        assertEquals(Cli.BAD_INPUT, none.code());
        assertTrue(none.err().contains("has no rows"), none.err());

        Result missing = run("--in", dir.resolve("nope.csv").toString(), "--out-dir", out.toString());
        assertEquals(Cli.BAD_INPUT, missing.code());
        Result noOutDir = run("--in", csv.toString());
        assertEquals(Cli.BAD_INPUT, noOutDir.code());
        assertFalse(Files.exists(out));
    }
}
