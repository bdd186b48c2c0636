package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.polysemy.PolysemyEvaluation;
import dev.saeexplorer.core.polysemy.PolysemyResult;
import dev.saeexplorer.core.polysemy.PolysemyWorld;
import java.util.Locale;
import java.util.stream.Collectors;

/** A finished polysemy-world run: the world drawn, the settings of its SAEs and what each encoder scored. */
record WorldOutcome(PolysemyWorld world, PolysemyEvaluation.Settings settings, PolysemyResult result) {

    /**
     * One line on what the world shows: how many true features in how many dimensions (superposed or not), and
     * whether the true features' max can tell the senses apart at this sense strength.
     */
    String explanation() {
        PolysemyWorld w = world;
        String features = String.format(Locale.ROOT, "%,d true features (%,d words × (1 + %,d senses) + %,d background)",
                w.features(), w.words(), w.senses(), w.background());
        String mapped = w.superposed()
                ? String.format(Locale.ROOT, " superposed into %,d dimensions by a random W_p", w.dims())
                : String.format(Locale.ROOT, " on orthonormal directions of %,d dimensions (no superposition)", w.dims());
        String strength = number(w.senseStrength());
        String max = w.senseStrength() > 1
                ? "; at sense strength " + strength + " the sense outweighs the word, so the true features' max tells"
                        + " the senses apart (the oracle is the ceiling)"
                : "; at sense strength " + strength + " the word feature (1) is the max of the true features, so the"
                        + " oracle calls every pair \"same\": PS-Eval measures the data here, not the SAE";
        return features + mapped + max + String.format(Locale.ROOT, ". %,d latents, %,d steps; %,d pairs, %,d with the"
                + " same sense.", settings.latents(), settings.steps(), result.pairs(), result.same());
    }

    /** The status line: every encoder's accuracy. */
    String summary() {
        return "Polysemy world, " + String.format(Locale.ROOT, "%,d pairs", result.pairs()) + ". Accuracy: "
                + result.results().entrySet().stream()
                .map(e -> WorldTable.header(e.getKey()) + " " + Table7.number(e.getValue().metrics().accuracy()))
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.valueOf(v);
    }
}
