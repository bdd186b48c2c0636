package dev.saeexplorer.core.features;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A feature store opened from its folder: the per-feature statistics, histograms and example contexts a dashboard
 * shows, answered without the model or the corpus (the store keeps the examples' token ids; decode them with the
 * model's tokenizer, GPT-2's r50k_base for every GPT-2 model, see {@link StoreIdentity.Model#tokenizer()}).
 * Build one with {@link FeatureStoreBuild}. Immutable.
 */
public final class FeatureStore {
    private final Path dir;
    private final StoreManifest manifest;
    private final StoreContents contents;
    /** Where each filled slot's activations start in {@code contents.activations()}. */
    private final int[] offset;

    private FeatureStore(Path dir, StoreManifest manifest, StoreContents contents) {
        this.dir = dir;
        this.manifest = manifest;
        this.contents = contents;
        this.offset = new int[contents.slotContext().length];
        contents.forEachExample((slot, from, to) -> offset[slot] = from);
    }

    /**
     * Opens the store in {@code dir}, checking its manifest, the array file's SHA-256 and every array's shape and
     * indices: a damaged store is an {@link InvalidInputException}, never a wrong answer.
     */
    public static FeatureStore open(Path dir) {
        StoreFile.Opened opened = StoreFile.read(dir);
        return new FeatureStore(dir, opened.manifest(), opened.contents());
    }

    /** The folder it was opened from. */
    public Path directory() {
        return dir;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    public int features() {
        return contents.features();
    }

    /** Refuses to answer for another model: the store's examples and statistics are that model's. */
    public void checkModel(StoreIdentity.Model model) {
        manifest.identity().checkModel(dir.toString(), model);
    }

    public void checkSae(StoreIdentity.Sae sae) {
        manifest.identity().checkSae(dir.toString(), sae);
    }

    public void checkCorpus(StoreIdentity.Source corpus) {
        manifest.identity().checkCorpus(dir.toString(), corpus);
    }

    /** A feature's statistics alone, without decoding its examples: for tables of every feature. */
    public record Stats(double density, float maxActivation, double meanActivation) {
    }

    private void checkFeature(int feature) {
        if (feature < 0 || feature >= features()) {
            throw InvalidInputException.of(Param.FEATURE, "must be from 0 to " + (features() - 1) + " (the SAE has "
                    + features() + " features), got " + feature);
        }
    }

    /** {@link Stats} of one feature. */
    public Stats stats(int feature) {
        checkFeature(feature);
        return new Stats(contents.density()[feature], contents.max()[feature], contents.mean()[feature]);
    }

    /** {@link Stats} of every feature, in feature order. */
    public List<Stats> stats() {
        List<Stats> out = new ArrayList<>(features());
        for (int j = 0; j < features(); j++) {
            out.add(new Stats(contents.density()[j], contents.max()[j], contents.mean()[j]));
        }
        return out;
    }

    /** Everything the store knows of feature {@code feature}. */
    public FeatureReport feature(int feature) {
        checkFeature(feature);
        FeatureReport.Example[] slots = examples(feature);
        int topK = contents.topK();
        List<FeatureReport.Example> top = filled(slots, 0, topK);
        List<FeatureReport.QuantileBand> bands = new ArrayList<>();
        for (int b = 0; b < QuantileSampler.BANDS; b++) {
            int from = topK + b * QuantileSampler.PER_BAND;
            List<FeatureReport.Example> sampled = filled(slots, from, from + QuantileSampler.PER_BAND);
            if (!sampled.isEmpty()) {
                bands.add(new FeatureReport.QuantileBand(1 - (b + 1) / (double) QuantileSampler.BANDS,
                        1 - b / (double) QuantileSampler.BANDS, sampled));
            }
        }
        return new FeatureReport(feature, contents.density()[feature], contents.max()[feature],
                contents.mean()[feature], contents.histograms()[feature], top, bands);
    }

    /** The feature's slots as examples, null where empty. */
    private FeatureReport.Example[] examples(int feature) {
        int slots = contents.slots();
        FeatureReport.Example[] out = new FeatureReport.Example[slots];
        for (int i = 0; i < slots; i++) {
            int slot = feature * slots + i;
            int context = contents.slotContext()[slot];
            if (context >= 0) {
                int[] ids = contents.tokensOf(context);
                out[i] = new FeatureReport.Example(context, ids,
                        Arrays.copyOfRange(contents.activations(), offset[slot], offset[slot] + ids.length),
                        contents.slotMax()[slot], contents.slotPosition()[slot]);
            }
        }
        return out;
    }

    private static List<FeatureReport.Example> filled(FeatureReport.Example[] slots, int from, int to) {
        return Arrays.stream(slots, from, to).filter(Objects::nonNull).toList();
    }
}
