package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.EXAMPLE1_WP;
import static dev.saeexplorer.cli.CliTestSupport.EXAMPLE1_X;
import static dev.saeexplorer.cli.CliTestSupport.assertBadInput;
import static dev.saeexplorer.cli.CliTestSupport.concat;
import static dev.saeexplorer.cli.CliTestSupport.run;
import static dev.saeexplorer.cli.CliTestSupport.tempLeftovers;
import static dev.saeexplorer.cli.CliTestSupport.tree;
import static dev.saeexplorer.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.saeexplorer.core.compute.CancellationToken;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong input and wrong usage: exit 2, one {@code error: } line on stderr that names the argument or file, no stack
 * trace, and nothing written (no output, no temp file).
 */
class CliBadInputTest {
    /** Tiny training settings, so that a case the CLI wrongly accepts still ends quickly. */
    static final String[] TINY = {"--steps", "20", "--batch", "64", "--eval-samples", "256", "--latents", "4"};

    @TempDir
    Path dir;

    /** One bad invocation: the arguments (built inside the test's temp folder) and what the error line must name. */
    record Case(String description, Function<Path, String[]> args, String... mentions) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Case closedForm(String description, String wp, String x, String gamma, String... mentions) {
        return new Case(description, d -> gamma == null
                ? new String[] {"closed-form", "--wp", wp, "--x", x, "--json"}
                : new String[] {"closed-form", "--wp", wp, "--x", x, "--gamma", gamma, "--json"}, mentions);
    }

    private static Case sampleStats(String description, String sparsity, String samples, String... mentions) {
        return new Case(description, d -> new String[] {"sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", sparsity,
                "--samples", samples, "--seed", "1", "--json"}, mentions);
    }

    private static Case toy(String description, String features, String dims, String sparsity, String[] extra,
                            String... mentions) {
        return new Case(description, d -> override(new String[] {"toy-model", "--features", features, "--dims", dims,
                "--sparsity", sparsity, "--steps", "20", "--batch", "64", "--out", d.resolve("toy.json").toString()},
                extra), mentions);
    }

    /** train on Example 1's W_p with tiny settings; {@code extra} replaces or adds options (picocli refuses repeats). */
    private static Case train(String description, String[] extra, String... mentions) {
        return new Case(description, d -> override(concat(new String[] {"train", "--wp", EXAMPLE1_WP, "--sparsity",
                "0.5", "--out", d.resolve("ckpt").toString()}, TINY), extra), mentions);
    }

    private static Case sweep(String description, String sparsities, String[] extra, String... mentions) {
        return new Case(description, d -> override(concat(new String[] {"sweep", "--wp", EXAMPLE1_WP, "--sparsities",
                sparsities, "--out", d.resolve("sweep.csv").toString()}, TINY), extra), mentions);
    }

