package dev.sluice.bench.core;

import dev.sluice.core.internal.state.KeyGroupContext;
import dev.sluice.core.internal.state.KeyedStateTable;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The keyed value-state table beside {@code java.util.HashMap}, over 10k String or Long keys: a
 * read, a per-key counter update, and a remove-then-insert, each in the same run. The lookups are
 * equal but not identical key objects (as keys extracted from events are), in a shuffled order.
 *
 * <p>This benchmark reaches into {@code dev.sluice.core.internal.state} on purpose: it measures an
 * internal data structure (the benchmark jar runs on the class path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyedStateTableBench {
  static final int KEYS = 10_000;

  @Param({"string", "long"})
  public String keyType;

  Object[] stored;
  Object[] lookups;
  HashMap<Object, long[]> holders;
  HashMap<Object, Long> boxed;
  KeyedStateTable<Object, long[]> table;

  private static final Function<Object, long[]> NEW_HOLDER = k -> new long[1];

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    stored = new Object[KEYS];
    lookups = new Object[KEYS];
    for (int i = 0; i < KEYS; i++) {
      if (keyType.equals("string")) {
        String key = "user-" + random.nextInt(1_000_000_000);
        stored[i] = key;
        String lookup = new String(key);
        lookup.hashCode();
        lookups[i] = lookup;
      } else {
        long key = random.nextLong(1L << 40);
        stored[i] = Long.valueOf(key);
        lookups[i] = Long.valueOf(key); // outside the Long cache: another instance
      }
    }
    for (int i = KEYS - 1; i > 0; i--) { // shuffle the access order
      int j = random.nextInt(i + 1);
      Object t = lookups[i];
      lookups[i] = lookups[j];
      lookups[j] = t;
    }
    holders = new HashMap<>();
    boxed = new HashMap<>();
    StateCodec<Object> keyCodec = StateCodecs.dynamic();
    table =
        new KeyedStateTable<>(
            "bench",
            KeyGroupContext.all(128),
            keyCodec,
            StateCodecs.longArrays(),
            () -> new long[1]);
    for (Object key : stored) {
      holders.put(key, new long[1]);
      boxed.put(key, 0L);
      table.getOrCreate(key);
    }
    settleHeap();
  }

  /**
   * Lets young collections move the live data out of the allocation area once, as they will have
   * done for the state of any long-running job. Without this, the benchmarks that allocate (the
   * HashMap ones) get their data compacted by their own collections during warm-up while the
   * allocation-free ones keep the setup's scattered layout, and the comparison measures the
   * heap layout, not the data structure (observed: 2–3× on every table operation).
   */
  static long settleHeap() {
    Object[] ring = new Object[64]; // the garbage escapes, so the JIT cannot elide it
    long sum = 0;
    for (int i = 0; i < 400_000; i++) { // ~400 MB in 1 KB arrays: several young collections
      byte[] garbage = new byte[1024];
      ring[i & 63] = garbage;
      sum += garbage.length;
    }
    return sum + ring.length;
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long hashMapGet() {
    final HashMap<Object, long[]> map = holders;
    long sum = 0;
    for (Object key : lookups) {
      sum += map.get(key)[0];
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long tableGet() {
    final KeyedStateTable<Object, long[]> t = table;
    long sum = 0;
    for (Object key : lookups) {
      sum += t.get(key)[0];
    }
    return sum;
  }

  /** The usual boxed counter: {@code merge(key, 1L, Long::sum)}. */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long hashMapMerge() {
    final HashMap<Object, Long> map = boxed;
    long sum = 0;
    for (Object key : lookups) {
      sum += map.merge(key, 1L, Long::sum);
    }
    return sum;
  }

  /** A mutable holder per key: {@code computeIfAbsent(key, f)[0]++}. */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long hashMapComputeIfAbsent() {
    final HashMap<Object, long[]> map = holders;
    long sum = 0;
    for (Object key : lookups) {
      sum += ++map.computeIfAbsent(key, NEW_HOLDER)[0];
    }
    return sum;
  }

  /** The table's equivalent: {@code getOrCreate(key)[0]++}. */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long tableGetOrCreate() {
    final KeyedStateTable<Object, long[]> t = table;
    long sum = 0;
    for (Object key : lookups) {
      sum += ++t.getOrCreate(key)[0];
    }
    return sum;
  }

  /**
   * Deletion and insertion, as a window that fires reads its state, removes it, and a later event
   * creates it again: get, remove, put of each key (HashMap allocates a node per put).
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long hashMapRemovePut() {
    final HashMap<Object, long[]> map = holders;
    long sum = 0;
    for (Object key : lookups) {
      long[] v = map.get(key);
      sum += v[0];
      map.remove(key);
      map.put(key, v);
    }
    return sum;
  }

  /** The same with the table (deletion shifts the probe run back; put computes the key group). */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public long tableRemovePut() {
    final KeyedStateTable<Object, long[]> t = table;
    long sum = 0;
    for (Object key : lookups) {
      long[] v = t.get(key);
      sum += v[0];
      t.remove(key);
      t.put(key, v);
    }
    return sum;
  }
}
