package dev.saeexplorer.ui.sweep;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.common.ErrorText;
import dev.saeexplorer.ui.common.FieldLabels;
import dev.saeexplorer.ui.common.WorldChoice;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Turns the form's texts into {@link SweepSettings}, with one message per wrong field that says what to type. */
final class SettingsParser {

    /** The typed fields of the form, each with the core parameter it sets (null: none of its own). */
    enum Field {
        GRID(Param.SPARSITIES), SEEDS(Param.SEEDS), STEPS(Param.STEPS), LATENTS(Param.LATENTS), L1(Param.L1),
        ALPHA(Param.ALPHA), TOY_FEATURES(Param.FEATURES), TOY_DIMS(Param.DIMS), TOY_SPARSITY(null), TOY_STEPS(null);

        private final Param param;

        Field(Param param) {
            this.param = param;
        }

        /** The field that sets {@code param}, or null. */
        static Field of(Param param) {
            for (Field f : values()) {
                if (f.param != null && f.param == param) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The settings when every field is valid, otherwise null and a message per wrong field (in form order). */
    record Parsed(SweepSettings settings, Map<Field, String> errors) {
        SweepSettings orElseThrow() {
            if (settings == null) {
                throw new InvalidInputException(errors.values().iterator().next());
            }
            return settings;
        }
    }

    private SettingsParser() {
    }

    static Parsed parse(WorldChoice world, WpSource source, WpPreset preset, WsaeModels wsae, Device device,
                        String grid, String seeds,
                        String steps, String latents, String l1, String alpha, String toyFeatures, String toyDims,
                        String toySparsity, String toySteps) {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        double[] sparsities = null;
        try {
            sparsities = SweepSettings.parseGrid(grid);
        } catch (InvalidInputException e) {
            errors.put(Field.GRID, e.getMessage());
        }
        if (sparsities != null && !world.isUniform()) {
            String problem = worldProblem(world, sparsities);
            if (problem != null) {
                errors.put(Field.GRID, problem);
            }
        }
        Integer nSeeds = integer(errors, Field.SEEDS, seeds, "Seeds", 1, SweepSettings.MAX_SEEDS);
        Integer nSteps = integer(errors, Field.STEPS, steps, "Training steps", 1, SweepSettings.MAX_STEPS);
        Integer nLatents = integer(errors, Field.LATENTS, latents, "Latents", 1, SweepSettings.MAX_LATENTS);
        Double lambda = real(errors, Field.L1, l1, "The L1 coefficient λ", 0, Double.MAX_VALUE);
        Double a = real(errors, Field.ALPHA, alpha, "The WSAE exponent α", 0, Double.MAX_VALUE);

        Map<Field, String> toyErrors = new EnumMap<>(Field.class);
        Integer n = integer(toyErrors, Field.TOY_FEATURES, toyFeatures, "Toy model features n", 2, 2000);
        Integer np = integer(toyErrors, Field.TOY_DIMS, toyDims, "Toy model dimensions n_p", 1, 2000);
        Double s0 = real(toyErrors, Field.TOY_SPARSITY, toySparsity, "Toy model sparsity S0", 0, 0.999);
        Integer tSteps = integer(toyErrors, Field.TOY_STEPS, toySteps, "Toy model steps", 1, SweepSettings.MAX_STEPS);
        if (n != null && np != null && np >= n) {
            toyErrors.put(Field.TOY_DIMS, "Toy model dimensions n_p (" + np + ") must be fewer than its features n ("
                    + n + "): superposition needs fewer dimensions than features.");
        }
        SweepSettings.ToySpec toy;
        if (toyErrors.isEmpty()) {
            toy = new SweepSettings.ToySpec(n, np, s0, tSteps);
        } else if (source == WpSource.TRAINED_TOY) {
            errors.putAll(toyErrors);
            toy = null;
        } else {
            toy = SweepSettings.ToySpec.DEFAULT;
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, Collections.unmodifiableMap(errors));
        }
        SweepSettings settings = new SweepSettings(world, source, preset, toy, sparsities, nSeeds, nSteps, nLatents,
                lambda, a, wsae, device);
        return new Parsed(settings, Map.of());
    }

    /** Why the world cannot be taken to a sparsity of the grid (a Zipf world at S = 1), or null. */
    private static String worldProblem(WorldChoice world, double[] sparsities) {
        for (double s : sparsities) {
            try {
                world.atSparsity(s);
            } catch (InvalidInputException e) {
                return ErrorText.refusal(e, FieldLabels.TABLE);
            }
        }
        return null;
    }

    private static Integer integer(Map<Field, String> errors, Field field, String text, String what, int min, int max) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            errors.put(field, what + " is empty: type a whole number from " + min + " to " + max + ".");
            return null;
        }
        try {
            int v = Integer.parseInt(t);
            if (v < min || v > max) {
                errors.put(field, what + " must be from " + min + " to " + max + ", not " + v + ".");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.put(field, what + ": '" + t + "' is not a whole number; type one from " + min + " to " + max + ".");
            return null;
        }
    }

    private static Double real(Map<Field, String> errors, Field field, String text, String what, double min, double max) {
        String t = text == null ? "" : text.trim();
        String range = max == Double.MAX_VALUE ? "a number ≥ " + SweepSettings.plain(min)
                : "a number from " + SweepSettings.plain(min) + " to " + SweepSettings.plain(max);
        if (t.isEmpty()) {
            errors.put(field, what + " is empty: type " + range + ".");
            return null;
        }
        double v;
        try {
            if (!SweepSettings.NUMBER.matcher(t).matches()) {
                throw new NumberFormatException(t);
            }
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            errors.put(field, what + ": '" + t + "' is not a number; type " + range + ".");
            return null;
        }
        if (!(v >= min && v <= max) || !Double.isFinite(v)) {
            errors.put(field, what + " must be " + range + ", not " + t + ".");
            return null;
        }
        return v;
    }
}
