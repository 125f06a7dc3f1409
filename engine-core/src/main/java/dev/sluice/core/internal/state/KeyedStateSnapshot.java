package dev.sluice.core.internal.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keyed state of one operator instance at one moment: for each state, its {@link StateMeta}
 * and, per key group holding entries, one block of bytes (see {@link KeyedStateBackend}).
 *
 * <p>Immutable: the blocks are never changed after construction, and {@link #block} returns a
 * copy. Restoring at another parallelism means giving every new instance all the old instances'
 * snapshots; each takes the key groups of its own range.
 */
public final class KeyedStateSnapshot {
  private final int maxParallelism;
  private final SortedMap<String, StateMeta> metas;
  private final SortedMap<String, SortedMap<Integer, byte[]>> blocks;
  private final long sizeBytes;

  KeyedStateSnapshot(
      int maxParallelism,
      Map<String, StateMeta> metas,
      Map<String, ? extends Map<Integer, byte[]>> blocks) {
    this.maxParallelism = maxParallelism;
    this.metas = Collections.unmodifiableSortedMap(new TreeMap<>(metas));
    TreeMap<String, SortedMap<Integer, byte[]>> copy = new TreeMap<>();
    long bytes = 0;
    for (String name : metas.keySet()) {
      TreeMap<Integer, byte[]> groups = new TreeMap<>();
      Map<Integer, byte[]> given = blocks.get(name);
      if (given != null) {
        groups.putAll(given);
        for (byte[] block : given.values()) {
          bytes += block.length;
        }
      }
      copy.put(name, Collections.unmodifiableSortedMap(groups));
    }
    for (String name : blocks.keySet()) {
      if (!metas.containsKey(name)) {
        throw new IllegalArgumentException("blocks of state '" + name + "' without its meta");
      }
    }
    this.blocks = Collections.unmodifiableSortedMap(copy);
    this.sizeBytes = bytes;
  }

  /** The maximum parallelism (number of key groups) of the operator. */
  public int maxParallelism() {
    return maxParallelism;
  }

  /** The names of the states, sorted. */
  public Set<String> stateNames() {
    return metas.keySet();
  }

  /** The kind and codec formats of state {@code name}, or null if absent. */
  public StateMeta meta(String name) {
    return metas.get(name);
  }

  /** The key groups holding entries of state {@code name}, ascending. */
  public SortedSet<Integer> keyGroups(String name) {
    SortedMap<Integer, byte[]> groups = blocks.get(name);
    return groups == null
        ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(groups.keySet()));
  }

  /** A copy of the block of state {@code name} in {@code keyGroup}, or null. */
  public byte[] block(String name, int keyGroup) {
    byte[] block = blockShared(name, keyGroup);
    return block == null ? null : block.clone();
  }

  byte[] blockShared(String name, int keyGroup) {
    SortedMap<Integer, byte[]> groups = blocks.get(name);
    return groups == null ? null : groups.get(keyGroup);
  }

  SortedMap<Integer, byte[]> blocksShared(String name) {
    SortedMap<Integer, byte[]> groups = blocks.get(name);
    return groups == null ? Collections.emptySortedMap() : groups;
  }

  /** How many entries state {@code name} holds, from the block headers. */
  public int entryCount(String name) {
    int n = 0;
    for (byte[] block : blocksShared(name).values()) {
      n += BlockIo.entryCount(block);
    }
    return n;
  }

  /** The total size of the blocks, in bytes. */
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyedStateSnapshot other)
        || other.maxParallelism != maxParallelism
        || !other.metas.equals(metas)) {
      return false;
    }
    for (String name : metas.keySet()) {
      SortedMap<Integer, byte[]> a = blocks.get(name);
      SortedMap<Integer, byte[]> b = other.blocks.get(name);
      if (!a.keySet().equals(b.keySet())) {
        return false;
      }
      for (Map.Entry<Integer, byte[]> e : a.entrySet()) {
        if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxParallelism, metas, sizeBytes);
  }

  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder("KeyedStateSnapshot[maxParallelism ").append(maxParallelism);
    for (String name : metas.keySet()) {
      b.append(", '")
          .append(name)
          .append("': ")
          .append(metas.get(name))
          .append(", ")
          .append(blocks.get(name).size())
          .append(" key groups");
    }
    return b.append(", ").append(sizeBytes).append(" bytes]").toString();
  }
}
