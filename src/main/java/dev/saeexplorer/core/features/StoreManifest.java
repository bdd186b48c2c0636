package dev.saeexplorer.core.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A feature store's {@code manifest.json}: the format version, what the store was built from (model, SAE and corpus
 * fingerprints), the settings, the counts, the array layout and the SHA-256 of the array file, which is checked on
 * every open so that a truncated or altered store is refused rather than misread.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param model         the language model
 * @param sae           the SAE and the hook it read
 * @param corpus        the corpus
 * @param settings      how the store was built
 * @param counts        what it holds
 * @param layout        how its arrays are laid out
 * @param arrays        the array file
 */
public record StoreManifest(int formatVersion, StoreIdentity.Model model, StoreIdentity.Sae sae,
                            StoreIdentity.Source corpus, StoreSettings settings, Counts counts, Layout layout,
                            ArrayFile arrays) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    /**
     * @param tokens         non-BOS tokens read
     * @param contexts       contexts read
     * @param features       the SAE's features
     * @param deadFeatures   features that never fired (density 0)
     * @param storedContexts contexts whose tokens the store keeps (those some example names)
     * @param exampleValues  per-token activations stored for the examples
     */
    public record Counts(long tokens, int contexts, int features, int deadFeatures, int storedContexts,
                         long exampleValues) {
    }

    /**
     * Fixed by the format version; recorded for people and for tools in other languages.
     *
     * @param quantileBands  quantile bands sampled per feature
     * @param samplesPerBand contexts per band, at most
     * @param histogramBins  histogram bins per feature, at most
     * @param activations    how the examples' activations are stored
     */
    public record Layout(int quantileBands, int samplesPerBand, int histogramBins, String activations) {
        static final Layout CURRENT = new Layout(QuantileSampler.BANDS, QuantileSampler.PER_BAND,
                LogHistogram.MAX_BINS, "float16, each value divided by its feature's max activation");
    }

    /**
     * @param file   the safetensors file beside the manifest
     * @param sha256 its SHA-256
     */
    public record ArrayFile(String file, String sha256) {
    }

    public StoreIdentity identity() {
        return new StoreIdentity(model, sae, corpus);
    }

    /** Reads and checks {@code dir/manifest.json}; every problem is an {@link InvalidInputException} saying so. */
    static StoreManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(dir + " is not a feature store: it has no " + FILE, e);
        } catch (IOException e) {
            throw damaged(dir, "not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw damaged(dir, "not a JSON object");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.canConvertToInt()) {
            throw damaged(dir, "no formatVersion");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new InvalidInputException(dir + " holds a feature store of format " + version.asInt()
                    + ", which this version of SAE Explorer does not read (it reads format " + FORMAT_VERSION + ")");
        }
        StoreManifest manifest;
        try {
            manifest = Json.mapper().readerFor(StoreManifest.class)
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).treeToValue(root, StoreManifest.class);
        } catch (ValueInstantiationException e) {
            // A record refused its value (the settings' own checks): its message says what.
            throw damaged(dir, firstLine((e.getCause() != null ? e.getCause() : e).getMessage()));
        } catch (JsonProcessingException e) {
            // Jackson's words, less its advice about its own switches.
            String why = firstLine(e.getOriginalMessage()).replace("Missing creator property", "missing field");
            throw damaged(dir, why.contains("; `") ? why.substring(0, why.indexOf("; `")) : why);
        }
        manifest.check(dir);
        return manifest;
    }

    /** What the reader relies on: every part present, counts that fit together, the known layout and array file. */
    private void check(Path dir) {
        try {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(sae, "sae");
            Objects.requireNonNull(corpus, "corpus");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(arrays, "arrays");
            for (String field : Arrays.asList(model.configSha256(), model.weightsSha256(), sae.configSha256(),
                    sae.weightsSha256(), corpus.sha256(), arrays.sha256())) {
                Objects.requireNonNull(field, "a fingerprint");
            }
        } catch (NullPointerException e) {
            throw damaged(dir, e.getMessage() + " is missing");
        }
        if (!layout.equals(Layout.CURRENT)) {
            throw damaged(dir, "the layout " + layout + " is not format " + FORMAT_VERSION + "'s " + Layout.CURRENT);
        }
        if (!StoreFile.ARRAYS.equals(arrays.file())) {
            throw damaged(dir, "the array file is '" + arrays.file() + "' instead of " + StoreFile.ARRAYS);
        }
        if (counts.tokens() < 1 || counts.contexts() < 1 || counts.features() != sae.dSae() || counts.features() < 1
                || counts.deadFeatures() < 0 || counts.deadFeatures() > counts.features() || counts.storedContexts() < 0
                || counts.storedContexts() > counts.contexts() || counts.exampleValues() < 0
                || counts.exampleValues() > ExamplePass.MAX_VALUES || settings.contextSize() < 2) {
            throw damaged(dir, "the counts do not fit together: " + counts + " for an SAE of " + sae.dSae()
                    + " features and contexts of " + settings.contextSize() + " tokens");
        }
    }

    private static InvalidInputException damaged(Path dir, String why) {
        return StoreFile.damaged(dir, FILE, why);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
