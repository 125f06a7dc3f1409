package dev.sluice.core.internal.state;

import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateEntryVisitor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ConcurrentModificationException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A table of (key, sub-key) → value entries, the sub-key being a namespace or a user key: the
 * storage of {@link NamespacedStateTable} and {@link MapStateTable}.
 *
 * <p>The entries live in one open-addressing table (linear probing, backward-shift deletion, at
 * most 3/4 full) of parallel arrays — key, sub-key, value, combined hash, key group, and the
 * previous and next slot among the same key's entries — so there is no entry object. A second,
 * smaller open-addressing table indexes the keys: per key its first entry's slot, its entry count
 * and its key group. Per-key operations follow the key's chain; the key group is computed once
 * per key, when its first entry is inserted.
 *
 * <p>While every key in the table is a {@link Long} (the common case, and always so for a stage
 * keyed with {@code keyByLong}), look-ups compare the keys' values in a parallel {@code long[]}
 * instead of calling {@code equals} on the stored key: no pointer is followed to a boxed key. The
 * first key of another type (or null) switches the table to {@code equals} for good.
 *
 * <p>The operations that {@link dev.sluice.core.state.NamespacedState} and {@link
 * dev.sluice.core.state.MapState} share (get, put, remove, contains, per-key clear and size,
 * visiting every entry) are implemented here once; the subclasses add what differs.
 *
 * <p>Slots are empty iff their hash is 0. Not thread-safe.
 */
abstract class CompositeKeyTable<K, X, V> implements KeyedTable {
  private static final int NONE = -1;

  final String name;
  private final KeyGroupContext groups;
  private final StateCodec<K> keyCodec;
  private final StateCodec<X> subKeyCodec;
  private final StateCodec<V> valueCodec;

  // entries
  private Object[] keys;
  /** The value of each {@link Long} key; read only while {@link #longKeys}. */
  private long[] keyBits;
  /** True while every key stored (entries and index) is a non-null {@link Long}. */
  private boolean longKeys = true;
  private Object[] subKeys;
  private Object[] values;
  private int[] hashes;
  private int[] keyGroups;
  private int[] next;
  private int[] prev;
  private int mask;
  private int size;
  private int growAt;
  int modCount;

  // key index
  private Object[] ixKeys;
  private long[] ixKeyBits;
  private int[] ixHashes;
  private int[] ixHead;
  private int[] ixCount;
  private int[] ixGroup;
  private int ixMask;
  private int ixSize;
  private int ixGrowAt;

  CompositeKeyTable(
      String name,
      KeyGroupContext groups,
      StateCodec<K> keyCodec,
      StateCodec<X> subKeyCodec,
      StateCodec<V> valueCodec) {
    this.name = Objects.requireNonNull(name, "name");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.keyCodec = Objects.requireNonNull(keyCodec, "keyCodec");
    this.subKeyCodec = Objects.requireNonNull(subKeyCodec, "subKeyCodec");
    this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec");
    allocateEntries(KeyedStateTable.MIN_CAPACITY);
    allocateIndex(KeyedStateTable.MIN_CAPACITY);
  }

  private void allocateEntries(int capacity) {
    keys = new Object[capacity];
    keyBits = new long[capacity];
    subKeys = new Object[capacity];
    values = new Object[capacity];
    hashes = new int[capacity];
    keyGroups = new int[capacity];
    next = new int[capacity];
    prev = new int[capacity];
    mask = capacity - 1;
    growAt = capacity - (capacity >>> 2);
  }

  private void allocateIndex(int capacity) {
    ixKeys = new Object[capacity];
    ixKeyBits = new long[capacity];
    ixHashes = new int[capacity];
    ixHead = new int[capacity];
    ixCount = new int[capacity];
    ixGroup = new int[capacity];
    ixMask = capacity - 1;
    ixGrowAt = capacity - (capacity >>> 2);
  }

  static int hash(Object key, Object subKey) {
    int k = key == null ? 0 : key.hashCode();
    int s = subKey == null ? 0 : subKey.hashCode();
    return KeyedStateTable.mix(k * 0x9E3779B9 + s);
  }

