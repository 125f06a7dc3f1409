package dev.sluice.cep.join;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, least-recently-used cache of looked-up table rows for {@link TableJoin} lookups:
 * a hit joins the event at once without calling the lookup; a miss calls it and caches a non-null
 * answer, evicting the least recently used row when full. Absent rows ({@code null} answers) are
 * not cached.
 *
 * <p>A cache is not managed state: it is not snapshotted (after a restore it starts empty and
 * fills again) and it may serve a row that changed at the source since it was cached; give the
 * stage a small cache or none where that matters.
 *
 * <p><b>Threading:</b> thread-safe; one cache is shared by every parallel instance of the stage
 * and by the threads completing lookups. Reads and writes take a short lock. <b>Allocation:</b> a
 * new entry allocates; a hit allocates nothing here.
 *
 * @param <K> key type
 * @param <V> row type
 */
public final class LookupCache<K, V> {
  private final int capacity;
  private final LinkedHashMap<K, V> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private LookupCache(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("lookup cache capacity must be > 0 rows, was " + capacity);
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > LookupCache.this.capacity;
          }
        };
  }

  /**
   * A cache holding at most {@code capacity} rows.
   *
   * @throws IllegalArgumentException if {@code capacity <= 0}
   */
  public static <K, V> LookupCache<K, V> ofCapacity(int capacity) {
    return new LookupCache<>(capacity);
  }

  /** The cached row of {@code key}, or null (counted as a hit or a miss). */
  public V get(K key) {
    V v;
    synchronized (entries) {
      v = entries.get(key);
    }
    (v == null ? misses : hits).increment();
    return v;
  }

  /** Caches {@code value} for {@code key}, evicting the least recently used row if full. */
  public void put(K key, V value) {
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  /** Removes every cached row (for instance after the source table changed). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  /** How many rows are cached now. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** The maximum number of rows. */
  public int capacity() {
    return capacity;
  }

  /** Lookups served from the cache so far. */
  public long hits() {
    return hits.sum();
  }

  /** Lookups not found in the cache so far (each called the lookup). */
  public long misses() {
    return misses.sum();
  }

  @Override
  public String toString() {
    return "LookupCache[capacity=" + capacity + ", size=" + size() + ", hits=" + hits()
        + ", misses=" + misses() + "]";
  }
}
