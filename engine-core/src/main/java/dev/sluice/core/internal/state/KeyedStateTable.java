package dev.sluice.core.internal.state;

import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Keyed value state as an open-addressing hash table: power-of-two capacity, linear probing,
 * backward-shift deletion (no tombstones), at most 3/4 full. Parallel arrays hold key, value,
 * hash and key group of each entry: there is no entry object, and reading, replacing, {@code
 * getOrCreate} of an existing key and removing allocate nothing.
 *
 * <p>A slot is empty iff its hash is 0 (stored hashes have the top bit set). The key group of an
 * entry is computed once, on insert, or taken from the caller ({@link #getOrCreate(Object, int)})
 * or from the runtime's current key ({@link KeyGroupContext#setCurrentKey}).
 *
 * <p>While every key is a {@link Long} (the common case, and always so for a stage keyed with
 * {@code keyByLong}), look-ups compare key values held in a parallel {@code long[]} instead of
 * calling {@code equals} on the stored key, so no pointer is followed to a boxed key; the first
 * key of another type (or null) switches the table to {@code equals} for good.
 *
 * <p>Not thread-safe.
 */
public final class KeyedStateTable<K, S> implements KeyedState<K, S>, KeyedTable {
  static final int MIN_CAPACITY = 16;
  static final int MAX_CAPACITY = 1 << 30;

  private final String name;
  private final KeyGroupContext groups;
  private final StateCodec<K> keyCodec;
  private final StateCodec<S> valueCodec;
  private final Supplier<? extends S> initial;

  private Object[] keys;
  /** The value of each {@link Long} key; read only while {@link #longKeys}. */
  private long[] keyBits;
  /** True while every stored key is a non-null {@link Long}. */
  private boolean longKeys = true;
  private Object[] values;
  private int[] hashes;
  private int[] keyGroups;
  private int mask;
  private int size;
  private int growAt;
  private int modCount;

  public KeyedStateTable(
      String name,
      KeyGroupContext groups,
      StateCodec<K> keyCodec,
      StateCodec<S> valueCodec,
      Supplier<? extends S> initial) {
    this.name = Objects.requireNonNull(name, "name");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.keyCodec = Objects.requireNonNull(keyCodec, "keyCodec");
    this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec");
    this.initial = initial;
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    keys = new Object[capacity];
    keyBits = new long[capacity];
    values = new Object[capacity];
    hashes = new int[capacity];
    keyGroups = new int[capacity];
    mask = capacity - 1;
    growAt = capacity - (capacity >>> 2);
  }

  /** The table's hash of a key: never 0, the top bit set. */
  static int hash(Object key) {
    return mix(key == null ? 0 : key.hashCode());
  }

  static int mix(int h) {
    h *= 0x9E3779B9;
    return (h ^ (h >>> 16)) | 0x80000000;
  }

  private static boolean same(Object stored, Object key) {
    return stored == key || (key != null && key.equals(stored));
  }

  /** The slot of {@code key}, or -1. */
  private int find(Object key, int h) {
    int i = probe(key, h);
    return i >= 0 ? i : -1;
  }

  /** The slot of {@code key}, or {@code ~e} where e is the empty slot ending its probe run. */
  private int probe(Object key, int h) {
    final int[] hs = hashes;
    final int m = mask;
    if (longKeys && key instanceof Long boxed) {
      final long v = boxed;
      final long[] kb = keyBits;
      for (int i = h & m; ; i = (i + 1) & m) {
        int sh = hs[i];
        if (sh == 0) {
          return ~i;
        }
        if (sh == h && kb[i] == v) {
          return i;
        }
      }
    }
    final Object[] ks = keys;
    for (int i = h & m; ; i = (i + 1) & m) {
      int sh = hs[i];
      if (sh == 0) {
        return ~i;
      }
      if (sh == h && same(ks[i], key)) {
        return i;
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public S get(K key) {
    int i = probe(key, hash(key));
    return i >= 0 ? (S) values[i] : null;
  }

  @Override
  public S getForUpdate(K key) {
    return get(key);
  }

  @Override
  public boolean contains(K key) {
    return find(key, hash(key)) >= 0;
  }

  @Override
  public S getOrCreate(K key) {
    return getOrCreate(key, -1, hash(key));
  }

  /**
   * As {@link #getOrCreate(Object)}, with the key's group known to the caller (the runtime
   * computes it once per event); it is used only if the key is new.
   *
   * @throws IllegalStateException if {@code keyGroup} is not owned by this instance
   */
  public S getOrCreate(K key, int keyGroup) {
    if (keyGroup < 0) {
      throw new IllegalArgumentException("negative key group " + keyGroup);
    }
    return getOrCreate(key, keyGroup, hash(key));
  }

  @SuppressWarnings("unchecked")
  private S getOrCreate(K key, int keyGroup, int h) {
    int i = probe(key, h);
    if (i >= 0) {
      return (S) values[i];
    }
    i = ~i;
    int group = keyGroup >= 0 ? checkedGroup(key, keyGroup) : groups.groupOf(key);
    int expected = modCount;
    S value = createInitial(key);
    if (size >= growAt || modCount != expected) {
      // growing (or a supplier that touched this table) moves slots: probe again
      insertNew(key, value, h, group);
    } else {
      store(i, key, value, h, group);
    }
    return value;
  }

  private int checkedGroup(Object key, int keyGroup) {
    groups.checkOwned(key, keyGroup);
    return keyGroup;
  }

  private S createInitial(K key) {
    if (initial == null) {
      throw new IllegalStateException(
          "state '"
              + name
              + "' has no initial value for key "
              + key
              + ": give its descriptor one with withInitial(..), or put a value first");
    }
    S value = initial.get();
    if (value == null) {
      throw new IllegalStateException("the initial-value supplier of state '" + name + "' returned null");
    }
    return value;
  }

  @Override
  public void put(K key, S value) {
    if (value == null) {
      remove(key);
      return;
    }
    final int h = hash(key);
    int i = probe(key, h);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    i = ~i;
    int group = groups.groupOf(key);
    if (size >= growAt) {
      insertNew(key, value, h, group);
    } else {
      store(i, key, value, h, group);
    }
  }

  @Override
  public void remove(K key) {
    int i = find(key, hash(key));
    if (i >= 0) {
      removeAt(i);
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** Removes every entry, keeping the capacity. */
  public void clear() {
    java.util.Arrays.fill(keys, null);
    java.util.Arrays.fill(values, null);
    java.util.Arrays.fill(hashes, 0);
    size = 0;
    modCount++;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<? super K, ? super S> visitor) {
    final int expected = modCount;
    final int[] hs = hashes;
    for (int i = 0; i < hs.length; i++) {
      if (hs[i] != 0) {
        visitor.accept((K) keys[i], (S) values[i]);
        if (modCount != expected) {
          throw new ConcurrentModificationException(
              "state '" + name + "' was modified while visiting it");
        }
      }
    }
  }

  /** The key group of {@code key}'s entry, or -1 if absent. */
  public int keyGroupOf(K key) {
    int i = find(key, hash(key));
    return i < 0 ? -1 : keyGroups[i];
  }

  private void insertNew(Object key, Object value, int h, int group) {
    if (size >= growAt) {
      grow();
    }
    final int[] hs = hashes;
    final int m = mask;
    int i = h & m;
    while (hs[i] != 0) {
      i = (i + 1) & m;
    }
    store(i, key, value, h, group);
  }

  private void store(int i, Object key, Object value, int h, int group) {
    if (!(key instanceof Long)) {
      longKeys = false;
    }
    keys[i] = key;
    keyBits[i] = key instanceof Long l ? l : 0L;
    values[i] = value;
    hashes[i] = h;
    keyGroups[i] = group;
    size++;
    modCount++;
  }

  private void grow() {
    int capacity = hashes.length;
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException(
          "state '" + name + "' is full: " + size + " keys in one operator instance");
    }
    Object[] oldKeys = keys;
    long[] oldKeyBits = keyBits;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    int[] oldGroups = keyGroups;
    allocate(capacity << 1);
    final int m = mask;
    for (int j = 0; j < capacity; j++) {
      int h = oldHashes[j];
      if (h != 0) {
        int i = h & m;
        while (hashes[i] != 0) {
          i = (i + 1) & m;
        }
        keys[i] = oldKeys[j];
        keyBits[i] = oldKeyBits[j];
        values[i] = oldValues[j];
        hashes[i] = h;
        keyGroups[i] = oldGroups[j];
      }
    }
  }

  /** Removes the entry in slot {@code i}, shifting later entries of its probe run back. */
  private void removeAt(int i) {
    final int[] hs = hashes;
    final Object[] ks = keys;
    final long[] kb = keyBits;
    final Object[] vs = values;
    final int[] gs = keyGroups;
    final int m = mask;
    int j = i;
    while (true) {
      j = (j + 1) & m;
      int h = hs[j];
      if (h == 0) {
        break;
      }
      // the entry at j may move to i if i lies on its probe path: from its home slot to j
      if (((j - (h & m)) & m) >= ((j - i) & m)) {
        ks[i] = ks[j];
        kb[i] = kb[j];
        vs[i] = vs[j];
        hs[i] = h;
        gs[i] = gs[j];
        i = j;
      }
    }
    ks[i] = null;
    vs[i] = null;
    hs[i] = 0;
    size--;
    modCount++;
  }

  // --- snapshot support ---

  @Override
  public String name() {
    return name;
  }

  @Override
  public StateMeta meta() {
    return new StateMeta(StateKind.VALUE, keyCodec.formatId(), null, valueCodec.formatId());
  }

  @Override
  public int slotCount() {
    return hashes.length;
  }

  @Override
  public boolean occupied(int slot) {
    return hashes[slot] != 0;
  }

  @Override
  public int keyGroupAt(int slot) {
    return keyGroups[slot];
  }

  @Override
  @SuppressWarnings("unchecked")
  public void writeEntry(int slot, DataOutput out) throws IOException {
    keyCodec.encode((K) keys[slot], out);
    valueCodec.encode((S) values[slot], out);
  }

  @Override
  public void readEntry(DataInput in, int keyGroup) throws IOException {
    K key = keyCodec.decode(in);
    S value = valueCodec.decode(in);
    RestoreChecks.keyInGroup(key, keyGroup, groups.maxParallelism);
    if (value == null) {
      throw RestoreChecks.nullValue(key);
    }
    int h = hash(key);
    if (find(key, h) >= 0) {
      throw RestoreChecks.duplicate(key);
    }
    insertNew(key, value, h, checkedGroup(key, keyGroup));
  }

  @Override
  public long tableBytes() {
    return (long) hashes.length * (2L * RestoreChecks.REFERENCE_BYTES + 16);
  }

  /** For tests: the number of slots. */
  int capacity() {
    return hashes.length;
  }

  @Override
  public String toString() {
    return "KeyedStateTable[" + name + ", " + size + " keys]";
  }
}
