package dev.saeexplorer.core.compute.cuda;

import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * CUDA C to machine code (a cubin) for one architecture with NVRTC, through JavaCPP's CUDA 13 presets. Needs no GPU:
 * NVRTC runs on the host. Loading JavaCPP's bindings needs a {@code libcuda.so.1} to link against, which a driver
 * provides (CI loads a stub with no functions, enough for compiling).
 *
 * <p>Not yet on the application's class path: the CUDA 13 presets need JavaCPP 1.5.14 while ND4J 1.0.0-M2.1 pins
 * 1.5.7, so the tests run this in a JVM of its own ({@code NvrtcKernelsTest}); see the README's GPU section.
 */
public final class NvrtcCompiler {

    private NvrtcCompiler() {
    }

    /** A compiled module: the cubin and NVRTC's log (warnings; empty when clean). */
    public record Module(GpuArch arch, byte[] cubin, String log) {
    }

    /** Thrown with NVRTC's log when the source does not compile. */
    public static final class CompileException extends RuntimeException {
        public CompileException(String message) {
            super(message);
        }
    }

    /** Compiles {@code source} (named {@code fileName} in messages) for {@code arch}, float32 with IEEE division. */
    public static Module compile(String source, String fileName, GpuArch arch) {
        Loader.load(nvrtc.class); // before any Pointer: it also loads JavaCPP's own natives
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(fileName), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "create");
        try {
            String[] options = {"--gpu-architecture=" + arch.sm(), "--std=c++17", "--fmad=true"};
            int status = nvrtcCompileProgram(program, options.length, new PointerPointer<>(options));
            String log = log(program);
            if (status != NVRTC_SUCCESS) {
                throw new CompileException(fileName + " does not compile for " + arch.sm() + ": "
                        + nvrtcGetErrorString(status).getString() + "\n" + log);
            }
            SizeTPointer size = new SizeTPointer(1);
            check(nvrtcGetCUBINSize(program, size), "cubin size");
            BytePointer cubin = new BytePointer(size.get());
            check(nvrtcGetCUBIN(program, cubin), "cubin");
            byte[] bytes = new byte[(int) size.get()];
            cubin.get(bytes);
            return new Module(arch, bytes, log);
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        check(nvrtcGetProgramLogSize(program, size), "log size");
        BytePointer log = new BytePointer(size.get());
        check(nvrtcGetProgramLog(program, log), "log");
        return log.getString().replace("\0", "").strip(); // the size counts the terminating NUL
    }

    private static void check(int status, String what) {
        if (status != NVRTC_SUCCESS) {
            throw new CompileException("NVRTC " + what + ": " + nvrtcGetErrorString(status).getString());
        }
    }
}
