package dev.saeexplorer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.MatrixJson;
import dev.saeexplorer.core.io.checkpoint.CheckpointLoader;
import dev.saeexplorer.core.io.checkpoint.LoadedCheckpoint;
import dev.saeexplorer.core.sae.SaeModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code encode --sae PATH --x X}: an SAE's features and reconstruction of given input rows, through
 * {@link SaeModel#encode} and {@link SaeModel#decode(INDArray, INDArray)}, for every checkpoint format (CLI.md).
 */
@Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Encode input rows with an SAE checkpoint of any readable format (SAELens, sparsify, OpenAI,"
                + " dictionary_learning, Gemma Scope, Llama Scope): features and reconstruction.")
public final class EncodeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    CommonOptions common;

    @Option(names = "--sae", required = true, description = "The checkpoint: a folder, a file in it, a .pt or an .npz.")
    Path sae;

    @Option(names = "--x", required = true, description = "Inputs: a JSON vector (one row of d_in values) or matrix"
            + " (one row per input), inline or a path to a JSON file.")
    String x;

    public EncodeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.setDebug(common.debug);
        double[][] rows = MatrixJson.rows(x, FlagNames.of(Param.X));
        LoadedCheckpoint c = CheckpointLoader.load(sae);
        if (rows[0].length != c.dIn()) {
            throw InvalidInputException.worded(Param.X, Param.X, " has " + rows[0].length + " values per row but the"
                    + " SAE's d_in is " + c.dIn());
        }
        float[][] in = new float[rows.length][c.dIn()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                in[i][j] = (float) rows[i][j];
                if (!Float.isFinite(in[i][j])) {
                    throw InvalidInputException.worded(Param.X, Param.X, "[" + i + "][" + j + "] = " + rows[i][j]
                            + " is beyond float32's range");
                }
            }
        }
        SaeModel model = c.model();
        INDArray input = Nd4j.createFromArray(in);
        INDArray features = model.encode(input);
        INDArray reconstruction = model.decode(features, input);
        double[][] f = features.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] r = reconstruction.castTo(DataType.DOUBLE).toDoubleMatrix();
        if (common.json) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("format", c.format().id());
            o.put("architecture", c.architecture());
            o.put("dIn", c.dIn());
            o.put("dSae", c.dSae());
            o.set("features", matrix(o, f));
            o.set("reconstruction", matrix(o, r));
            ctx.printJson(o);
        } else {
            print(c, rows, f, r);
        }
        return Cli.OK;
    }

    /** Rows of numbers; a value that cannot be computed (overflow) is null, as CLI.md asks. */
    private static ArrayNode matrix(ObjectNode owner, double[][] m) {
        ArrayNode rows = owner.arrayNode();
        for (double[] row : m) {
            ArrayNode a = rows.addArray();
            for (double v : row) {
                if (Double.isFinite(v)) {
                    a.add(v);
                } else {
                    a.addNull();
                }
            }
        }
        return rows;
    }

    private void print(LoadedCheckpoint c, double[][] x, double[][] f, double[][] r) {
        PrintWriter out = ctx.out();
        out.printf("%s, %s, d_in %d, d_sae %d%n", c.format().id(), c.model().activation().describe(c.architecture()),
                c.dIn(), c.dSae());
        for (int i = 0; i < f.length; i++) {
            StringBuilder active = new StringBuilder();
            int count = 0;
            for (int j = 0; j < f[i].length; j++) {
                if (f[i][j] != 0) {
                    if (count < 20) {
                        active.append(count == 0 ? "" : ", ").append(j).append(": ").append(Tables.number(f[i][j]));
                    }
                    count++;
                }
            }
            double err = 0;
            double norm = 0;
            for (int j = 0; j < r[i].length; j++) {
                err += (x[i][j] - r[i][j]) * (x[i][j] - r[i][j]);
                norm += x[i][j] * x[i][j];
            }
            out.printf(Locale.ROOT, "row %d: %d active feature%s%s%n", i, count, count == 1 ? "" : "s",
                    count == 0 ? "" : " (" + active + (count > 20 ? ", ..." : "") + ")");
            out.printf(Locale.ROOT, "       reconstruction error ‖x − x̂‖² %s (‖x‖² %s)%n", Tables.number(err),
                    Tables.number(norm));
        }
        out.flush();
    }
}