  private static boolean same(Object stored, Object key) {
    return stored == key || (key != null && key.equals(stored));
  }

  /** The bits stored for {@code key} in {@link #keyBits}: its value if a Long, else 0. */
  private static long bitsOf(Object key) {
    return key instanceof Long l ? l : 0L;
  }

  // --- entry look-up ---

  /** The slot of (key, subKey), or -1. */
  final int find(Object key, Object subKey, int h) {
    final int[] hs = hashes;
    final int m = mask;
    if (longKeys && key instanceof Long boxed) {
      final long v = boxed;
      final long[] kb = keyBits;
      final Object[] sk = subKeys;
      for (int i = h & m; ; i = (i + 1) & m) {
        int sh = hs[i];
        if (sh == 0) {
          return NONE;
        }
        if (sh == h && kb[i] == v && same(sk[i], subKey)) {
          return i;
        }
      }
    }
    for (int i = h & m; ; i = (i + 1) & m) {
      int sh = hs[i];
      if (sh == 0) {
        return NONE;
      }
      if (sh == h && same(subKeys[i], subKey) && same(keys[i], key)) {
        return i;
      }
    }
  }

  @SuppressWarnings("unchecked")
  final V getValue(Object key, Object subKey) {
    int i = find(key, subKey, hash(key, subKey));
    return i < 0 ? null : (V) values[i];
  }

  @SuppressWarnings("unchecked")
  final V valueAt(int slot) {
    return (V) values[slot];
  }

  final boolean containsEntry(Object key, Object subKey) {
    return find(key, subKey, hash(key, subKey)) >= 0;
  }

  /** Sets the value of (key, subKey), inserting if absent; {@code value} is not null. */
  final void putValue(Object key, Object subKey, Object value) {
    int h = hash(key, subKey);
    int i = find(key, subKey, h);
    if (i >= 0) {
      values[i] = value;
    } else {
      insertNew(key, subKey, value, h, NONE);
    }
  }

  final void removeEntry(Object key, Object subKey) {
    int i = find(key, subKey, hash(key, subKey));
    if (i >= 0) {
      removeAt(i);
    }
  }

  /**
   * Inserts an absent (key, subKey) at its hash {@code h}; {@code knownGroup} is the key's group
   * if the caller knows it, else -1.
   */
  final void insertNew(Object key, Object subKey, Object value, int h, int knownGroup) {
    int kh = KeyedStateTable.hash(key);
    int ix = findKey(key, kh);
    int group;
    if (ix < 0) {
      if (knownGroup >= 0) {
        groups.checkOwned(key, knownGroup);
        group = knownGroup;
      } else {
        group = groups.groupOf(key);
      }
    } else {
      group = ixGroup[ix];
    }
    if (size >= growAt) {
      growEntries();
    }
    final int[] hs = hashes;
    final int m = mask;
    int slot = h & m;
    while (hs[slot] != 0) {
      slot = (slot + 1) & m;
    }
    if (!(key instanceof Long)) {
      longKeys = false;
    }
    keys[slot] = key;
    keyBits[slot] = bitsOf(key);
    subKeys[slot] = subKey;
    values[slot] = value;
    hs[slot] = h;
    keyGroups[slot] = group;
    prev[slot] = NONE;
    if (ix < 0) {
      next[slot] = NONE;
      insertKey(key, kh, slot, group);
    } else {
      int head = ixHead[ix];
      next[slot] = head;
      prev[head] = slot;
      ixHead[ix] = slot;
      ixCount[ix]++;
    }
    size++;
    modCount++;
  }

