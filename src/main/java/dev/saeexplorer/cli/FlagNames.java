package dev.saeexplorer.cli;

import dev.saeexplorer.core.Param;
import dev.saeexplorer.core.ParamNames;

/**
 * How the CLI names the core's parameters in its errors: by the flag that sets each. The flags of design/CLI.md are the
 * parameters' keys in kebab case ({@code deadWindow} → {@code --dead-window}, {@code lr} → {@code --lr}), so the table
 * is that one rule; a test checks every flag it yields is an option of some command.
 */
final class FlagNames implements ParamNames {
    static final FlagNames TABLE = new FlagNames();

    private FlagNames() {
    }

    @Override
    public String nameOf(Param param) {
        return "--" + param.key().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The flag of {@code param}, for messages the CLI writes itself. */
    static String of(Param param) {
        return TABLE.nameOf(param);
    }
}
