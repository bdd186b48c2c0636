package dev.saeexplorer.core.io;

import dev.saeexplorer.core.toymodel.ToyModelResult;

/** The toy-model JSON file of design/CLI.md; {@code MatrixJson} reads its {@code wp} back as a W_p argument. */
public record ToyModelFile(int formatVersion, double[][] wp, double[] bias, int features, int dims, double sparsity,
                           double importance, double finalLoss) {
    public static final int FORMAT_VERSION = 1;

    public static ToyModelFile of(ToyModelResult r) {
        return new ToyModelFile(FORMAT_VERSION, r.wp(), r.bias(), r.config().features(), r.config().dims(),
                r.config().sparsity(), r.config().importance(), r.finalLoss());
    }

    public void write(java.nio.file.Path path) {
        AtomicFiles.write(path, out -> Json.pretty().writeValue(out, this));
    }
}
