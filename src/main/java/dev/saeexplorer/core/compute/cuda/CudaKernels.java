package dev.saeexplorer.core.compute.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CUDA C source of the GPU training step ({@code sae_train.cu}) and the names of its kernels. */
public final class CudaKernels {
    public static final String FILE = "sae_train.cu";
    /** Every {@code extern "C" __global__} function of the source, as the host launches them. */
    public static final List<String> NAMES = List.of("sae_sgemm", "sae_sample_uniform", "sae_center",
            "sae_bias_activate", "sae_topk", "sae_residual", "sae_l1_mask", "sae_aux_activate", "sae_column_sum",
            "sae_fired", "sae_adam", "sae_renorm_rows");

    private CudaKernels() {
    }

    public static String source() {
        try (InputStream in = CudaKernels.class.getResourceAsStream("/dev/saeexplorer/cuda/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
