package dev.saeexplorer.core.io;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/** Releasing memory maps at once, shared by the safetensors reader and the PyTorch/NumPy file regions. */
public final class MappedBuffers {
    private static final MethodHandle INVOKE_CLEANER = findCleaner();

    private MappedBuffers() {
    }

    /**
     * Releases a mapping now instead of at some later GC; on Windows a live mapping stops the file from being
     * replaced, e.g. by {@link SafetensorsWriter}'s atomic rename. Silently a no-op where the JDK hook is missing
     * (the GC then unmaps it). The buffer must not be touched afterwards.
     */
    public static void unmap(MappedByteBuffer map) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) map);
        } catch (Throwable ignored) {
            // The GC will unmap it eventually.
        }
    }

    private static MethodHandle findCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
