package dev.sluice.core.internal.state;

import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.ValueStateDescriptor;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The keyed state of one operator instance: the states registered by descriptor, stored per key
 * group, snapshotted and restored.
 *
 * <p><b>Snapshot format.</b> Per state, per key group holding entries, one block: format-version
 * byte ({@link StateKind#FORMAT_VERSION}), state-kind byte, 4-byte entry count, then per entry the
 * key (with the backend's key codec), the namespace or user key (map and namespaced state), and
 * the value, each with the state's codecs. The snapshot also records each state's kind and codec
 * format ids ({@link StateMeta}), even for an empty state.
 *
 * <p><b>Restore</b> ({@link #restore}) takes the blocks of the key groups in this instance's range
 * from any number of snapshots, so restoring at another parallelism means giving every new
 * instance all the old instances' snapshots. A state restored before it is registered is kept as
 * bytes, decoded when it is registered, and carried unchanged into snapshots taken meanwhile, so a
 * state registered lazily loses nothing.
 *
 * <p><b>Threading:</b> not thread-safe; snapshot and restore run on the operator's thread between
 * callbacks.
 *
 * @param <K> the key type of the operator
 */
public final class KeyedStateBackend<K> {
  private final KeyGroupContext groups;
  private final StateCodec<K> keyCodec;
  private final LinkedHashMap<String, KeyedTable> states = new LinkedHashMap<>();
  private final HashMap<String, Pending> pending = new HashMap<>();

  /** Restored state not yet registered: its meta and the blocks of this instance's groups. */
  private record Pending(StateMeta meta, SortedMap<Integer, byte[]> blocks) {}

  /**
   * @param maxParallelism the number of key groups of the operator
   * @param range the key groups this instance owns
   * @param keyCodec writes the operator's keys into snapshots
   */
  public KeyedStateBackend(int maxParallelism, KeyGroupRange range, StateCodec<K> keyCodec) {
    this.groups = new KeyGroupContext(maxParallelism, Objects.requireNonNull(range, "range"));
    this.keyCodec = Objects.requireNonNull(keyCodec, "keyCodec");
  }

  /** The key-group context shared by this backend's tables (set the current key there). */
  public KeyGroupContext keyGroups() {
    return groups;
  }

  public int maxParallelism() {
    return groups.maxParallelism;
  }

  public KeyGroupRange keyGroupRange() {
    return groups.range;
  }

  /**
   * Declares that the runtime is processing {@code key}, of group {@code keyGroup}: tables
   * inserting that key object take this group instead of hashing it again.
   */
  public void setCurrentKey(K key, int keyGroup) {
    groups.setCurrentKey(key, keyGroup);
  }

  /** The value state of {@code descriptor}, created on first registration. */
  public <S> KeyedStateTable<K, S> value(ValueStateDescriptor<S> descriptor) {
    StateMeta meta =
        new StateMeta(StateKind.VALUE, keyCodec.formatId(), null, descriptor.codec().formatId());
    return register(
        descriptor.name(),
        meta,
        KeyedStateTable.class,
        () ->
            new KeyedStateTable<>(
                descriptor.name(), groups, keyCodec, descriptor.codec(), descriptor.initial()));
  }

  /**
   * The value state of {@code descriptor} over primitive {@code long} keys.
   *
   * @throws IllegalStateException if this backend's key codec is not {@code StateCodecs.longs()}
   *     (format id {@code long}), so that the blocks keep one format
   */
  public <S> LongKeyedStateTable<S> longValue(ValueStateDescriptor<S> descriptor) {
    if (!"long".equals(keyCodec.formatId())) {
      throw new IllegalStateException(
          "long-keyed state '"
              + descriptor.name()
              + "' needs the backend's key codec to be StateCodecs.longs(), not "
              + keyCodec.formatId());
    }
    StateMeta meta = new StateMeta(StateKind.VALUE, "long", null, descriptor.codec().formatId());
    return register(
        descriptor.name(),
        meta,
        LongKeyedStateTable.class,
        () ->
            new LongKeyedStateTable<>(
                descriptor.name(), groups, descriptor.codec(), descriptor.initial()));
  }

  /** The map state of {@code descriptor}, created on first registration. */
  public <UK, UV> MapStateTable<K, UK, UV> map(MapStateDescriptor<UK, UV> descriptor) {
    StateMeta meta =
        new StateMeta(
            StateKind.MAP,
            keyCodec.formatId(),
            descriptor.userKeyCodec().formatId(),
            descriptor.valueCodec().formatId());
    return register(
        descriptor.name(),
        meta,
        MapStateTable.class,
        () ->
            new MapStateTable<>(
                descriptor.name(),
                groups,
                keyCodec,
                descriptor.userKeyCodec(),
                descriptor.valueCodec()));
  }

  /** The namespaced state of {@code descriptor}, created on first registration. */
  public <N, S> NamespacedStateTable<K, N, S> namespaced(
      NamespacedStateDescriptor<N, S> descriptor) {
    StateMeta meta =
        new StateMeta(
            StateKind.NAMESPACED,
            keyCodec.formatId(),
            descriptor.namespaceCodec().formatId(),
            descriptor.valueCodec().formatId());
    return register(
        descriptor.name(),
        meta,
        NamespacedStateTable.class,
        () ->
            new NamespacedStateTable<>(
                descriptor.name(),
                groups,
                keyCodec,
                descriptor.namespaceCodec(),
                descriptor.valueCodec(),
                descriptor.initial()));
  }

  /**
   * Registers a state, or returns the one already registered under {@code name}: its kind and
   * codec formats must be the same (the initial-value supplier of the first registration stays).
   */
  @SuppressWarnings("unchecked")
  private <T extends KeyedTable> T register(
      String name, StateMeta meta, Class<?> tableType, Supplier<T> create) {
    KeyedTable existing = states.get(name);
    if (existing != null) {
      existing.meta().checkSame(name, meta, "registered", "requested");
      if (existing.getClass() != tableType) {
        throw new IllegalStateException(
            "state '"
                + name
                + "' is registered as a "
                + existing.getClass().getSimpleName()
                + " but requested as a "
                + tableType.getSimpleName());
      }
      return (T) existing;
    }
    Pending restored = pending.get(name);
    if (restored != null) {
      restored.meta.checkSame(name, meta, "restored from the snapshot", "registered");
    }
    T table = create.get();
    if (restored != null) {
      readBlocks(table, restored.blocks);
      pending.remove(name);
    }
    states.put(name, table);
    return table;
  }

  /**
   * Writes every state into a new snapshot (see the class comment for the format).
   *
   * @throws IllegalStateException naming the state and key group if a codec fails
   */
  public KeyedStateSnapshot snapshot() {
    Map<String, StateMeta> metas = new HashMap<>();
    Map<String, Map<Integer, byte[]>> blocks = new HashMap<>();
    BlockIo.Writer writer = new BlockIo.Writer();
    for (KeyedTable table : states.values()) {
      metas.put(table.name(), table.meta());
      blocks.put(table.name(), writeBlocks(table, writer));
    }
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      metas.put(e.getKey(), e.getValue().meta);
      blocks.put(e.getKey(), e.getValue().blocks);
    }
    return new KeyedStateSnapshot(groups.maxParallelism, metas, blocks);
  }

  private Map<Integer, byte[]> writeBlocks(KeyedTable table, BlockIo.Writer writer) {
    int start = groups.range.start();
    int groupCount = groups.range.size();
    int slots = table.slotCount();
    // counting sort of the occupied slots by key group
    int[] offsets = new int[groupCount + 1];
    for (int s = 0; s < slots; s++) {
      if (table.occupied(s)) {
        offsets[table.keyGroupAt(s) - start + 1]++;
      }
    }
    for (int g = 0; g < groupCount; g++) {
      offsets[g + 1] += offsets[g];
    }
    int[] order = new int[offsets[groupCount]];
    int[] fill = offsets.clone();
    for (int s = 0; s < slots; s++) {
      if (table.occupied(s)) {
        order[fill[table.keyGroupAt(s) - start]++] = s;
      }
    }
    Map<Integer, byte[]> blocks = new TreeMap<>();
    for (int g = 0; g < groupCount; g++) {
      int from = offsets[g];
      int to = offsets[g + 1];
      if (from == to) {
        continue;
      }
      try {
        DataOutputStream out = writer.start(table.meta().kind(), to - from);
        for (int k = from; k < to; k++) {
          table.writeEntry(order[k], out);
        }
        blocks.put(start + g, writer.finish());
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot snapshot state '"
                + table.name()
                + "', key group "
                + (start + g)
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return blocks;
  }

  /**
   * Restores the key groups of this instance's range from {@code snapshots} (all of the old
   * instances' snapshots, when the parallelism changed; the groups of other ranges are skipped).
   * Every state's kind and codec formats are checked against the other snapshots, the backend's
   * key codec and the registered states, and every block's header is checked, before anything is
   * decoded; the entries of a state not registered yet are decoded when it is registered.
   *
   * @throws IllegalStateException if this backend already holds state; if a snapshot has another
   *     maximum parallelism; if a state's kind or codec formats differ between snapshots or from
   *     its registration; if a key group of a state occurs in two snapshots; or, naming the state
   *     and key group, if a block cannot be decoded (the backend is then left partly restored and
   *     should be discarded)
   */
  public void restore(List<KeyedStateSnapshot> snapshots) {
    if (!isEmpty() || !pending.isEmpty()) {
      throw new IllegalStateException(
          "restore into a keyed state backend that already holds state");
    }
    Map<String, StateMeta> metas = new LinkedHashMap<>();
    Map<String, TreeMap<Integer, byte[]>> chosen = new LinkedHashMap<>();
    for (KeyedStateSnapshot snapshot : snapshots) {
      if (snapshot.maxParallelism() != groups.maxParallelism) {
        throw new IllegalStateException(
            "cannot restore a snapshot taken with maxParallelism "
                + snapshot.maxParallelism()
                + " into an operator with maxParallelism "
                + groups.maxParallelism
                + ": the maximum parallelism of a keyed stage is fixed for the life of its state");
      }
      for (String name : snapshot.stateNames()) {
        StateMeta meta = snapshot.meta(name);
        if (!keyCodec.formatId().equals(meta.keyFormat())) {
          throw new IllegalStateException(
              "state '"
                  + name
                  + "' was snapshotted with key codec "
                  + meta.keyFormat()
                  + " but this operator's key codec is "
                  + keyCodec.formatId());
        }
        StateMeta seen = metas.putIfAbsent(name, meta);
        if (seen != null) {
          seen.checkSame(name, meta, "in one snapshot", "in another");
        }
        KeyedTable registered = states.get(name);
        if (registered != null) {
          registered.meta().checkSame(name, meta, "registered", "in the snapshot");
        }
        TreeMap<Integer, byte[]> mine = chosen.computeIfAbsent(name, n -> new TreeMap<>());
        for (Map.Entry<Integer, byte[]> e :
            snapshot.blocksShared(name).subMap(groups.range.start(), groups.range.end() + 1)
                .entrySet()) {
          BlockIo.checkHeader(
              e.getValue(), meta.kind(), "state '" + name + "', key group " + e.getKey());
          if (mine.put(e.getKey(), e.getValue()) != null) {
            throw new IllegalStateException(
                "key group "
                    + e.getKey()
                    + " of state '"
                    + name
                    + "' occurs in two snapshots: give restore one snapshot per old instance");
          }
        }
      }
    }
    for (Map.Entry<String, TreeMap<Integer, byte[]>> e : chosen.entrySet()) {
      KeyedTable registered = states.get(e.getKey());
      if (registered != null) {
        readBlocks(registered, e.getValue());
      } else {
        pending.put(
            e.getKey(),
            new Pending(metas.get(e.getKey()), java.util.Collections.unmodifiableSortedMap(e.getValue())));
      }
    }
  }

  private static void readBlocks(KeyedTable table, SortedMap<Integer, byte[]> blocks) {
    StateKind kind = table.meta().kind();
    for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
      int group = e.getKey();
      BlockIo.read(
          e.getValue(),
          kind,
          "state '" + table.name() + "', key group " + group,
          (in, index) -> table.readEntry(in, group));
    }
  }

  /** True if no state holds an entry (restored but not yet registered state included). */
  public boolean isEmpty() {
    return totalEntries() == 0;
  }

  /** The number of entries in all states (restored but not yet registered state included). */
  public int totalEntries() {
    int n = 0;
    for (KeyedTable table : states.values()) {
      n += table.size();
    }
    for (Pending p : pending.values()) {
      for (byte[] block : p.blocks.values()) {
        n += BlockIo.entryCount(block);
      }
    }
    return n;
  }

  /** The number of entries of state {@code name}, or 0 if it is unknown. */
  public int entries(String name) {
    KeyedTable table = states.get(name);
    if (table != null) {
      return table.size();
    }
    Pending p = pending.get(name);
    int n = 0;
    if (p != null) {
      for (byte[] block : p.blocks.values()) {
        n += BlockIo.entryCount(block);
      }
    }
    return n;
  }

  /**
   * A cheap estimate of the memory the state takes: the tables' own arrays (with compressed
   * references) plus the bytes of restored state not yet registered. The keys' and values' own
   * objects are not counted.
   */
  public long estimatedBytes() {
    long n = 0;
    for (KeyedTable table : states.values()) {
      n += table.tableBytes();
    }
    for (Pending p : pending.values()) {
      for (byte[] block : p.blocks.values()) {
        n += block.length;
      }
    }
    return n;
  }
}
