package dev.saeexplorer.core.compute;

import dev.saeexplorer.core.InvalidInputException;
import dev.saeexplorer.core.Param;
import java.util.Locale;

/** Where heavy compute runs. */
public enum Device {
    CPU, CUDA;

    public static Device parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.worded(Param.DEVICE, "unknown ", Param.DEVICE, " '" + text + "': use cpu or cuda");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
