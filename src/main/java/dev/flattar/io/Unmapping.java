package dev.flattar.io;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Releases a file mapping at once instead of when the collector finds its buffer: pages of a
 * mapping count as the process's memory for as long as it lasts. Java 17 has no public way to do
 * this; the JDK's own {@code sun.misc.Unsafe.invokeCleaner} does it (looked up by reflection, so
 * nothing is compiled against it). Where that is not available, {@link #available} is false and
 * callers read the file instead of mapping it.
 */
final class Unmapping {
  private static final @Nullable MethodHandle INVOKE_CLEANER = lookUp();

  private Unmapping() {}

  static boolean available() {
    return INVOKE_CLEANER != null;
  }

  /** Unmaps {@code mapped}, which must not be used again. */
  static void unmap(ByteBuffer mapped) {
    MethodHandle cleaner = INVOKE_CLEANER;
    if (cleaner == null) {
      throw new IllegalStateException("mappings cannot be released in this JVM");
    }
    try {
      cleaner.invokeExact(mapped);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not release a file mapping", e);
    }
  }

  private static @Nullable MethodHandle lookUp() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      return MethodHandles.lookup()
          .findVirtual(
              unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(theUnsafe.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
