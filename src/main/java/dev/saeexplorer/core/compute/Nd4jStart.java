package dev.saeexplorer.core.compute;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J once, up front, in a build that carries the CUDA backend ({@code mvn -Pcuda}). There ND4J probes the GPU
 * when it starts and, on a machine without a usable one, prints the probe's stack trace before falling back to the
 * CPU; that text is captured here and kept as one reason ({@link #cudaSkipReason}) instead of reaching the user. The
 * default build has no CUDA backend and starts ND4J lazily wherever it is first used.
 */
public final class Nd4jStart {
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static boolean started;
    private static volatile String cudaSkipReason;

    private Nd4jStart() {
    }

    /** Whether this build carries ND4J's CUDA backend (without loading it). */
    public static boolean hasCudaBackend() {
        try {
            Class.forName(CUDA_BACKEND, false, Nd4jStart.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts ND4J now if this build carries the CUDA backend; a no-op otherwise and after the first call.
     *
     * @param echo pass ND4J's start-up output through (for {@code --debug}) instead of only keeping its reason
     */
    public static synchronized void start(boolean echo) {
        if (started || !hasCudaBackend()) {
            started = true;
            return;
        }
        started = true;
        PrintStream err = System.err;
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        System.setErr(new PrintStream(seen, true, StandardCharsets.UTF_8));
        String backend;
        try {
            backend = Nd4j.getBackend().getClass().getSimpleName();
        } finally {
            System.setErr(err);
        }
        String text = seen.toString(StandardCharsets.UTF_8);
        if (!backend.toLowerCase(java.util.Locale.ROOT).contains("cu")) {
            cudaSkipReason = reason(text);
        }
        if (echo) {
            err.print(text);
        }
    }

    /** Why the CUDA backend of this build did not start, or null (it started, or the build has none). */
    public static String cudaSkipReason() {
        return cudaSkipReason;
    }

    /** One line for people from what ND4J and JavaCPP printed while the CUDA probe failed. */
    static String reason(String text) {
        if (text.contains("libcuda.so.1") || text.contains("nvcuda.dll")) {
            return "no NVIDIA driver was found (libcuda.so.1)";
        }
        for (String lib : new String[] {"libcudart.so", "libcublas.so", "libcusolver.so", "cudart64", "cublas64"}) {
            int at = text.indexOf(lib);
            if (at >= 0) {
                int end = at;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ':') {
                    end++;
                }
                return "the CUDA 11 libraries ND4J's CUDA backend needs were not found (" + text.substring(at, end) + ")";
            }
        }
        if (text.contains("cudaErrorInsufficientDriver")) {
            return "the NVIDIA driver is older than CUDA 11.6 needs";
        }
        if (text.contains("no kernel image") || text.contains("cudaErrorNoKernelImageForDevice")) {
            return "this GPU is newer than ND4J's CUDA 11.6 backend supports (compute capability above 8.6)";
        }
        return "ND4J's CUDA backend could not start (run with --debug for its output)";
    }
}