    /**
     * {@code base} with each "--option value" pair of {@code pairs} replacing the option's value there, or appended when
     * {@code base} lacks it.
     */
    static String[] override(String[] base, String... pairs) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(base));
        for (int i = 0; i < pairs.length; i += 2) {
            int at = args.indexOf(pairs[i]);
            if (at >= 0) {
                args.set(at + 1, pairs[i + 1]);
            } else {
                args.add(pairs[i]);
                args.add(pairs[i + 1]);
            }
        }
        return args.toArray(new String[0]);
    }

    private static String[] a(String... s) {
        return s;
    }

    static Stream<Case> badInputs() {
        return Stream.of(
                // matrices and vectors
                closedForm("W_p with an inline NaN token", "[[NaN,1],[0,1]]", "[1,2]", null, "--wp"),
                closedForm("W_p with a number too large for a double", "[[1e999,1],[0,1]]", "[1,2]", null, "--wp"),
                closedForm("W_p with ragged rows", "[[1,0,0],[0,1]]", EXAMPLE1_X, null, "--wp"),
                closedForm("W_p that is an empty matrix", "[]", EXAMPLE1_X, null, "--wp"),
                closedForm("W_p with empty rows", "[[],[]]", "[]", null, "--wp|W_p"),
                closedForm("W_p that is a flat vector", "[1,0,0]", EXAMPLE1_X, null, "--wp"),
                closedForm("W_p with a string entry", "[[1,\"a\",0],[0,1,-1]]", EXAMPLE1_X, null, "--wp"),
                closedForm("W_p that is truncated inline JSON", "[[1,0,0],[0,1,", EXAMPLE1_X, null, "--wp"),
                new Case("W_p file that is not JSON", d -> a("closed-form", "--wp",
                        write(d.resolve("notjson.json"), "this is not JSON at all").toString(), "--x", EXAMPLE1_X),
                        "--wp", "notjson.json"),
                new Case("W_p path that does not exist", d -> a("closed-form", "--wp",
                        d.resolve("missing.json").toString(), "--x", EXAMPLE1_X), "--wp", "missing.json"),
                new Case("W_p that is a folder", d -> a("closed-form", "--wp", d.toString(), "--x", EXAMPLE1_X), "--wp"),
                new Case("toy-model file without wp", d -> a("closed-form", "--wp",
                        write(d.resolve("toy.json"), "{\"features\": 3}").toString(), "--x", EXAMPLE1_X), "--wp"),
                closedForm("x shorter than W_p has columns", EXAMPLE1_WP, "[1,2]", null, "--x|x (", "2"),
                closedForm("x longer than W_p has columns", EXAMPLE1_WP, "[1,2,3,4]", null, "--x|x (", "4"),
                closedForm("x with NaN", EXAMPLE1_WP, "[NaN,1,1]", null, "--x"),
                closedForm("gamma of the wrong length", EXAMPLE1_WP, EXAMPLE1_X, "[1,2,3]", "--gamma"),
                closedForm("negative gamma", EXAMPLE1_WP, EXAMPLE1_X, "[1,-0.5]", "--gamma"),
                closedForm("gamma that is a matrix", EXAMPLE1_WP, EXAMPLE1_X, "[[1,2]]", "--gamma"),
                new Case("closed-form topk without --k", d -> a("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X,
                        "--activation", "topk"), "--k"),
                new Case("closed-form unknown activation", d -> a("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X,
                        "--activation", "sigmoid"), "sigmoid"),
                // sample-stats
                sampleStats("sparsity -0.1", "-0.1", "10", "sparsity", "-0.1"),
                sampleStats("sparsity 1.5", "1.5", "10", "sparsity", "1.5"),
                sampleStats("sparsity NaN", "NaN", "10", "sparsity", "NaN"),
                sampleStats("samples 0", "0.5", "0", "--samples"),
                sampleStats("samples -5", "0.5", "-5", "--samples"),
                sampleStats("samples that is not a number", "0.5", "many", "--samples"),
                new Case("sample-stats gamma of the wrong length", d -> a("sample-stats", "--wp", EXAMPLE1_WP,
                        "--sparsity", "0.5", "--samples", "10", "--seed", "1", "--gamma", "[1]"), "--gamma"),
                // toy-model
                toy("toy model with dims equal to features", "4", "4", "0.5", a(), "--dims"),
                toy("toy model with dims above features", "4", "6", "0.5", a(), "--dims"),
                toy("toy model with sparsity 1.5", "6", "2", "1.5", a(), "sparsity"),
                toy("toy model with steps 0", "6", "2", "0.5", a("--steps", "0"), "--steps"),
                toy("toy model with batch 0", "6", "2", "0.5", a("--batch", "0"), "--batch"),
                toy("toy model with importance 0", "6", "2", "0.5", a("--importance", "0"), "--importance"),
                toy("toy model with NaN learning rate", "6", "2", "0.5", a("--lr", "NaN"), "--lr"),
                toy("toy model on cuda without --fallback-cpu", "6", "2", "0.5", a("--device", "cuda"), "--device", "cuda"),
                toy("toy model on an unknown device", "6", "2", "0.5", a("--device", "tpu"), "tpu"),
                // train
                train("train sparsity -0.1", a("--sparsity", "-0.1"), "sparsity"),
                train("train sparsity 1.5", a("--sparsity", "1.5"), "sparsity"),
                train("train sparsity NaN", a("--sparsity", "NaN"), "sparsity"),
                train("train steps 0", a("--steps", "0"), "--steps"),
                train("train batch 0", a("--batch", "0"), "--batch"),
                train("train latents 0", a("--latents", "0"), "--latents"),
                train("train NaN alpha", a("--alpha", "NaN"), "--alpha"),
                train("train negative alpha", a("--alpha", "-1"), "--alpha"),
                train("train negative l1", a("--l1", "-0.1"), "--l1"),
                train("train learning rate 0", a("--lr", "0"), "--lr"),
                train("train eval-samples 0", a("--eval-samples", "0"), "--eval-samples"),
                train("train unknown activation", a("--activation", "sigmoid"), "sigmoid"),
                train("train topk without --k", a("--activation", "topk"), "--k"),
                train("train topk with --k 0", a("--activation", "topk", "--k", "0"), "--k"),
                train("train topk with --k above --latents", a("--activation", "topk", "--k", "5"), "--k", "5"),
                train("train jumprelu with negative theta", a("--activation", "jumprelu", "--theta", "-1"), "--theta"),
                train("train unknown weighting", a("--weighting", "magic"), "magic"),
                train("train on cuda without --fallback-cpu", a("--device", "cuda"), "--device", "cuda"),
                train("train with both --wp and a toy model", a("--toy-features", "6", "--toy-dims", "2",
                        "--toy-sparsity", "0.5"), "--wp"),
                new Case("train without any W_p", d -> concat(a("train", "--sparsity", "0.5", "--out",
                        d.resolve("ckpt").toString()), TINY), "--wp"),
                new Case("train with an incomplete toy model", d -> concat(a("train", "--toy-features", "6",
                        "--sparsity", "0.5", "--out", d.resolve("ckpt").toString()), TINY), "--toy-dims"),
                new Case("train toy model with dims above features", d -> concat(a("train", "--toy-features", "4",
                        "--toy-dims", "5", "--toy-sparsity", "0.5", "--toy-steps", "20", "--sparsity", "0.5", "--out",
                        d.resolve("ckpt").toString()), TINY), "--dims|--toy-dims"),
                new Case("train with a W_p file that does not exist", d -> concat(a("train", "--wp",
                        d.resolve("nope.json").toString(), "--sparsity", "0.5", "--out", d.resolve("ckpt").toString()),
                        TINY), "--wp", "nope.json"),
                // sweep
                sweep("sweep with an unparsable sparsity list", "0.1,abc", a(), "--sparsities", "abc"),
                sweep("sweep with a sparsity of 1.2 in the list", "0.1,1.2", a(), "--sparsities", "1.2"),
                sweep("sweep with an empty sparsity list", "", a(), "--sparsities"),
                sweep("sweep with seeds 0", "0.5", a("--seeds", "0"), "--seeds"),
                sweep("sweep with latents 0", "0.5", a("--latents", "0"), "--latents"),
                sweep("sweep topk with --k above --latents", "0.5", a("--activation", "topk", "--k", "9"), "--k"),
                sweep("sweep with NaN alpha", "0.5", a("--alpha", "NaN"), "--alpha"),
                sweep("sweep with WSAE weighting none", "0.5", a("--wsae-weighting", "none"), "--wsae-weighting"),
                new Case("sweep to a file that is neither csv nor json", d -> concat(a("sweep", "--wp", EXAMPLE1_WP,
                        "--sparsities", "0.5", "--out", d.resolve("sweep.txt").toString()), TINY), "--out", "sweep.txt"),
                // usage
                new Case("unknown option", d -> a("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X, "--bogus"),
                        "--bogus"),
                new Case("unknown option before any command", d -> a("--bogus"), "--bogus"),
                new Case("unknown command", d -> a("frobnicate"), "frobnicate"),
                new Case("missing required option", d -> a("closed-form", "--wp", EXAMPLE1_WP), "--x"),
                new Case("missing option value", d -> a("closed-form", "--wp", EXAMPLE1_WP, "--x"), "--x"),
                new Case("train missing --out", d -> concat(a("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5"), TINY),
                        "--out"),
                new Case("option given twice", d -> a("sample-stats", "--wp", EXAMPLE1_WP, "--sparsity", "0.5",
                        "--sparsity", "0.6", "--samples", "10", "--seed", "1"), "--sparsity"),
                new Case("help for an unknown command", d -> a("help", "frobnicate"), "frobnicate"),
                new Case("stray positional argument", d -> a("closed-form", "--wp", EXAMPLE1_WP, "--x", EXAMPLE1_X,
                        "extra"), "extra"),
                new Case("integer option with a fraction", d -> a("sample-stats", "--wp", EXAMPLE1_WP, "--sparsity",
                        "0.5", "--samples", "1.5", "--seed", "1"), "--samples"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneErrorLineAndWritesNothing(Case c) {
        String[] args = c.args().apply(dir);
        Set<String> before = tree(dir);
        CliTestSupport.Result r = run(args);
        assertBadInput(r, c.mentions());
        assertEquals(before, tree(dir), () -> "the run left files behind\n" + r);
        assertTrue(r.out().isBlank(), () -> "nothing on stdout after an error\n" + r);
    }

    // ---- output targets ---------------------------------------------------------------------------------------

    private String[] trainInto(Path out, String... extra) {
        return concat(concat(new String[] {"train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--out", out.toString()},
                TINY), extra);
    }

    @Test
    void overrideReplacesOptionValuesInsteadOfRepeatingThem() {
        assertEquals(List.of("train", "--steps", "0", "--k", "2"),
                List.of(override(new String[] {"train", "--steps", "20"}, "--steps", "0", "--k", "2")));
    }

    @Test
    void trainRefusesAnExistingNonEmptyFolderWithoutForceAndLeavesItUntouched() throws Exception {
        Path out = dir.resolve("ckpt");
        write(out.resolve("notes.txt"), "keep me");
        write(out.resolve("sub/cfg.json"), "{\"d_in\": 1}");
        Set<String> before = tree(dir);
        String line = assertBadInput(run(trainInto(out)), "--out", "--force");
        assertTrue(line.contains(out.toString()) || line.contains("ckpt"), line);
        assertEquals(before, tree(dir));
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
        assertEquals("{\"d_in\": 1}", Files.readString(out.resolve("sub/cfg.json")));
    }

    @Test
    void trainRefusesAnOutThatIsAnExistingFile() throws Exception {
        Path out = write(dir.resolve("ckpt"), "a file");
        assertBadInput(run(trainInto(out)), "--out", "ckpt");
        assertEquals("a file", Files.readString(out));
        assertEquals(Set.of("ckpt"), tree(dir));
        assertBadInput(run(trainInto(out, "--force")), "--out", "ckpt");
        assertEquals("a file", Files.readString(out));
        assertEquals(Set.of("ckpt"), tree(dir));
    }

    @Test
    void toyModelRefusesAnOutFileWhoseFolderDoesNotExist() {
        Path out = dir.resolve("no/such/folder/toy.json");
        assertBadInput(run("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.5", "--steps", "20",
                "--batch", "64", "--out", out.toString()), "--out", "toy.json");
        assertEquals(Set.of(), tree(dir));
    }

    @Test
    void sweepRefusesAnOutFileWhoseFolderDoesNotExist() {
        Path out = dir.resolve("no/such/folder/sweep.csv");
        assertBadInput(run(concat(new String[] {"sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.5", "--out",
                out.toString()}, TINY)), "--out", "sweep.csv");
        assertEquals(Set.of(), tree(dir));
    }

    @Test
    void toyModelRefusesAnExistingOutFileWithoutForceAndLeavesItUntouched() throws Exception {
        Path out = write(dir.resolve("toy.json"), "precious");
        assertBadInput(run("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.5", "--steps", "20",
                "--batch", "64", "--out", out.toString()), "--out", "--force");
        assertEquals("precious", Files.readString(out));
        assertEquals(Set.of("toy.json"), tree(dir));
    }

    @Test
    void sweepRefusesAnExistingOutFileWithoutForceAndLeavesItUntouched() throws Exception {
        Path out = write(dir.resolve("sweep.json"), "precious");
        assertBadInput(run(concat(new String[] {"sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.5", "--out",
                out.toString()}, TINY)), "--out", "--force");
        assertEquals("precious", Files.readString(out));
        assertEquals(Set.of("sweep.json"), tree(dir));
    }

    @Test
    void toyModelRefusesAnOutThatIsAFolder() throws Exception {
        Path out = Files.createDirectory(dir.resolve("toy.json"));
        assertBadInput(run("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.5", "--steps", "20",
                "--batch", "64", "--out", out.toString(), "--force"), "--out");
        assertEquals(Set.of("toy.json"), tree(dir));
    }

    @Test
    void outputIntoAnUnwritableFolderIsRefused() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        File f = locked.toFile();
        assertTrue(f.setWritable(false, false));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: a read-only folder is still writable");
            assertBadInput(run(trainInto(locked.resolve("ckpt"))), "--out", "writable");
            assertBadInput(run("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.5", "--steps", "20",
                    "--batch", "64", "--out", locked.resolve("toy.json").toString()), "--out", "writable");
            assertBadInput(run(concat(new String[] {"sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.5", "--out",
                    locked.resolve("s.csv").toString()}, TINY)), "--out", "writable");
            assertEquals(Set.of("locked"), tree(dir));
        } finally {
            f.setWritable(true, false);
        }
    }

    @Test
    void trainIntoAFolderBelowAnUnwritableOneIsRefused() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        File f = locked.toFile();
        assertTrue(f.setWritable(false, false));
        try {
            assumeFalse(Files.isWritable(locked), "running as root: a read-only folder is still writable");
            assertBadInput(run(trainInto(locked.resolve("a/b/ckpt"))), "--out");
            assertEquals(Set.of("locked"), tree(dir));
        } finally {
            f.setWritable(true, false);
        }
    }

    @Test
    void anErrorLeavesNoTempFilesBehind() {
        // A failure that happens after validation started: --k above --latents on a valid target.
        run(trainInto(dir.resolve("ckpt"), "--activation", "topk", "--k", "99"));
        run("toy-model", "--features", "6", "--dims", "6", "--sparsity", "0.5", "--out", dir.resolve("t.json").toString());
        assertEquals(List.of(), tempLeftovers(dir));
        assertEquals(Set.of(), tree(dir));
    }

    /**
     * A bad training option must be refused before any work: with a toy-model W_p, {@code train} must validate --latents,
     * --k, --steps, ... before it trains the toy model. The token is cancelled from the start, so any training step
     * would end the command with 130 (cancelled) instead of 2: no clock involved.
     */
    @Test
    void trainRefusesBadTrainingOptionsBeforeTrainingTheToyModel() {
        CancellationToken token = new CancellationToken();
        token.cancel();
        CliTestSupport.Result r = CliTestSupport.run(token, "train", "--toy-features", "12", "--toy-dims", "4",
                "--toy-sparsity", "0.5", "--toy-steps", "200000", "--sparsity", "0.5", "--latents", "0",
                "--out", dir.resolve("ckpt").toString());
        assertBadInput(r, "--latents");
    }

    /**
     * In {@code train} the toy-model options are --toy-features/--toy-dims/--toy-sparsity, but the errors name the
     * toy-model command's --dims/--features and a bare "sparsity" (which could be --sparsity too).
     */
    @Test
    void trainNamesItsOwnToyModelOptionsInErrors() {
        assertBadInput(run(concat(a("train", "--toy-features", "4", "--toy-dims", "5", "--toy-sparsity", "0.5",
                "--toy-steps", "20", "--sparsity", "0.5", "--out", dir.resolve("ckpt").toString()), TINY)), "--toy-dims");
        assertBadInput(run(concat(a("train", "--toy-features", "6", "--toy-dims", "2", "--toy-sparsity", "1.5",
                "--toy-steps", "20", "--sparsity", "0.5", "--out", dir.resolve("ckpt").toString()), TINY)),
                "--toy-sparsity");
        assertEquals(Set.of(), tree(dir));
    }

    /**
     * design/MATH.md: x_i is 0 or in (0, 1]; the statuses are defined for x_i > 0 and x_i = 0 only, so a negative x_i
     * must not be labelled (e.g. "inactive", which means x_i = 0): it is refused, or at least not called inactive.
     */
    @Test
    void closedFormDoesNotCallANegativeGroundTruthFeatureInactive() {
        CliTestSupport.Result r = run("closed-form", "--wp", EXAMPLE1_WP, "--x", "[-1, 0.5, 0.2]", "--json");
        if (r.code() == Cli.BAD_INPUT) {
            assertBadInput(r, "--x|x[0]", "-1");
        } else {
            assertEquals(Cli.OK, r.code(), r::toString);
            assertTrue(!"inactive".equals(CliTestSupport.singleJson(r).get("status").get(0).asText()), r::toString);
        }
    }

    /**
     * A toy model whose training diverges (a huge but valid --lr) exits 0 and writes a W_p made of nulls with
     * "finalLoss": 0.0; the file is then refused by --wp. It should fail (exit 1 or 2) without writing, or at least
     * report the loss as null.
     */
    @Test
    void divergedToyModelDoesNotWriteAnUnusableWp() {
        Path out = dir.resolve("toy.json");
        CliTestSupport.Result r = run("toy-model", "--features", "6", "--dims", "2", "--sparsity", "0.5", "--steps", "20",
                "--batch", "8", "--lr", "1e300", "--out", out.toString(), "--json");
        if (r.code() == Cli.OK) {
            assertEquals(Cli.OK, run("closed-form", "--wp", out.toString(), "--x", "[1,1,1,1,1,1]").code(),
                    "the written toy model must be usable as --wp");
        } else {
            assertTrue(r.err().startsWith("error: "), r::toString);
            assertEquals(Set.of(), tree(dir));
        }
    }
}
