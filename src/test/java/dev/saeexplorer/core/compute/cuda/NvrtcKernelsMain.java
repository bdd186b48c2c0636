package dev.saeexplorer.core.compute.cuda;

import java.nio.charset.StandardCharsets;

/**
 * Run by {@link NvrtcKernelsTest} in a JVM of its own (JavaCPP 1.5.14 on the class path, no ND4J): loads the stub
 * {@code libcuda.so.1} named by the first argument, compiles {@code sae_train.cu} for every CI architecture and prints
 * one line a check, then a deliberately broken source to show that errors come back with NVRTC's log.
 */
public final class NvrtcKernelsMain {
    private NvrtcKernelsMain() {
    }

    public static void main(String[] args) {
        System.load(args[0]);
        String source = CudaKernels.source();
        for (GpuArch arch : GpuArch.CI_TARGETS) {
            NvrtcCompiler.Module module = NvrtcCompiler.compile(source, CudaKernels.FILE, arch);
            String elf = new String(module.cubin(), StandardCharsets.ISO_8859_1);
            StringBuilder missing = new StringBuilder();
            for (String name : CudaKernels.NAMES) {
                // A kernel's symbol is its name NUL-terminated in the cubin's string table.
                if (!elf.contains(name + '\0')) {
                    missing.append(' ').append(name);
                }
            }
            System.out.println("compiled " + arch.sm() + " bytes " + module.cubin().length + " elf "
                    + elf.startsWith("\u007fELF") + " missing" + (missing.length() == 0 ? " none" : missing)
                    + " log " + (module.log().isEmpty() ? "clean" : module.log().replace('\n', ' ')));
        }
        try {
            NvrtcCompiler.compile("extern \"C\" __global__ void broken(float* x) { x[0] = undefined_name; }",
                    "broken.cu", GpuArch.CI_TARGETS.get(0));
            System.out.println("broken compiled");
        } catch (NvrtcCompiler.CompileException e) {
            System.out.println("broken refused " + e.getMessage().replace('\n', ' '));
        }
    }
}
