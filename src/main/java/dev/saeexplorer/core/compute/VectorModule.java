package dev.saeexplorer.core.compute;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the classes written with {@code jdk.incubator.vector}, and only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launchers and tests do; plain {@code java -jar} does not), so that
 * every caller has a portable fallback instead of a NoClassDefFoundError.
 */
final class VectorModule {
    private static final Logger LOG = LoggerFactory.getLogger(VectorModule.class);

    private VectorModule() {
    }

    /** A new instance of {@code className} (a no-argument class of this package), or null without the module. */
    static <T> T instance(String className, Class<T> type) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("{} is unavailable ({}); using the portable code", className, e.toString());
            return null;
        }
    }
}
