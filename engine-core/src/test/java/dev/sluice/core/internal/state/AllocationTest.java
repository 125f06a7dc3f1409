package dev.sluice.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.state.StateCodecs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/**
 * Reading, updating and removing existing keys allocate nothing (counted with the JVM's per-thread
 * allocation counter; a byte count, not a duration). The counter is reached reflectively: the
 * tests are compiled against the module, which does not read {@code jdk.management}.
 */
class AllocationTest {
  static final int KEYS = 10_000;

  private static MethodHandle allocatedBytes() {
    try {
      Object bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
      if (!type.isInstance(bean)
          || !(Boolean) type.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
        return null;
      }
      type.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(bean, true);
      return MethodHandles.publicLookup()
          .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
          .bindTo(bean);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Test
  void existingKeysAreReadUpdatedAndRemovedWithoutAllocation() throws Throwable {
    MethodHandle allocated = allocatedBytes();
    assumeTrue(allocated != null, "no per-thread allocation counter in this JVM");
    String[] keys = new String[KEYS];
    String[] lookups = new String[KEYS];
    long[][] values = new long[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
      lookups[i] = new String(keys[i]); // equal, not identical, as keys extracted from events are
      lookups[i].hashCode();
      values[i] = new long[1];
    }
    KeyedStateTable<String, long[]> table =
        new KeyedStateTable<>(
            "counts",
            KeyGroupContext.all(128),
            StateCodecs.strings(),
            StateCodecs.longArrays(),
            () -> new long[1]);
    NamespacedStateTable<String, Long, long[]> windows =
        new NamespacedStateTable<>(
            "windows",
            KeyGroupContext.all(128),
            StateCodecs.strings(),
            StateCodecs.longs(),
            StateCodecs.longArrays(),
            () -> new long[1]);
    Long[] namespaces = {1000L, 2000L, 3000L};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < KEYS; i++) {
        table.put(keys[i], values[i]);
        for (Long ns : namespaces) {
          windows.put(keys[i], ns, values[i]);
        }
      }
      long before = (long) allocated.invokeExact();
      long sum = 0;
      for (int i = 0; i < KEYS; i++) {
        String k = lookups[i];
        sum += table.get(k)[0];
        table.getOrCreate(k)[0]++;
        table.put(k, values[i]);
        sum += table.contains(k) ? 1 : 0;
        for (Long ns : namespaces) {
          windows.getOrCreate(k, ns)[0]++;
          sum += windows.get(k, ns)[0];
        }
      }
      for (int i = 0; i < KEYS; i++) {
        table.remove(lookups[i]);
        windows.remove(lookups[i], namespaces[0]);
        windows.clear(lookups[i]);
      }
      long bytes = (long) allocated.invokeExact() - before;
      assertThat(sum).isPositive();
      assertThat(table.size()).isZero();
      assertThat(windows.size()).isZero();
      if (round == 2) {
        // a little slack for the allocation counter's own bookkeeping
        assertThat(bytes).as("bytes allocated by %d keys' operations", KEYS).isLessThan(512);
      }
    }
  }
}
