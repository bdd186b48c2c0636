package dev.saeexplorer.core.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

/** The CPU-only build and the words for a CUDA probe that failed (texts as ND4J 1.0.0-M2.1 and JavaCPP print them). */
class Nd4jStartTest {

    @Test
    void theDefaultBuildHasNoCudaBackendAndStartsNothingUpFront() {
        assertFalse(Nd4jStart.hasCudaBackend());
        Nd4jStart.start(false);
        assertNull(Nd4jStart.cudaSkipReason());
        ComputeBackend cpu = ComputeBackend.select(Device.CPU, false);
        assertEquals(Device.CPU, cpu.device());
        assertNull(cpu.notice());
        ComputeBackend fallback = ComputeBackend.select(Device.CUDA, true);
        assertEquals(Device.CPU, fallback.device());
        assertTrue(fallback.notice().contains("only the CPU backend") && fallback.notice().contains("-Pcuda"),
                fallback::notice);
        InvalidInputException refused = Assertions.assertThrows(InvalidInputException.class,
                () -> ComputeBackend.select(Device.CUDA, false));
        assertTrue(refused.getMessage().contains("-Pcuda"), refused::getMessage);
    }

    @Test
    void aFailedProbeBecomesOneReason() {
        String noDriver = "java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/"
                + "bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such"
                + " file or directory\n\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)\n"
                + "[main] WARN org.nd4j.linalg.factory.Nd4jBackend - Skipped [JCublasBackend] backend (unavailable)";
        assertEquals("no NVIDIA driver was found (libcuda.so.1)", Nd4jStart.reason(noDriver));
        String noRuntime = "java.lang.UnsatisfiedLinkError: no jnicudart in java.library.path: libcudart.so.11.0: cannot"
                + " open shared object file";
        assertEquals("the CUDA 11 libraries ND4J's CUDA backend needs were not found (libcudart.so.11.0)",
                Nd4jStart.reason(noRuntime));
        assertTrue(Nd4jStart.reason("").contains("--debug"));
    }
}
