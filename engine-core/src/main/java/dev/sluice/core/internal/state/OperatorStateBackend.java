package dev.sluice.core.internal.state;

import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListStateDescriptor;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-keyed state of one operator instance: list states and broadcast states, registered by
 * descriptor, snapshotted and restored.
 *
 * <p><b>Snapshot.</b> A list state is its elements, each encoded alone with the state's codec. A
 * broadcast state is one block: format-version byte, kind byte, 4-byte entry count, then key and
 * value of each entry.
 *
 * <p><b>Restore and redistribution</b> ({@link #restore}, given the snapshots of <em>all</em> old
 * instances):
 *
 * <ul>
 *   <li>List state at the <b>same parallelism</b>: every instance gets back exactly its own
 *       elements, in order.
 *   <li>List state at <b>another parallelism</b>: the elements of all old instances are
 *       concatenated in old-instance order (instance 0's elements first), and the element at
 *       position {@code i} of that union goes to new instance {@code i % newParallelism}: a
 *       round-robin deal, so the counts differ by at most one. (Flink calls this even-split
 *       redistribution; it deals contiguous chunks instead of round-robin.)
 *   <li>Broadcast state: every new instance gets old instance 0's copy (or, for a state that
 *       instance 0 never registered, the copy of the lowest instance that has it).
 * </ul>
 *
 * <p>A state restored before it is registered is kept as bytes and decoded on registration, and
 * carried unchanged into snapshots taken meanwhile.
 *
 * <p><b>Threading:</b> not thread-safe; used from the operator's thread between callbacks.
 */
public final class OperatorStateBackend {
  private final int instanceIndex;
  private final int parallelism;
  private final LinkedHashMap<String, OperatorListStateStore<?>> lists = new LinkedHashMap<>();
  private final LinkedHashMap<String, BroadcastStateStore<?, ?>> broadcasts =
      new LinkedHashMap<>();
  private final Map<String, PendingList> pendingLists = new HashMap<>();
  private final Map<String, PendingBroadcast> pendingBroadcasts = new HashMap<>();

  /** One restored element: its bytes and where it came from, for error messages. */
  private record Piece(byte[] bytes, int oldInstance, int position) {}

  private record PendingList(StateMeta meta, List<Piece> elements) {}

  private record PendingBroadcast(StateMeta meta, byte[] block, int oldInstance) {}

  /**
   * @param instanceIndex this instance's index, 0 to {@code parallelism - 1}
   * @param parallelism the operator's parallelism
   */
  public OperatorStateBackend(int instanceIndex, int parallelism) {
    if (parallelism < 1 || instanceIndex < 0 || instanceIndex >= parallelism) {
      throw new IllegalArgumentException(
          "instance " + instanceIndex + " of parallelism " + parallelism + " is out of range");
    }
    this.instanceIndex = instanceIndex;
    this.parallelism = parallelism;
  }

  /** The list state of {@code descriptor}, created on first registration. */
  @SuppressWarnings("unchecked")
  public <T> OperatorListStateStore<T> list(ListStateDescriptor<T> descriptor) {
    String name = descriptor.name();
    StateMeta meta = new StateMeta(StateKind.LIST, null, null, descriptor.codec().formatId());
    checkNotOtherKind(name, meta);
    OperatorListStateStore<?> existing = lists.get(name);
    if (existing != null) {
      existing.meta().checkSame(name, meta, "registered", "requested");
      return (OperatorListStateStore<T>) existing;
    }
    PendingList restored = pendingLists.get(name);
    if (restored != null) {
      restored.meta.checkSame(name, meta, "restored from the snapshot", "registered");
    }
    OperatorListStateStore<T> store = new OperatorListStateStore<>(name, descriptor.codec());
    if (restored != null) {
      decodeElements(store, restored.elements);
      pendingLists.remove(name);
    }
    lists.put(name, store);
    return store;
  }

  /** The broadcast state of {@code descriptor}, created on first registration. */
  @SuppressWarnings("unchecked")
  public <K, V> BroadcastStateStore<K, V> broadcast(BroadcastStateDescriptor<K, V> descriptor) {
    String name = descriptor.name();
    StateMeta meta =
        new StateMeta(
            StateKind.BROADCAST,
            descriptor.keyCodec().formatId(),
            null,
            descriptor.valueCodec().formatId());
    checkNotOtherKind(name, meta);
    BroadcastStateStore<?, ?> existing = broadcasts.get(name);
    if (existing != null) {
      existing.meta().checkSame(name, meta, "registered", "requested");
      return (BroadcastStateStore<K, V>) existing;
    }
    PendingBroadcast restored = pendingBroadcasts.get(name);
    if (restored != null) {
      restored.meta.checkSame(name, meta, "restored from the snapshot", "registered");
    }
    BroadcastStateStore<K, V> store =
        new BroadcastStateStore<>(name, descriptor.keyCodec(), descriptor.valueCodec());
    if (restored != null) {
      decodeBroadcast(store, restored.block, restored.oldInstance);
      pendingBroadcasts.remove(name);
    }
    broadcasts.put(name, store);
    return store;
  }

  /** Checks {@code meta} against a state of another kind under {@code name}, restored or not. */
  private void checkNotOtherKind(String name, StateMeta meta) {
    StateMeta other = null;
    if (meta.kind() != StateKind.LIST) {
      other =
          lists.containsKey(name)
              ? lists.get(name).meta()
              : pendingLists.containsKey(name) ? pendingLists.get(name).meta : null;
    }
    if (other == null && meta.kind() != StateKind.BROADCAST) {
      other =
          broadcasts.containsKey(name)
              ? broadcasts.get(name).meta()
              : pendingBroadcasts.containsKey(name) ? pendingBroadcasts.get(name).meta : null;
    }
    if (other != null) {
      other.checkSame(name, meta, "registered or restored", "requested");
    }
  }

  /** Writes every state into a new snapshot. */
  public OperatorStateSnapshot snapshot() {
    Map<String, StateMeta> metas = new HashMap<>();
    Map<String, List<byte[]>> listBytes = new HashMap<>();
    Map<String, byte[]> broadcastBytes = new HashMap<>();
    BlockIo.Writer writer = new BlockIo.Writer();
    for (OperatorListStateStore<?> store : lists.values()) {
      metas.put(store.name(), store.meta());
      listBytes.put(store.name(), encodeElements(store, writer));
    }
    for (BroadcastStateStore<?, ?> store : broadcasts.values()) {
      metas.put(store.name(), store.meta());
      broadcastBytes.put(store.name(), encodeBroadcast(store, writer));
    }
    for (Map.Entry<String, PendingList> e : pendingLists.entrySet()) {
      metas.put(e.getKey(), e.getValue().meta);
      List<byte[]> elements = new ArrayList<>(e.getValue().elements.size());
      for (Piece piece : e.getValue().elements) {
        elements.add(piece.bytes);
      }
      listBytes.put(e.getKey(), elements);
    }
    for (Map.Entry<String, PendingBroadcast> e : pendingBroadcasts.entrySet()) {
      metas.put(e.getKey(), e.getValue().meta);
      broadcastBytes.put(e.getKey(), e.getValue().block);
    }
    return new OperatorStateSnapshot(instanceIndex, parallelism, metas, listBytes, broadcastBytes);
  }

  private static <T> List<byte[]> encodeElements(
      OperatorListStateStore<T> store, BlockIo.Writer writer) {
    List<T> elements = store.get();
    List<byte[]> encoded = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      try {
        writer.bytes.reset();
        store.codec().encode(elements.get(i), writer.out);
        encoded.add(writer.finish());
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot snapshot list state '" + store.name() + "', element " + i + ": " + e.getMessage(),
            e);
      }
    }
    return encoded;
  }

  private static <K, V> byte[] encodeBroadcast(
      BroadcastStateStore<K, V> store, BlockIo.Writer writer) {
    try {
      DataOutputStream out = writer.start(StateKind.BROADCAST, store.size());
      for (Map.Entry<K, V> e : store.map().entrySet()) {
        store.keyCodec().encode(e.getKey(), out);
        store.valueCodec().encode(e.getValue(), out);
      }
      return writer.finish();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot snapshot broadcast state '" + store.name() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Restores from the snapshots of all the old instances, redistributing as the class comment
   * says. States' kinds and codec formats are checked across snapshots and against registered
   * states before anything is decoded.
   *
   * @throws IllegalStateException if this backend already holds state; if the snapshots are not
   *     exactly one per old instance 0..p-1 of one parallelism p; if a state's kind or codec
   *     formats differ; or, naming the state, if bytes cannot be decoded
   */
  public void restore(List<OperatorStateSnapshot> snapshots) {
    if (totalEntries() > 0 || !pendingLists.isEmpty() || !pendingBroadcasts.isEmpty()) {
      throw new IllegalStateException(
          "restore into an operator state backend that already holds state");
    }
    if (snapshots.isEmpty()) {
      return;
    }
    int oldParallelism = snapshots.get(0).parallelism();
    OperatorStateSnapshot[] byIndex = new OperatorStateSnapshot[oldParallelism];
    for (OperatorStateSnapshot s : snapshots) {
      if (s.parallelism() != oldParallelism
          || s.instanceIndex() < 0
          || s.instanceIndex() >= oldParallelism
          || byIndex[s.instanceIndex()] != null) {
        throw new IllegalStateException(
            "restore needs exactly one snapshot of each old instance: got " + describe(snapshots));
      }
      byIndex[s.instanceIndex()] = s;
    }
    if (snapshots.size() != oldParallelism) {
      throw new IllegalStateException(
          "restore needs exactly one snapshot of each old instance: got " + describe(snapshots));
    }
    Map<String, StateMeta> metas = new TreeMap<>();
    for (OperatorStateSnapshot s : byIndex) {
      for (String name : s.stateNames()) {
        StateMeta meta = s.meta(name);
        StateMeta seen = metas.putIfAbsent(name, meta);
        if (seen != null) {
          seen.checkSame(name, meta, "in one snapshot", "in another");
        }
        byte[] block = s.broadcastShared(name);
        if (block != null) {
          BlockIo.checkHeader(
              block,
              StateKind.BROADCAST,
              "broadcast state '" + name + "' of old instance " + s.instanceIndex());
        }
        StateMeta registered =
            lists.containsKey(name)
                ? lists.get(name).meta()
                : broadcasts.containsKey(name) ? broadcasts.get(name).meta() : null;
        if (registered != null) {
          registered.checkSame(name, meta, "registered", "in the snapshot");
        }
      }
    }
    for (Map.Entry<String, StateMeta> e : metas.entrySet()) {
      String name = e.getKey();
      if (e.getValue().kind() == StateKind.LIST) {
        List<Piece> mine = pick(name, byIndex, oldParallelism);
        OperatorListStateStore<?> store = lists.get(name);
        if (store != null) {
          decodeElements(store, mine);
        } else {
          pendingLists.put(name, new PendingList(e.getValue(), mine));
        }
      } else {
        int from = 0;
        while (from < byIndex.length && byIndex[from].broadcastShared(name) == null) {
          from++;
        }
        if (from == byIndex.length) {
          throw new IllegalStateException(
              "broadcast state '" + name + "' is declared in the snapshots but has no data");
        }
        byte[] block = byIndex[from].broadcastShared(name);
        BroadcastStateStore<?, ?> store = broadcasts.get(name);
        if (store != null) {
          decodeBroadcast(store, block, from);
        } else {
          pendingBroadcasts.put(name, new PendingBroadcast(e.getValue(), block, from));
        }
      }
    }
  }

  /** This instance's share of list state {@code name}. */
  private List<Piece> pick(String name, OperatorStateSnapshot[] byIndex, int oldParallelism) {
    List<Piece> mine = new ArrayList<>();
    if (oldParallelism == parallelism) {
      List<byte[]> own = byIndex[instanceIndex].elementsShared(name);
      for (int i = 0; i < own.size(); i++) {
        mine.add(new Piece(own.get(i), instanceIndex, i));
      }
      return mine;
    }
    long position = 0;
    for (OperatorStateSnapshot s : byIndex) {
      List<byte[]> elements = s.elementsShared(name);
      for (int i = 0; i < elements.size(); i++, position++) {
        if (position % parallelism == instanceIndex) {
          mine.add(new Piece(elements.get(i), s.instanceIndex(), i));
        }
      }
    }
    return mine;
  }

  private static <T> void decodeElements(OperatorListStateStore<T> store, List<Piece> pieces) {
    List<T> decoded = new ArrayList<>(pieces.size());
    for (Piece piece : pieces) {
      try {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(piece.bytes));
        T element = store.codec().decode(in);
        if (in.available() > 0) {
          throw new IOException(in.available() + " bytes follow the element");
        }
        if (element == null) {
          throw new IOException("the element decoded as null");
        }
        decoded.add(element);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot restore list state '"
                + store.name()
                + "', element "
                + piece.position
                + " of old instance "
                + piece.oldInstance
                + ": corrupted or incompatible snapshot: "
                + (e.getMessage() != null ? e.getMessage() : e.toString()),
            e);
      }
    }
    store.update(decoded);
  }

  private static <K, V> void decodeBroadcast(
      BroadcastStateStore<K, V> store, byte[] block, int oldInstance) {
    HashMap<K, V> map = store.map();
    BlockIo.read(
        block,
        StateKind.BROADCAST,
        "broadcast state '" + store.name() + "' of old instance " + oldInstance,
        (in, index) -> {
          K key = store.keyCodec().decode(in);
          V value = store.valueCodec().decode(in);
          if (value == null) {
            throw RestoreChecks.nullValue(key);
          }
          if (map.put(key, value) != null) {
            throw RestoreChecks.duplicate(key);
          }
        });
  }

  private static String describe(List<OperatorStateSnapshot> snapshots) {
    StringBuilder b = new StringBuilder();
    for (OperatorStateSnapshot s : snapshots) {
      b.append(b.length() == 0 ? "" : ", ")
          .append("instance ")
          .append(s.instanceIndex())
          .append(" of ")
          .append(s.parallelism());
    }
    return "[" + b + "]";
  }

  /** The number of list elements and broadcast entries held (pending restored state included). */
  public int totalEntries() {
    int n = 0;
    for (OperatorListStateStore<?> store : lists.values()) {
      n += store.size();
    }
    for (BroadcastStateStore<?, ?> store : broadcasts.values()) {
      n += store.size();
    }
    for (PendingList p : pendingLists.values()) {
      n += p.elements.size();
    }
    for (PendingBroadcast p : pendingBroadcasts.values()) {
      n += BlockIo.entryCount(p.block);
    }
    return n;
  }

  /** True if no state holds anything. */
  public boolean isEmpty() {
    return totalEntries() == 0;
  }
}
