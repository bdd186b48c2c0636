package dev.saeexplorer.core.io.checkpoint;

import dev.saeexplorer.core.io.Json;
import dev.saeexplorer.core.io.npy.NpzReader;
import dev.saeexplorer.core.sae.Activation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google DeepMind's Gemma Scope: {@code params.npz} ({@code W_enc} [d_model, d_sae], {@code W_dec} [d_sae, d_model],
 * {@code b_enc} [d_sae], {@code b_dec} [d_model], {@code threshold} [d_sae]) in a folder
 * {@code layer_L/width_W/average_l0_N/} of a repository such as {@code gemma-scope-2b-pt-res}. Encoding, as their
 * tutorial's {@code JumpReLUSAE}: pre = x·W_enc + b_enc (b_dec is not subtracted), f = 1[pre &gt; threshold]·ReLU(pre),
 * x̂ = f·W_dec + b_dec. Layer, width and average L0 come from the path; the hook from the repository's name when the
 * path holds it ({@code -res} → {@code blocks.L.hook_resid_post}, {@code -mlp} → {@code blocks.L.hook_mlp_out},
 * {@code -att} → {@code blocks.L.attn.hook_z}).
 */
final class GemmaScopeReader implements CheckpointReader {
    static final String WEIGHTS = "params.npz";
    private static final Pattern LAYER = Pattern.compile("^layer_(\\d+)$");
    private static final Pattern WIDTH = Pattern.compile("^width_(\\d+)([km]?)$");
    private static final Pattern L0 = Pattern.compile("^average_l0_(\\d+)$");
    private static final Pattern REPO = Pattern.compile("gemma-scope-(\\d+b)-(pt|it)-(res|mlp|att)(?:$|[-_])");

    @Override
    public String expects() {
        return WEIGHTS + " (Gemma Scope)";
    }

    @Override
    public boolean recognises(CheckpointLocation at) {
        if (at.file() != null) {
            return at.fileEndsWith(".npz");
        }
        return at.has(WEIGHTS);
    }

    @Override
    public LoadedCheckpoint read(CheckpointLocation at) {
        Path file = at.file() != null ? at.file() : at.resolve(WEIGHTS);
        TensorSource w = TensorSource.of(NpzReader.read(file));
        ReadSupport.requireFor(w, "a Gemma Scope SAE", "W_enc", "W_dec", "b_enc", "b_dec", "threshold");
        Path dir = file.toAbsolutePath().getParent();
        Assembly a = new Assembly(CheckpointFormat.GEMMA_SCOPE, dir);
        a.weightsFile = file;
        a.config = Json.mapper().createObjectNode();
        a.log.inferred("gemma-scope: " + file.getFileName() + " with W_enc, W_dec, b_enc, b_dec and threshold");
        int dIn = ReadSupport.length(w, "b_dec");
        int dSae = ReadSupport.length(w, "b_enc");
        String dims = "d_in " + dIn + " from b_dec, d_sae " + dSae + " from b_enc";
        String fmt = CheckpointFormat.GEMMA_SCOPE.id();
        a.wEnc = ReadSupport.matrix(w, "W_enc", "W_enc", dIn, dSae, false, "[d_model, d_sae]", fmt, dims, a.log);
        a.wDec = ReadSupport.matrix(w, "W_dec", "W_dec", dSae, dIn, false, "[d_sae, d_model]", fmt, dims, a.log);
        a.bEnc = ReadSupport.vector(w, "b_enc", dSae, "d_sae", dims);
        a.bDec = ReadSupport.vector(w, "b_dec", dIn, "d_model", dims);
        double[] theta = ReadSupport.vector64(w, "threshold", dSae, "d_sae", dims);
        a.activation = SaeLensReader.perLatentJumpRelu(theta, a.log);
        a.architecture = "jumprelu";
        a.applyBDec = false;
        a.log.inferred("JumpReLU: 1[pre > threshold]·ReLU(pre), pre = x·W_enc + b_enc (b_dec not subtracted)");
        List<String> extra = new ArrayList<>(w.names());
        extra.removeAll(List.of("W_enc", "W_dec", "b_enc", "b_dec", "threshold"));
        if (!extra.isEmpty()) {
            a.log.note("arrays not part of a Gemma Scope SAE, ignored: " + OpenAiReader.describe(extra));
        }
        fromPath(dir, dSae, a);
        a.dtype = w.dtype("W_enc");
        return a.build();
    }

    /** layer_L/width_W/average_l0_N, and the repository's name above them when it is there. */
    private static void fromPath(Path dir, int dSae, Assembly a) {
        Path l0 = dir;
        Path width = l0 == null ? null : l0.getParent();
        Path layer = width == null ? null : width.getParent();
        Matcher ml0 = L0.matcher(name(l0));
        Matcher mw = WIDTH.matcher(name(width));
        Matcher ml = LAYER.matcher(name(layer));
        if (!(ml0.matches() && mw.matches() && ml.matches())) {
            a.log.inferred("no layer or width: the path is not Gemma Scope's layer_L/width_W/average_l0_N/params.npz");
            return;
        }
        int l = Integer.parseInt(ml.group(1));
        a.hookLayer = l;
        long factor = switch (mw.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            default -> 1L;
        };
        long widthValue = Long.parseLong(mw.group(1)) * factor;
        a.log.inferred("layer " + l + ", width " + mw.group(1) + mw.group(2) + " and average L0 " + ml0.group(1)
                + " from the path");
        if (widthValue != dSae) {
            a.log.note("the path says width " + mw.group(1) + mw.group(2) + " (" + widthValue + ") but the SAE has "
                    + dSae + " features");
        }
        for (Path p = layer.getParent(); p != null; p = p.getParent()) {
            Matcher repo = REPO.matcher(name(p).toLowerCase(Locale.ROOT));
            if (repo.find()) {
                String site = switch (repo.group(3)) {
                    case "res" -> "hook_resid_post";
                    case "mlp" -> "hook_mlp_out";
                    default -> "attn.hook_z";
                };
                a.hookName = "blocks." + l + "." + site;
                a.modelName = "gemma-2-" + repo.group(1) + (repo.group(2).equals("it") ? "-it" : "");
                a.log.inferred("hook " + a.hookName + " and model " + a.modelName + " from the repository folder "
                        + name(p));
                return;
            }
        }
        a.log.inferred("no hook: no gemma-scope-<size>-<pt|it>-<res|mlp|att> folder in the path");
    }

    private static String name(Path p) {
        return p == null || p.getFileName() == null ? "" : p.getFileName().toString();
    }

}
