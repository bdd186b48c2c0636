package dev.saeexplorer.core.compute;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend this process computes on, and a description of it for people. ND4J picks its backend from the
 * classpath (nd4j-native by default, nd4j-cuda with the {@code cuda} Maven profile), so choosing a device means
 * checking that the loaded backend matches the request.
 *
 * @param device   the device actually in use
 * @param name     the backend's name, e.g. "nd4j-native"
 * @param details  a one-line description (BLAS vendor, device name)
 * @param notice   non-null when the requested device could not be used and the CPU was used instead
 */
public record ComputeBackend(Device device, String name, String details, String notice) {

    /** Training runs in float32 (design/ARCHITECTURE.md); theory and metrics are float64 in plain Java. */
    public static final DataType TRAINING_DTYPE = DataType.FLOAT;

    /**
     * Starts ND4J and checks the requested device.
     *
     * @param fallbackToCpu when CUDA is requested but not available, use the CPU with a notice instead of failing
     */
    public static ComputeBackend select(Device requested, boolean fallbackToCpu) {
        Nd4j.setDefaultDataTypes(TRAINING_DTYPE, TRAINING_DTYPE);
        String backendClass = Nd4j.getBackend().getClass().getSimpleName();
        boolean cudaLoaded = backendClass.toLowerCase().contains("cu");
        Device loaded = cudaLoaded ? Device.CUDA : Device.CPU;
        String name = cudaLoaded ? "nd4j-cuda" : "nd4j-native";
        String details = describe(loaded);
        if (requested == loaded) {
            return new ComputeBackend(loaded, name, details, null);
        }
        String why = Nd4jStart.hasCudaBackend()
                ? (Nd4jStart.cudaSkipReason() != null ? Nd4jStart.cudaSkipReason()
                        : "ND4J's CUDA backend could not start")
                : "this build has only the CPU backend (build with 'mvn -Pcuda package')";
        if (requested == Device.CUDA && fallbackToCpu) {
            return new ComputeBackend(loaded, name, details, "CUDA was requested but " + why + "; computing on the CPU");
        }
        if (requested == Device.CUDA) {
            throw InvalidInputException.worded(Param.DEVICE, Param.DEVICE, " cuda: " + why + "; choose ",
                    Param.FALLBACK_CPU, " to compute on the CPU");
        }
        // A -Pcuda build carries both backends and ND4J prefers CUDA when a GPU answers; it decides once per process,
        // from the environment only.
        throw InvalidInputException.of(Param.DEVICE, "cpu: ND4J started on the GPU in this process; to compute on the CPU"
                + " start again with BACKEND_PRIORITY_CPU=1000 in the environment");
    }

    private static String describe(Device device) {
        if (device == Device.CPU) {
            return "CPU, " + Runtime.getRuntime().availableProcessors() + " cores";
        }
        Object props = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
        return "CUDA " + (props == null ? "" : props);
    }
}