  /** Removes the entry in slot {@code i}. */
  final void removeAt(int i) {
    // unlink from the key's chain
    Object key = keys[i];
    int ix = findKey(key, KeyedStateTable.hash(key));
    int p = prev[i];
    int n = next[i];
    if (p != NONE) {
      next[p] = n;
    } else {
      ixHead[ix] = n;
    }
    if (n != NONE) {
      prev[n] = p;
    }
    if (--ixCount[ix] == 0) {
      removeKeyAt(ix);
    }
    // backward shift
    final int[] hs = hashes;
    final int m = mask;
    int j = i;
    while (true) {
      j = (j + 1) & m;
      int h = hs[j];
      if (h == 0) {
        break;
      }
      if (((j - (h & m)) & m) >= ((j - i) & m)) {
        moveEntry(j, i);
        i = j;
      }
    }
    keys[i] = null;
    subKeys[i] = null;
    values[i] = null;
    hs[i] = 0;
    size--;
    modCount++;
  }

  /** Moves the entry in slot {@code from} to the empty slot {@code to}, relinking its chain. */
  private void moveEntry(int from, int to) {
    Object key = keys[from];
    keys[to] = key;
    keyBits[to] = keyBits[from];
    subKeys[to] = subKeys[from];
    values[to] = values[from];
    hashes[to] = hashes[from];
    keyGroups[to] = keyGroups[from];
    int p = prev[from];
    int n = next[from];
    prev[to] = p;
    next[to] = n;
    if (p != NONE) {
      next[p] = to;
    } else {
      ixHead[findKey(key, KeyedStateTable.hash(key))] = to;
    }
    if (n != NONE) {
      prev[n] = to;
    }
  }

