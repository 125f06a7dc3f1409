package dev.sluice.core.internal.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operator (non-keyed) state of one instance at one moment: per list state, its elements each
 * encoded on its own (so they can be redistributed without decoding); per broadcast state, one
 * block (see {@link OperatorStateBackend}). Immutable: the byte arrays are never changed after
 * construction and the accessors return copies.
 */
public final class OperatorStateSnapshot {
  private final int instanceIndex;
  private final int parallelism;
  private final SortedMap<String, StateMeta> metas;
  private final SortedMap<String, List<byte[]>> lists;
  private final SortedMap<String, byte[]> broadcasts;
  private final long sizeBytes;

  OperatorStateSnapshot(
      int instanceIndex,
      int parallelism,
      Map<String, StateMeta> metas,
      Map<String, List<byte[]>> lists,
      Map<String, byte[]> broadcasts) {
    this.instanceIndex = instanceIndex;
    this.parallelism = parallelism;
    this.metas = Collections.unmodifiableSortedMap(new TreeMap<>(metas));
    TreeMap<String, List<byte[]>> listCopy = new TreeMap<>();
    long bytes = 0;
    for (Map.Entry<String, List<byte[]>> e : lists.entrySet()) {
      listCopy.put(e.getKey(), List.copyOf(e.getValue()));
      for (byte[] element : e.getValue()) {
        bytes += element.length;
      }
    }
    for (byte[] block : broadcasts.values()) {
      bytes += block.length;
    }
    this.lists = Collections.unmodifiableSortedMap(listCopy);
    this.broadcasts = Collections.unmodifiableSortedMap(new TreeMap<>(broadcasts));
    this.sizeBytes = bytes;
  }

  /** The index of the instance that took the snapshot. */
  public int instanceIndex() {
    return instanceIndex;
  }

  /** The parallelism of the operator when the snapshot was taken. */
  public int parallelism() {
    return parallelism;
  }

  /** The names of the states, sorted. */
  public Set<String> stateNames() {
    return metas.keySet();
  }

  /** The kind and codec formats of state {@code name}, or null. */
  public StateMeta meta(String name) {
    return metas.get(name);
  }

  /** The number of elements of list state {@code name} (0 if absent). */
  public int elementCount(String name) {
    List<byte[]> elements = lists.get(name);
    return elements == null ? 0 : elements.size();
  }

  /** A copy of the bytes of element {@code index} of list state {@code name}. */
  public byte[] element(String name, int index) {
    return lists.get(name).get(index).clone();
  }

  /** A copy of the block of broadcast state {@code name}, or null. */
  public byte[] broadcastBlock(String name) {
    byte[] block = broadcasts.get(name);
    return block == null ? null : block.clone();
  }

  List<byte[]> elementsShared(String name) {
    List<byte[]> elements = lists.get(name);
    return elements == null ? List.of() : elements;
  }

  byte[] broadcastShared(String name) {
    return broadcasts.get(name);
  }

  /** The total size of the elements and blocks, in bytes. */
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public String toString() {
    return "OperatorStateSnapshot[instance "
        + instanceIndex
        + " of "
        + parallelism
        + ", states "
        + metas
        + ", "
        + sizeBytes
        + " bytes]";
  }
}
