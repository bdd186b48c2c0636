package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.testkit.TinyLm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * What the screenshot tour shows in the PS-Eval browser: a model, a checkpoint, the bundled sample pairs evaluated and
 * one pair selected. It uses the GPT-2-small-shaped random model and 24,576-feature random SAE of the benchmark
 * ({@code /tmp/benchlm}, see bench/lm) when they exist, else a tiny random model made here; either way the names on
 * screen say they are random, because no trained GPT-2 is available offline.
 */
public final class PsEvalTour {
    private static final Path BENCH = Path.of("/tmp/benchlm");

    private PsEvalTour() {
    }

    public static void prepare(PsEvalWorkspace w) {
        PsEvalViewModel vm = w.viewModel();
        Path model;
        Path sae;
        if (Files.isRegularFile(BENCH.resolve("gpt2-random/model.safetensors"))
                && Files.isRegularFile(BENCH.resolve("sae-random/sae_weights.safetensors"))) {
            model = BENCH.resolve("gpt2-random");
            sae = BENCH.resolve("sae-random");
        } else {
            try {
                Path dir = Files.createTempDirectory("sae-explorer-tour");
                model = TinyLm.model(dir.resolve("tiny-random-gpt2"));
                sae = TinyLm.sae(dir.resolve("random-sae"), 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        once(vm.modelProperty(), m -> vm.loadCheckpoint(false, sae));
        once(vm.checkpointA().loadedProperty(), s -> vm.run());
        once(vm.resultsProperty(), r -> vm.browser().allRows().stream()
                .filter(p -> p.a() != null && p.a().maxFeature1() != null && p.row().label() == 0)
                .findFirst().ifPresent(p -> vm.browser().selectedProperty().set(p)));
        vm.loadModel(model);
    }

    /** Runs {@code then} the first time {@code value} becomes non-null. */
    private static <T> void once(ObservableValue<T> value, java.util.function.Consumer<T> then) {
        value.addListener(new ChangeListener<T>() {
            @Override
            public void changed(ObservableValue<? extends T> obs, T old, T now) {
                if (now != null) {
                    value.removeListener(this);
                    then.accept(now);
                }
            }
        });
    }
}
