package dev.saeexplorer.core.compute.cuda;

import dev.saeexplorer.core.InvalidInputException;
import java.util.List;

/**
 * An NVIDIA compute capability (major.minor), e.g. 9.0 for H100/H200, and what can run on it.
 *
 * <p>Two GPU paths exist: ND4J's {@code nd4j-cuda-11.6} build, whose library holds machine code for 3.7–8.6 and no
 * PTX (machine code runs on the same major version at an equal or higher minor, so 8.6's also runs on Ada's 8.9); and
 * our CUDA 13 kernels ({@code sae_train.cu}), compiled by NVRTC for the exact device, for Turing (7.5) and later, the
 * oldest architecture CUDA 13 supports.
 */
public record GpuArch(int major, int minor) implements Comparable<GpuArch> {

    /** The architectures the CUDA 13 kernels are compiled for in CI: Turing, Ada, Hopper, Blackwell (consumer). */
    public static final List<GpuArch> CI_TARGETS = List.of(new GpuArch(7, 5), new GpuArch(8, 9), new GpuArch(9, 0),
            new GpuArch(12, 0));

    private static final GpuArch CUDA13_OLDEST = new GpuArch(7, 5);
    private static final GpuArch ND4J_OLDEST = new GpuArch(3, 7);
    private static final int ND4J_NEWEST_MAJOR = 8;

    public GpuArch {
        if (major < 1 || major > 99 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("not a compute capability: " + major + "." + minor);
        }
    }

    /** "9.0" or "sm_90"/"compute_90"/"90" as NVIDIA writes them. */
    public static GpuArch parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase();
        t = t.startsWith("sm_") ? t.substring(3) : t.startsWith("compute_") ? t.substring(8) : t;
        try {
            if (t.contains(".")) {
                String[] parts = t.split("\\.", 2);
                return new GpuArch(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
            if (t.length() >= 2) {
                return new GpuArch(Integer.parseInt(t.substring(0, t.length() - 1)),
                        Integer.parseInt(t.substring(t.length() - 1)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw InvalidInputException.of(dev.saeexplorer.core.Param.DEVICE,
                "not a compute capability: '" + text + "' (write it as 9.0 or sm_90)");
    }

    /** NVRTC's {@code --gpu-architecture} value for machine code of exactly this device. */
    public String sm() {
        return "sm_" + major + minor;
    }

    public boolean runsCuda13Kernels() {
        return compareTo(CUDA13_OLDEST) >= 0;
    }

    public boolean runsNd4jCuda116() {
        return compareTo(ND4J_OLDEST) >= 0 && major <= ND4J_NEWEST_MAJOR;
    }

    @Override
    public int compareTo(GpuArch o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