  private void growEntries() {
    int capacity = hashes.length;
    if (capacity >= KeyedStateTable.MAX_CAPACITY) {
      throw new IllegalStateException(
          "state '" + name + "' is full: " + size + " entries in one operator instance");
    }
    Object[] oldKeys = keys;
    long[] oldKeyBits = keyBits;
    Object[] oldSubKeys = subKeys;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    int[] oldGroups = keyGroups;
    int[] oldNext = next;
    int[] oldPrev = prev;
    allocateEntries(capacity << 1);
    int[] moved = new int[capacity];
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
        subKeys[i] = oldSubKeys[j];
        values[i] = oldValues[j];
        hashes[i] = h;
        keyGroups[i] = oldGroups[j];
        moved[j] = i;
      }
    }
    for (int j = 0; j < capacity; j++) {
      if (oldHashes[j] != 0) {
        int i = moved[j];
        next[i] = oldNext[j] == NONE ? NONE : moved[oldNext[j]];
        prev[i] = oldPrev[j] == NONE ? NONE : moved[oldPrev[j]];
      }
    }
    for (int x = 0; x < ixHashes.length; x++) {
      if (ixHashes[x] != 0) {
        ixHead[x] = moved[ixHead[x]];
      }
    }
  }

  // --- key index ---

  private int findKey(Object key, int kh) {
    final int[] hs = ixHashes;
    final int m = ixMask;
    if (longKeys && key instanceof Long boxed) {
      final long v = boxed;
      final long[] kb = ixKeyBits;
      for (int i = kh & m; ; i = (i + 1) & m) {
        int sh = hs[i];
        if (sh == 0) {
          return NONE;
        }
        if (sh == kh && kb[i] == v) {
          return i;
        }
      }
    }
    for (int i = kh & m; ; i = (i + 1) & m) {
      int sh = hs[i];
      if (sh == 0) {
        return NONE;
      }
      if (sh == kh && same(ixKeys[i], key)) {
        return i;
      }
    }
  }

  private void insertKey(Object key, int kh, int head, int group) {
    if (ixSize >= ixGrowAt) {
      growIndex();
    }
    final int m = ixMask;
    int i = kh & m;
    while (ixHashes[i] != 0) {
      i = (i + 1) & m;
    }
    ixKeys[i] = key;
    ixKeyBits[i] = bitsOf(key);
    ixHashes[i] = kh;
    ixHead[i] = head;
    ixCount[i] = 1;
    ixGroup[i] = group;
    ixSize++;
  }

  private void removeKeyAt(int i) {
    final int[] hs = ixHashes;
    final int m = ixMask;
    int j = i;
    while (true) {
      j = (j + 1) & m;
      int h = hs[j];
      if (h == 0) {
        break;
      }
      if (((j - (h & m)) & m) >= ((j - i) & m)) {
        ixKeys[i] = ixKeys[j];
        ixKeyBits[i] = ixKeyBits[j];
        hs[i] = h;
        ixHead[i] = ixHead[j];
        ixCount[i] = ixCount[j];
        ixGroup[i] = ixGroup[j];
        i = j;
      }
    }
    ixKeys[i] = null;
    hs[i] = 0;
    ixCount[i] = 0;
    ixSize--;
  }

  private void growIndex() {
    int capacity = ixHashes.length;
    if (capacity >= KeyedStateTable.MAX_CAPACITY) {
      throw new IllegalStateException(
          "state '" + name + "' is full: " + ixSize + " keys in one operator instance");
    }
    Object[] oldKeys = ixKeys;
    long[] oldKeyBits = ixKeyBits;
    int[] oldHashes = ixHashes;
    int[] oldHead = ixHead;
    int[] oldCount = ixCount;
    int[] oldGroup = ixGroup;
    allocateIndex(capacity << 1);
    final int m = ixMask;
    for (int j = 0; j < capacity; j++) {
      int h = oldHashes[j];
      if (h != 0) {
        int i = h & m;
        while (ixHashes[i] != 0) {
          i = (i + 1) & m;
        }
        ixKeys[i] = oldKeys[j];
        ixKeyBits[i] = oldKeyBits[j];
        ixHashes[i] = h;
        ixHead[i] = oldHead[j];
        ixCount[i] = oldCount[j];
        ixGroup[i] = oldGroup[j];
      }
    }
  }

  // --- the operations NamespacedState and MapState share ---

  /** The value of (key, subKey), or null. */
  public final V get(K key, X subKey) {
    return getValue(key, subKey);
  }

  /** The value of (key, subKey) for update in place, or null. */
  public final V getForUpdate(K key, X subKey) {
    return getValue(key, subKey);
  }

  /** Sets the value of (key, subKey); null removes it. */
  public final void put(K key, X subKey, V value) {
    if (value == null) {
      removeEntry(key, subKey);
    } else {
      putValue(key, subKey, value);
    }
  }

  /** Removes (key, subKey), if present. */
  public final void remove(K key, X subKey) {
    removeEntry(key, subKey);
  }

  /** True if (key, subKey) has a value. */
  public final boolean contains(K key, X subKey) {
    return containsEntry(key, subKey);
  }

  /** Visits every (key, subKey, value); the visitor must not modify the table. */
  public final void forEach(StateEntryVisitor<? super K, ? super X, ? super V> visitor) {
    forEachEntry(visitor);
  }

  /** Removes every entry of {@code key}. */
  public final void clear(K key) {
    clearKey(key);
  }

  /** How many entries {@code key} has. */
  public final int size(K key) {
    return sizeOfKey(key);
  }

  /** How many keys have at least one entry. */
  public final int keyCount() {
    return ixSize;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", " + size + " entries]";
  }

  // --- per-key operations ---

  @SuppressWarnings("unchecked")
  final void forEachOfKey(Object key, BiConsumer<? super X, ? super V> visitor) {
    int ix = findKey(key, KeyedStateTable.hash(key));
    if (ix < 0) {
      return;
    }
    final int expected = modCount;
    for (int s = ixHead[ix]; s != NONE; s = next[s]) {
      visitor.accept((X) subKeys[s], (V) values[s]);
      if (modCount != expected) {
        throw modifiedWhileVisiting();
      }
    }
  }

  @SuppressWarnings("unchecked")
  final void forEachEntry(StateEntryVisitor<? super K, ? super X, ? super V> visitor) {
    final int expected = modCount;
    final int[] hs = hashes;
    for (int i = 0; i < hs.length; i++) {
      if (hs[i] != 0) {
        visitor.visit((K) keys[i], (X) subKeys[i], (V) values[i]);
        if (modCount != expected) {
          throw modifiedWhileVisiting();
        }
      }
    }
  }

  private ConcurrentModificationException modifiedWhileVisiting() {
    return new ConcurrentModificationException(
        "state '" + name + "' was modified while visiting it");
  }

  final void clearKey(Object key) {
    int kh = KeyedStateTable.hash(key);
    for (int ix = findKey(key, kh); ix >= 0; ix = findKey(key, kh)) {
      removeAt(ixHead[ix]);
    }
  }

  final int sizeOfKey(Object key) {
    int ix = findKey(key, KeyedStateTable.hash(key));
    return ix < 0 ? 0 : ixCount[ix];
  }

  @Override
  public final int size() {
    return size;
  }

  // --- snapshot support ---

  @Override
  public final String name() {
    return name;
  }

  abstract StateKind kind();

  @Override
  public final StateMeta meta() {
    return new StateMeta(
        kind(), keyCodec.formatId(), subKeyCodec.formatId(), valueCodec.formatId());
  }

  @Override
  public final int slotCount() {
    return hashes.length;
  }

  @Override
  public final boolean occupied(int slot) {
    return hashes[slot] != 0;
  }

  @Override
  public final int keyGroupAt(int slot) {
    return keyGroups[slot];
  }

  @Override
  @SuppressWarnings("unchecked")
  public final void writeEntry(int slot, DataOutput out) throws IOException {
    keyCodec.encode((K) keys[slot], out);
    subKeyCodec.encode((X) subKeys[slot], out);
    valueCodec.encode((V) values[slot], out);
  }

  @Override
  public final void readEntry(DataInput in, int keyGroup) throws IOException {
    K key = keyCodec.decode(in);
    X subKey = subKeyCodec.decode(in);
    V value = valueCodec.decode(in);
    RestoreChecks.keyInGroup(key, keyGroup, groups.maxParallelism);
    if (value == null) {
      throw RestoreChecks.nullValue(key);
    }
    int h = hash(key, subKey);
    if (find(key, subKey, h) >= 0) {
      throw new IllegalStateException("entry (" + key + ", " + subKey + ") occurs twice");
    }
    insertNew(key, subKey, value, h, keyGroup);
  }

  @Override
  public final long tableBytes() {
    return (long) hashes.length * (3L * RestoreChecks.REFERENCE_BYTES + 24)
        + (long) ixHashes.length * (RestoreChecks.REFERENCE_BYTES + 24);
  }

  /** For tests: checks every invariant of the two tables and the chains. */
  final void checkInvariants() {
    int entries = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] == 0) {
        continue;
      }
      entries++;
      check(hashes[i] == hash(keys[i], subKeys[i]), "stored hash of slot " + i);
      check(find(keys[i], subKeys[i], hashes[i]) == i, "slot " + i + " reachable by probing");
      int ix = findKey(keys[i], KeyedStateTable.hash(keys[i]));
      check(ix >= 0, "key of slot " + i + " indexed");
      check(ixGroup[ix] == keyGroups[i], "key group of slot " + i);
      check(!longKeys || (keys[i] instanceof Long l && keyBits[i] == l), "key bits of slot " + i);
    }
    check(entries == size, "size " + size + " vs " + entries + " entries");
    int keysSeen = 0;
    int chained = 0;
    for (int x = 0; x < ixHashes.length; x++) {
      if (ixHashes[x] == 0) {
        continue;
      }
      keysSeen++;
      int count = 0;
      int p = NONE;
      for (int s = ixHead[x]; s != NONE; s = next[s]) {
        check(hashes[s] != 0 && same(keys[s], ixKeys[x]), "chain of key " + ixKeys[x]);
        check(prev[s] == p, "prev link at slot " + s);
        p = s;
        count++;
        check(count <= size, "chain of key " + ixKeys[x] + " is cyclic");
      }
      check(count == ixCount[x] && count > 0, "count of key " + ixKeys[x]);
      chained += count;
    }
    check(keysSeen == ixSize, "key count");
    check(chained == size, "chained entries " + chained + " vs size " + size);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("invariant broken: " + what);
    }
  }

  int capacity() {
    return hashes.length;
  }
}
