package dev.saeexplorer.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The embedded defaults: the files of {@code sample-data/}, packed into the jar by the build. */
public final class SampleData {
    private SampleData() {
    }

    /** The text of {@code sample-data/<name>}. */
    public static String text(String name) {
        try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the build did not pack sample-data/" + name + " into the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded sample-data/" + name, e);
        }
    }
}
