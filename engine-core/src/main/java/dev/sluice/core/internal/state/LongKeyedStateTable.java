package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keyed value state for primitive {@code long} keys (for a {@code keyBy(ToLongFunction)}): the
 * same open-addressing table as {@link KeyedStateTable} over a {@code long[]} of keys, so that no
 * key is boxed. A slot is empty iff its value is null. Its snapshot blocks are those of a value
 * state whose key codec is {@link dev.sluice.core.state.StateCodecs#longs()}.
 *
 * <p>Not thread-safe.
 */
public final class LongKeyedStateTable<S> implements KeyedTable {

  /** Visits a (key, value) entry. */
  @FunctionalInterface
  public interface LongEntryVisitor<S> {
    void visit(long key, S value);
  }

  private final String name;
  private final KeyGroupContext groups;
  private final StateCodec<S> valueCodec;
  private final Supplier<? extends S> initial;

  private long[] keys;
  private Object[] values;
  private int mask;
  private int size;
  private int growAt;
  private int modCount;

  public LongKeyedStateTable(
      String name, KeyGroupContext groups, StateCodec<S> valueCodec, Supplier<? extends S> initial) {
    this.name = Objects.requireNonNull(name, "name");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec");
    this.initial = initial;
    allocate(KeyedStateTable.MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    growAt = capacity - (capacity >>> 2);
  }

  static int hash(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
  }

  private int find(long key) {
    final long[] ks = keys;
    final Object[] vs = values;
    final int m = mask;
    for (int i = hash(key) & m; ; i = (i + 1) & m) {
      if (vs[i] == null) {
        return -1;
      }
      if (ks[i] == key) {
        return i;
      }
    }
  }

  /** The value of {@code key}, or null; for inspection. */
  @SuppressWarnings("unchecked")
  public S get(long key) {
    int i = find(key);
    return i < 0 ? null : (S) values[i];
  }

  /** The value of {@code key} for update, or null. */
  public S getForUpdate(long key) {
    return get(key);
  }

  public boolean contains(long key) {
    return find(key) >= 0;
  }

  /** The value of {@code key} for update, created with the initial supplier if absent. */
  @SuppressWarnings("unchecked")
  public S getOrCreate(long key) {
    final long[] ks = keys;
    final Object[] vs = values;
    final int m = mask;
    int i = hash(key) & m;
    for (; ; i = (i + 1) & m) {
      Object v = vs[i];
      if (v == null) {
        break;
      }
      if (ks[i] == key) {
        return (S) v;
      }
    }
    groups.groupOfLong(key); // checks the key is owned
    int expected = modCount;
    S value = createInitial(key);
    if (size >= growAt || modCount != expected) {
      insertNew(key, value);
    } else {
      store(i, key, value);
    }
    return value;
  }

  private S createInitial(long key) {
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

  /** Sets the value of {@code key}; null removes it. */
  public void put(long key, S value) {
    if (value == null) {
      remove(key);
      return;
    }
    int i = find(key);
    if (i >= 0) {
      values[i] = value;
    } else {
      groups.groupOfLong(key);
      insertNew(key, value);
    }
  }

  /** Removes the value of {@code key}, if any. */
  public void remove(long key) {
    int i = find(key);
    if (i >= 0) {
      removeAt(i);
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** Visits every entry, for inspection; the visitor must not add or remove entries. */
  @SuppressWarnings("unchecked")
  public void forEach(LongEntryVisitor<? super S> visitor) {
    final int expected = modCount;
    final Object[] vs = values;
    for (int i = 0; i < vs.length; i++) {
      if (vs[i] != null) {
        visitor.visit(keys[i], (S) vs[i]);
        if (modCount != expected) {
          throw new ConcurrentModificationException(
              "state '" + name + "' was modified while visiting it");
        }
      }
    }
  }

  private void insertNew(long key, Object value) {
    if (size >= growAt) {
      grow();
    }
    final Object[] vs = values;
    final int m = mask;
    int i = hash(key) & m;
    while (vs[i] != null) {
      i = (i + 1) & m;
    }
    store(i, key, value);
  }

  private void store(int i, long key, Object value) {
    keys[i] = key;
    values[i] = value;
    size++;
    modCount++;
  }

  private void grow() {
    int capacity = values.length;
    if (capacity >= KeyedStateTable.MAX_CAPACITY) {
      throw new IllegalStateException(
          "state '" + name + "' is full: " + size + " keys in one operator instance");
    }
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(capacity << 1);
    final int m = mask;
    for (int j = 0; j < capacity; j++) {
      if (oldValues[j] != null) {
        int i = hash(oldKeys[j]) & m;
        while (values[i] != null) {
          i = (i + 1) & m;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private void removeAt(int i) {
    final long[] ks = keys;
    final Object[] vs = values;
    final int m = mask;
    int j = i;
    while (true) {
      j = (j + 1) & m;
      if (vs[j] == null) {
        break;
      }
      if (((j - (hash(ks[j]) & m)) & m) >= ((j - i) & m)) {
        ks[i] = ks[j];
        vs[i] = vs[j];
        i = j;
      }
    }
    vs[i] = null;
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
    return new StateMeta(StateKind.VALUE, "long", null, valueCodec.formatId());
  }

  @Override
  public int slotCount() {
    return values.length;
  }

  @Override
  public boolean occupied(int slot) {
    return values[slot] != null;
  }

  @Override
  public int keyGroupAt(int slot) {
    return dev.sluice.core.state.KeyGroups.groupOfLong(keys[slot], groups.maxParallelism);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void writeEntry(int slot, DataOutput out) throws IOException {
    out.writeLong(keys[slot]);
    valueCodec.encode((S) values[slot], out);
  }

  @Override
  public void readEntry(DataInput in, int keyGroup) throws IOException {
    long key = in.readLong();
    S value = valueCodec.decode(in);
    RestoreChecks.keyInGroup(key, keyGroup, groups.maxParallelism);
    if (value == null) {
      throw RestoreChecks.nullValue(key);
    }
    if (find(key) >= 0) {
      throw RestoreChecks.duplicate(key);
    }
    groups.groupOfLong(key);
    insertNew(key, value);
  }

  @Override
  public long tableBytes() {
    return (long) values.length * (8 + RestoreChecks.REFERENCE_BYTES);
  }

  int capacity() {
    return values.length;
  }

  @Override
  public String toString() {
    return "LongKeyedStateTable[" + name + ", " + size + " keys]";
  }
}
