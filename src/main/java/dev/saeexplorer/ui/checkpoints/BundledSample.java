package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.ui.common.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checkpoints packed into the jar from {@code sample-data/checkpoints/}: SAELens-layout folders trained on the
 * toy model, so the inspector has something to show with no files on disk. The loader reads folders, so a sample is
 * copied to a fresh temporary folder (a few kilobytes) each time it is opened.
 */
public enum BundledSample implements SessionId {
    TOY_SAE("toy-sae", "toy SAE"),
    TOY_WSAE("toy-wsae", "toy WSAE");

    /** Files a sample may have; cfg.json and the weights must be there, the rest only when the build packed them. */
    private static final List<String> REQUIRED = List.of("cfg.json", "sae_weights.safetensors");
    private static final List<String> OPTIONAL = List.of("sparsity.safetensors", "metrics.json");

    private final String id;
    private final String title;

    BundledSample(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The folder name under {@code sample-data/checkpoints/}, also its key in session files. */
    @Override
    public String id() {
        return id;
    }

    /** For menus and the configuration table: "Bundled sample (toy SAE)". */
    public String label() {
        return "Bundled sample (" + title + ")";
    }

    /** A short name for table headers: "toy SAE". */
    public String title() {
        return title;
    }

    public static BundledSample byId(String id) {
        BundledSample s = SessionId.find(BundledSample.class, id);
        if (s != null) {
            return s;
        }
        throw new InvalidInputException("no bundled checkpoint is called '" + id + "' (toy-sae, toy-wsae)");
    }

    /** The label of a "bundled:" key, or the key itself when no sample has that id. */
    public static String labelOf(String key) {
        for (BundledSample s : values()) {
            if (key.equals("bundled:" + s.id)) {
                return s.label();
            }
        }
        return key;
    }

    /** Copies the sample into a new temporary folder (removed when the app exits) and returns the folder. */
    public Path unpack() {
        try {
            Path dir = Files.createTempDirectory("sae-explorer-" + id + "-");
            dir.toFile().deleteOnExit();
            for (String name : REQUIRED) {
                copy(name, dir, true);
            }
            for (String name : OPTIONAL) {
                copy(name, dir, false);
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidInputException("cannot unpack the bundled checkpoint " + id + " into the temporary "
                    + "folder: " + e.getMessage(), e);
        }
    }

    private void copy(String name, Path dir, boolean required) throws IOException {
        String resource = "/sample-data/checkpoints/" + id + "/" + name;
        try (InputStream in = BundledSample.class.getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("the build did not pack " + resource + " into the jar");
                }
                return;
            }
            Path target = dir.resolve(name);
            Files.copy(in, target);
            target.toFile().deleteOnExit();
        }
    }
}
