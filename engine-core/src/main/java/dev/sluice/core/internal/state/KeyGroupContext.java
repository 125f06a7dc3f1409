package dev.sluice.core.internal.state;

import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.KeyGroups;

/**
 * The key groups of one keyed operator instance: its maximum parallelism and owned range, and the
 * key (with its group) that the runtime is processing now, so that the tables take the group the
 * runtime computed once per event instead of hashing the key again.
 */
public final class KeyGroupContext {
  final int maxParallelism;
  final KeyGroupRange range;
  private final int start;
  private final int end;
  private Object currentKey;
  private int currentKeyGroup = -1;

  public KeyGroupContext(int maxParallelism, KeyGroupRange range) {
    KeyGroups.checkParallelism(1, maxParallelism);
    if (range.size() == 0 || range.start() < 0 || range.end() >= maxParallelism) {
      throw new IllegalArgumentException(
          "key-group range " + range + " is empty or outside 0.." + (maxParallelism - 1));
    }
    this.maxParallelism = maxParallelism;
    this.range = range;
    this.start = range.start();
    this.end = range.end();
  }

  /** A context owning every key group of {@code maxParallelism}. */
  public static KeyGroupContext all(int maxParallelism) {
    return new KeyGroupContext(maxParallelism, new KeyGroupRange(0, maxParallelism - 1));
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  public KeyGroupRange range() {
    return range;
  }

  /**
   * Declares that {@code key} (compared by identity), whose group is {@code keyGroup}, is the key
   * being processed: an insert of that very key object takes this group. A negative {@code
   * keyGroup} means the caller did not compute it; an insert then hashes the key.
   */
  public void setCurrentKey(Object key, int keyGroup) {
    if (keyGroup >= 0) {
      checkOwned(key, keyGroup); // a negative group: not known yet, computed on first insert
    }
    currentKey = key;
    currentKeyGroup = keyGroup;
  }

  /** Forgets the current key. */
  public void clearCurrentKey() {
    currentKey = null;
    currentKeyGroup = -1;
  }

  /** The key group of {@code key}, checked to be owned by this instance. */
  int groupOf(Object key) {
    if (key == currentKey && currentKeyGroup >= 0) {
      return currentKeyGroup;
    }
    int group = KeyGroups.groupOf(key, maxParallelism);
    checkOwned(key, group);
    return group;
  }

  /** The key group of a primitive long key, checked to be owned by this instance. */
  int groupOfLong(long key) {
    int group = KeyGroups.groupOfLong(key, maxParallelism);
    if (group < start || group > end) {
      throw notOwned(key, group);
    }
    return group;
  }

  void checkOwned(Object key, int keyGroup) {
    if (keyGroup < start || keyGroup > end) {
      throw notOwned(key, keyGroup);
    }
  }

  private IllegalStateException notOwned(Object key, int keyGroup) {
    return new IllegalStateException(
        "key "
            + key
            + " is in key group "
            + keyGroup
            + ", outside this instance's range "
            + range
            + " (maxParallelism "
            + maxParallelism
            + "): the key reached the wrong instance");
  }
}
