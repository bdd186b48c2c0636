package dev.saeexplorer.cli;

import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.Device;
import picocli.CommandLine.Option;

/** --device and --fallback-cpu. */
public final class DeviceOptions {
    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--fallback-cpu", description = "Compute on the CPU when CUDA cannot start instead of failing.")
    boolean fallbackCpu;

    ComputeBackend select(CliContext ctx) {
        ComputeBackend backend = ComputeBackend.select(Device.parse(device), fallbackCpu);
        if (backend.notice() != null) {
            ctx.err().println("notice: " + backend.notice());
        }
        return backend;
    }
}
