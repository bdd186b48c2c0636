package dev.saeexplorer.core.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's CI check without a GPU: every kernel of {@code sae_train.cu} compiles with NVRTC (CUDA 13.3) to machine
 * code for Turing (sm_75), Ada (sm_89), Hopper (sm_90) and Blackwell (sm_120). Runs {@link NvrtcKernelsMain} in a
 * separate JVM: the CUDA 13 presets need JavaCPP 1.5.14, this JVM has ND4J's 1.5.7, and the stub libcuda.so.1 must not
 * be loaded into the JVM where other tests ask whether a driver exists.
 */
class NvrtcKernelsTest {
    private static List<String> lines;

    @BeforeAll
    static void compileInItsOwnJvm() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "the CUDA 13 natives here are linux-x86_64");
        Path libs = Paths.get("target", "cuda13-lib");
        Path stub = Paths.get("target", "test-classes", "cuda-stub", "libcuda.so.1").toAbsolutePath();
        assertThat(libs).as("maven-dependency-plugin's copy-cuda13-libs (process-test-classes)").isDirectory();
        assertThat(stub).exists();
        String classPath = String.join(File.pathSeparator, Paths.get("target", "classes").toString(),
                Paths.get("target", "test-classes").toString(), libs + File.separator + "*");
        Path out = Files.createTempFile("nvrtc", ".txt");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, NvrtcKernelsMain.class.getName(), stub.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // Waits for the child's exit, however long a busy machine takes to unpack NVRTC (about 100 MB) on a first run.
        int exit = p.waitFor();
        lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        assertThat(exit).as("NVRTC run: %s", lines).isZero();
    }

    @Test
    void everyKernelCompilesToMachineCodeForTuringAdaHopperAndBlackwell() {
        for (GpuArch arch : GpuArch.CI_TARGETS) {
            assertThat(lines).as("output: %s", lines).anySatisfy(line -> assertThat(line)
                    .startsWith("compiled " + arch.sm() + " ").contains(" elf true missing none"));
        }
    }

    @Test
    void kernelsCompileWithoutWarnings() {
        assertThat(lines.stream().filter(l -> l.startsWith("compiled "))).hasSize(GpuArch.CI_TARGETS.size())
                .allSatisfy(l -> assertThat(l).endsWith(" log clean"));
    }

    @Test
    void aSourceThatDoesNotCompileComesBackWithNvrtcsLog() {
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("broken refused broken.cu does not compile"
                + " for sm_75").contains("undefined_name"));
    }
}
