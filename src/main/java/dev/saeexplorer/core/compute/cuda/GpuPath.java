package dev.saeexplorer.core.compute.cuda;

/**
 * Which engine trains on a GPU of a given compute capability, and why, from what this build carries.
 *
 * @param kind   the engine
 * @param reason one sentence for people (status bar, {@code --json} notices); names the GPU's capability
 */
public record GpuPath(Kind kind, String reason) {

    public enum Kind {
        /** ND4J's nd4j-cuda-11.6 backend. */
        ND4J_CUDA,
        /** Our NVRTC-compiled CUDA 13 kernels. */
        CUDA13,
        /** No usable GPU path: the CPU. */
        CPU
    }

    /**
     * The choice: ND4J's CUDA backend where its machine code runs (it is the path that has run on hardware), else the
     * CUDA 13 kernels where they run and are enabled, else the CPU with the reason.
     *
     * @param arch          the device's capability, null when no NVIDIA GPU answered
     * @param nd4jCuda      whether this build carries nd4j-cuda-11.6 (the {@code cuda} profile)
     * @param cuda13Enabled whether the CUDA 13 engine may be used (off until it has been verified on hardware)
     */
    public static GpuPath choose(GpuArch arch, boolean nd4jCuda, boolean cuda13Enabled) {
        if (arch == null) {
            return new GpuPath(Kind.CPU, "no NVIDIA GPU answered");
        }
        if (nd4jCuda && arch.runsNd4jCuda116()) {
            return new GpuPath(Kind.ND4J_CUDA, "compute capability " + arch + " runs ND4J's CUDA 11.6 backend");
        }
        if (cuda13Enabled && arch.runsCuda13Kernels()) {
            return new GpuPath(Kind.CUDA13, "compute capability " + arch + " runs the CUDA 13 kernels (NVRTC, "
                    + arch.sm() + ")");
        }
        StringBuilder why = new StringBuilder("compute capability " + arch);
        if (!arch.runsNd4jCuda116()) {
            why.append(" is outside ND4J's CUDA 11.6 build (3.7–8.x)");
        } else if (!nd4jCuda) {
            why.append(" would run ND4J's CUDA backend, but this build has only the CPU backend (build with"
                    + " 'mvn -Pcuda package')");
        }
        if (!arch.runsCuda13Kernels()) {
            why.append(" and older than CUDA 13's oldest (7.5)");
        } else if (!cuda13Enabled) {
            why.append("; the CUDA 13 backend for it is built but not yet verified on hardware");
        }
        return new GpuPath(Kind.CPU, why.toString());
    }
}
