package dev.saeexplorer.cli;

import static dev.saeexplorer.cli.CliTestSupport.EXAMPLE1_WP;
import static dev.saeexplorer.cli.CliTestSupport.tempLeftovers;
import static dev.saeexplorer.cli.CliTestSupport.tree;
import static dev.saeexplorer.cli.CliTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.compute.CancellationToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (a cancelled token): exit 130, quickly, leaving no output and no temp files (design/CLI.md). */
class CliCancellationTest {
    /**
     * How long after the cancel the command may take to return: generous, because the cancel comes from a real thread on
     * a machine that may be slow or busy. That the trainers stop within one step is proved step-exactly in
     * SaeTrainerTest; here it is that the CLI stops at all, exits 130 and leaves nothing behind.
     */
    static final long MAX_REACTION_MS = 60_000;

    @TempDir
    Path dir;

    private ScheduledExecutorService canceller;

    @BeforeAll
    static void warmUp(@TempDir Path warm) {
        // Loads ND4J and the training code so that the 300 ms below are spent training, not class loading.
        CliTestSupport.ok("train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "4", "--steps", "20",
                "--batch", "64", "--eval-samples", "256", "--out", warm.resolve("w").toString());
    }

    @BeforeEach
    void start() {
        canceller = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        canceller.shutdownNow();
    }

    /** Runs the command, cancels its token after {@code afterMs} from another thread; returns the result. */
    private CliTestSupport.Result runAndCancel(long afterMs, String... args) {
        CancellationToken token = new CancellationToken();
        AtomicLong cancelledAt = new AtomicLong();
        canceller.schedule(() -> {
            cancelledAt.set(System.nanoTime());
            token.cancel();
        }, afterMs, TimeUnit.MILLISECONDS);
        CliTestSupport.Result r = CliTestSupport.run(token, args);
        long end = System.nanoTime();
        assertTrue(cancelledAt.get() != 0, () -> "the command finished before it was cancelled: use more steps\n" + r);
        long reactionMs = TimeUnit.NANOSECONDS.toMillis(end - cancelledAt.get());
        assertEquals(Cli.CANCELLED, r.code(), r::toString);
        assertTrue(reactionMs < MAX_REACTION_MS, () -> "took " + reactionMs + " ms to stop after the cancel");
        assertFalse(r.err().contains("\tat "), r::toString);
        assertTrue(r.out().isBlank(), () -> "no result on stdout when cancelled\n" + r);
        return r;
    }

    @Test
    void cancellingTrainExitsWith130AndLeavesNoFolderOrTempFolder() {
        Path out = dir.resolve("ckpt");
        runAndCancel(300, "train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "16", "--steps", "200000",
                "--batch", "256", "--eval-samples", "256", "--out", out.toString(), "--json");
        assertFalse(Files.exists(out));
        assertEquals(Set.of(), tree(dir), "nothing at all in the parent, hidden temp folders included");
    }

    @Test
    void cancellingTrainWhileItTrainsTheToyModelExitsWith130() {
        Path out = dir.resolve("ckpt");
        runAndCancel(300, "train", "--toy-features", "12", "--toy-dims", "4", "--toy-sparsity", "0.5",
                "--toy-steps", "200000", "--sparsity", "0.5", "--latents", "8", "--steps", "20", "--batch", "64",
                "--eval-samples", "256", "--out", out.toString());
        assertEquals(Set.of(), tree(dir));
    }

    @Test
    void cancellingTrainWithForceKeepsTheOldCheckpoint() throws Exception {
        Path out = dir.resolve("ckpt");
        write(out.resolve("cfg.json"), "{\"old\": true}");
        runAndCancel(300, "train", "--wp", EXAMPLE1_WP, "--sparsity", "0.5", "--latents", "16", "--steps", "200000",
                "--batch", "256", "--eval-samples", "256", "--out", out.toString(), "--force");
        assertEquals(Set.of("ckpt", "ckpt/cfg.json"), tree(dir));
        assertEquals("{\"old\": true}", Files.readString(out.resolve("cfg.json")));
    }

    @Test
    void cancellingToyModelExitsWith130AndWritesNoFile() {
        runAndCancel(300, "toy-model", "--features", "12", "--dims", "4", "--sparsity", "0.5", "--steps", "200000",
                "--batch", "256", "--out", dir.resolve("toy.json").toString());
        assertEquals(Set.of(), tree(dir));
    }

    @Test
    void cancellingSweepExitsWith130AndWritesNoFile() {
        runAndCancel(300, "sweep", "--wp", EXAMPLE1_WP, "--sparsities", "0.3,0.6,0.9", "--seeds", "2",
                "--latents", "16", "--steps", "200000", "--batch", "256", "--eval-samples", "256",
                "--out", dir.resolve("sweep.csv").toString());
        assertEquals(List.of(), tempLeftovers(dir));
        assertEquals(Set.of(), tree(dir));
    }
}
