package dev.saeexplorer.core.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saeexplorer.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class GpuPathTest {

    @Test
    void capabilitiesParseAsNvidiaWritesThem() {
        assertThat(GpuArch.parse("9.0")).isEqualTo(new GpuArch(9, 0));
        assertThat(GpuArch.parse("sm_120")).isEqualTo(new GpuArch(12, 0));
        assertThat(GpuArch.parse("compute_89")).isEqualTo(new GpuArch(8, 9));
        assertThat(GpuArch.parse(" 75 ").sm()).isEqualTo("sm_75");
        for (String bad : new String[] {"", "sm_", "9", "x.y", "-1.0", "9.10", null}) {
            assertThatThrownBy(() -> GpuArch.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("compute capability");
        }
    }

    @Test
    void nd4jsCuda116RunsKeplerToAdaAndTheCuda13KernelsTuringOnwards() {
        assertThat(GpuArch.parse("3.5").runsNd4jCuda116()).isFalse();
        assertThat(GpuArch.parse("3.7").runsNd4jCuda116()).isTrue();
        assertThat(GpuArch.parse("8.9").runsNd4jCuda116()).isTrue(); // 8.6 machine code runs on 8.9
        assertThat(GpuArch.parse("9.0").runsNd4jCuda116()).isFalse(); // H100/H200: no code, no PTX
        assertThat(GpuArch.parse("12.0").runsNd4jCuda116()).isFalse();
        assertThat(GpuArch.parse("7.0").runsCuda13Kernels()).isFalse();
        assertThat(GpuArch.parse("7.5").runsCuda13Kernels()).isTrue();
        assertThat(GpuArch.parse("12.1").runsCuda13Kernels()).isTrue();
    }

    @Test
    void noGpuMeansTheCpu() {
        GpuPath path = GpuPath.choose(null, true, true);
        assertThat(path.kind()).isEqualTo(GpuPath.Kind.CPU);
        assertThat(path.reason()).isEqualTo("no NVIDIA GPU answered");
    }

    @Test
    void nd4jWhereItRunsThenCuda13ThenTheCpuWithTheReason() {
        assertThat(GpuPath.choose(GpuArch.parse("8.6"), true, true).kind()).isEqualTo(GpuPath.Kind.ND4J_CUDA);
        assertThat(GpuPath.choose(GpuArch.parse("8.6"), false, true).kind()).isEqualTo(GpuPath.Kind.CUDA13);
        assertThat(GpuPath.choose(GpuArch.parse("9.0"), true, true).kind()).isEqualTo(GpuPath.Kind.CUDA13);
        assertThat(GpuPath.choose(GpuArch.parse("9.0"), true, true).reason()).contains("sm_90");

        GpuPath hopperToday = GpuPath.choose(GpuArch.parse("9.0"), true, false);
        assertThat(hopperToday.kind()).isEqualTo(GpuPath.Kind.CPU);
        assertThat(hopperToday.reason()).isEqualTo("compute capability 9.0 is outside ND4J's CUDA 11.6 build (3.7–8.x);"
                + " the CUDA 13 backend for it is built but not yet verified on hardware");

        GpuPath ampereCpuBuild = GpuPath.choose(GpuArch.parse("8.0"), false, false);
        assertThat(ampereCpuBuild.kind()).isEqualTo(GpuPath.Kind.CPU);
        assertThat(ampereCpuBuild.reason()).contains("mvn -Pcuda package").contains("not yet verified");

        GpuPath maxwell = GpuPath.choose(GpuArch.parse("5.2"), false, true);
        assertThat(maxwell.kind()).isEqualTo(GpuPath.Kind.CPU);
        assertThat(maxwell.reason()).contains("older than CUDA 13's oldest (7.5)");
    }
}
