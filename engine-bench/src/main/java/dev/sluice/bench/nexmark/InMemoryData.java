package dev.sluice.bench.nexmark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands pre-generated arrays to peer engines' sources, and collects their sinks' digests, inside
 * one JVM.
 *
 * <p>Jet and Flink serialize the job they are given (sources and sinks included) even when they
 * run in-process; a source that captured a 10-million-element array would serialize it. Their
 * sources capture an id instead and look the array up here; their sinks add to a digest named by
 * id. Thread-safe.
 */
final class InMemoryData {
  private static final ConcurrentHashMap<String, Object[]> ARRAYS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, long[]> DIGESTS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private InMemoryData() {}

  /** Registers {@code array} and returns its id. */
  static String register(Object[] array) {
    String id = "array-" + IDS.incrementAndGet();
    ARRAYS.put(id, array);
    return id;
  }

  /**
   * The array registered as {@code id}.
   *
   * @throws IllegalStateException if there is none (released, or another JVM)
   */
  @SuppressWarnings("unchecked")
  static <T> T[] array(String id) {
    Object[] a = ARRAYS.get(id);
    if (a == null) {
      throw new IllegalStateException("no array registered as " + id);
    }
    return (T[]) a;
  }

  /** Forgets the array registered as {@code id}. */
  static void release(String id) {
    ARRAYS.remove(id);
  }

  /** A new, empty digest; returns its id. */
  static String openDigest() {
    String id = "digest-" + IDS.incrementAndGet();
    DIGESTS.put(id, new long[2]);
    return id;
  }

  /**
   * Adds {@code count} results with {@code checksum} to digest {@code id}.
   *
   * @throws IllegalStateException if the digest is not open
   */
  static void addToDigest(String id, long count, long checksum) {
    long[] d = DIGESTS.get(id);
    if (d == null) {
      throw new IllegalStateException("no digest open as " + id);
    }
    synchronized (d) {
      d[0] += count;
      d[1] += checksum;
    }
  }

  /** Closes digest {@code id} and returns what was added to it. */
  static ResultDigest takeDigest(String id) {
    long[] d = DIGESTS.remove(id);
    if (d == null) {
      throw new IllegalStateException("no digest open as " + id);
    }
    synchronized (d) {
      return new ResultDigest(d[0], d[1]);
    }
  }
}
