package dev.sluice.core.internal.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * The timers of one operator instance in one time domain (event time or processing time): a
 * priority queue of timers ordered by (time, registration sequence), so that timers with equal
 * times fire in the order they were registered, with an index on (key, namespace, time) that makes
 * registration idempotent and deletion direct.
 *
 * <p>A timer is identified by its key (never null, compared with {@code equals}), its namespace
 * (for example a window; compared with {@code equals}; {@code null} means "no namespace" and is
 * distinct from every non-null namespace) and its time (compared with {@code ==}). Its key group
 * is carried along for snapshots and is not part of its identity.
 *
 * <p><b>Firing</b> is resumable and copies nothing: {@link #pollDue(long)} removes the earliest
 * timer if it is due and exposes it through {@link #firedKey()}, {@link #firedNamespace()},
 * {@link #firedTime()} and {@link #firedKeyGroup()} until the next poll. A caller fires with
 * {@code while (outputHasRoom() && heap.pollDue(watermark)) onTimer(heap.firedKey(), ...)} and
 * may stop after any timer and resume on a later call. Timers deleted while others are firing
 * never fire; timers registered while others are firing are in the heap at once and fire in the
 * same loop if they are due, even if their time is earlier than the timer being fired.
 *
 * <p><b>Storage.</b> No object is created per timer. Each timer occupies a slot in parallel
 * per-slot arrays (key, the value of a {@link Long} key, namespace, time, key group, heap position,
 * hash); free slots are recycled through an int stack. The heap is a d-ary heap (d = 2, 4 or 8)
 * over parallel arrays of time, sequence and slot, so comparisons read contiguous memory. The
 * index is an open-addressing hash table of {@code (hash << 32) | (slot + 1)} with linear probing
 * and backward-shift deletion, twice as long as the slot arrays, so its load never exceeds one
 * half; since each entry carries its hash, probing and deleting touch only the index. While every
 * key is a {@link Long} (the common case), keys are compared by their values held in a {@code
 * long[]} rather than with {@code equals}, so no boxed key is dereferenced. All arrays double together when the heap is
 * full; the heap never shrinks by itself (so a steady cycle of registering and firing allocates
 * nothing), only when {@link #trimToSize()} is called.
 *
 * <p><b>Threading.</b> Not thread-safe: one instance belongs to one operator instance and is used
 * only by the thread that currently runs that operator.
 *
 * <p><b>Allocation.</b> Registering a new timer allocates nothing unless the arrays have to grow;
 * registering a duplicate, deleting, {@link #contains}, {@link #pollDue(long)} and {@link
 * #visit(TimerVisitor)} allocate nothing. Growth and {@link #trimToSize()} allocate the new arrays.
 *
 * <p><b>Failures.</b> A null key or a negative key group is rejected with an exception before
 * anything changes. An exception thrown by a key's or namespace's {@code hashCode} or {@code
 * equals} propagates and leaves the heap unchanged, as does an {@link OutOfMemoryError} while
 * growing. Keys and namespaces must not change their {@code hashCode}/{@code equals} while a timer
 * holds them (as for {@link java.util.HashMap} keys); if they do, the timer can no longer be found
 * for deletion or deduplication, but it still fires. Mutating the heap from inside {@link
 * #visit(TimerVisitor)} throws {@link IllegalStateException}.
 */
public final class TimerHeap {
  /** The capacity a heap starts with when none is given. */
  public static final int DEFAULT_INITIAL_CAPACITY = 16;

  /** The heap's arity when none is given: children per node. */
  public static final int DEFAULT_ARITY = 4;

  /** The largest number of timers one heap holds (the index is twice as long). */
  public static final int MAX_CAPACITY = 1 << 29;

  /** Receives every timer of a heap, for snapshots. */
  @FunctionalInterface
  public interface TimerVisitor {
    /**
     * Called once per timer.
     *
     * @param key the timer's key
     * @param keyGroup the timer's key group
     * @param namespace the timer's namespace, or null
     * @param time the timer's time
     * @param sequence the timer's registration sequence number, to pass to {@link
     *     TimerHeap#restore}
     */
    void onTimer(Object key, int keyGroup, Object namespace, long time, long sequence);
  }

  private final int arityShift;
  private final int minCapacity;

  // The heap, in heap order: position p holds the timer (heapTime[p], heapSequence[p]) stored in
  // slot heapSlot[p]. Positions [0, size) are live.
  private long[] heapTime;
  private long[] heapSequence;
  private int[] heapSlot;
  private int size;

  // Per slot. Slots [0, usedSlots) have been handed out; the free ones among them are on the
  // freeSlots stack, [0, freeCount). Free slots hold no references.
  private Object[] slotKey;
  /** The value of each slot's key if it is a {@link Long}; read only while {@link #longKeys}. */
  private long[] slotKeyBits;
  /** True while every key registered so far is a {@link Long}. */
  private boolean longKeys = true;
  private long[] slotTime;
  private Object[] slotNamespace;
  private int[] slotKeyGroup;
  private int[] slotHeapPosition;
  private int[] slotHash;
  private int[] freeSlots;
  private int freeCount;
  private int usedSlots;

  // Index on (key, namespace, time): (hash << 32) | (slot + 1), 0 meaning empty. Length 2 *
  // capacity.
  private long[] index;
  private int indexMask;

  private long nextSequence;
  private boolean visiting;

  private boolean hasFired;
  private Object firedKey;
  private Object firedNamespace;
  private long firedTime;
  private long firedSequence;
  private int firedKeyGroup;

  /** Creates an empty 4-ary heap with room for {@value #DEFAULT_INITIAL_CAPACITY} timers. */
  public TimerHeap() {
    this(DEFAULT_INITIAL_CAPACITY, DEFAULT_ARITY);
  }

  /**
   * Creates an empty heap.
   *
   * @param initialCapacity timers it holds before it first grows (rounded up to a power of two,
   *     at least 2); also the smallest size {@link #trimToSize()} shrinks it to
   * @param arity children per heap node: 2, 4 or 8
   * @throws IllegalArgumentException if the capacity is not in [1, {@value #MAX_CAPACITY}] or the
   *     arity is not 2, 4 or 8
   */
  public TimerHeap(int initialCapacity, int arity) {
    if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "timer heap initialCapacity must be in [1, " + MAX_CAPACITY + "]: " + initialCapacity);
    }
    if (arity != 2 && arity != 4 && arity != 8) {
      throw new IllegalArgumentException("timer heap arity must be 2, 4 or 8: " + arity);
    }
    this.arityShift = Integer.numberOfTrailingZeros(arity);
    this.minCapacity = Math.max(2, ceilingPowerOfTwo(initialCapacity));
    rebuild(minCapacity);
  }

  /**
   * Registers a timer with the next registration sequence number, unless an equal timer (same
   * key, namespace and time) exists; then nothing changes and the existing timer keeps its place.
   *
   * @return true if the timer was added, false if it existed
   * @throws NullPointerException if the key is null
   * @throws IllegalArgumentException if the key group is negative
   * @throws IllegalStateException if called from inside {@link #visit} or the heap holds {@value
   *     #MAX_CAPACITY} timers
   */
  public boolean register(Object key, int keyGroup, Object namespace, long time) {
    checkMutable();
    checkKey(key, keyGroup);
    int hash = hash(key, namespace, time);
    int probe = probe(key, namespace, time, hash);
    if (probe >= 0) {
      return false;
    }
    add(key, keyGroup, namespace, time, nextSequence, hash, ~probe);
    nextSequence++;
    return true;
  }

  /**
   * Adds a timer taken from a snapshot with its original sequence number, so that timers with equal
   * times keep their order; later registrations get sequence numbers above every restored one.
   * Timers may be restored in any order. If an equal timer exists nothing changes. Sequence
   * numbers should be unique (they are when they come from one heap's {@link #visit}); among timers
   * with equal time and equal sequence the firing order is unspecified.
   *
   * @return true if the timer was added, false if it existed
   * @throws NullPointerException if the key is null
   * @throws IllegalArgumentException if the key group or the sequence is negative, or the sequence
   *     is {@link Long#MAX_VALUE}
   * @throws IllegalStateException as {@link #register}
   */
  public boolean restore(Object key, int keyGroup, Object namespace, long time, long sequence) {
    checkMutable();
    checkKey(key, keyGroup);
    if (sequence < 0 || sequence == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "restored timer sequence must be in [0, Long.MAX_VALUE): " + sequence + " (key " + key
              + ", time " + time + ")");
    }
    int hash = hash(key, namespace, time);
    int probe = probe(key, namespace, time, hash);
    if (probe >= 0) {
      return false;
    }
    add(key, keyGroup, namespace, time, sequence, hash, ~probe);
    nextSequence = Math.max(nextSequence, sequence + 1);
    return true;
  }

  /**
   * Deletes a timer. A deleted timer never fires, also when it is deleted while timers of the same
   * time are firing.
   *
   * @return true if the timer existed
   * @throws NullPointerException if the key is null
   * @throws IllegalStateException if called from inside {@link #visit}
   */
  public boolean delete(Object key, Object namespace, long time) {
    checkMutable();
    Objects.requireNonNull(key, "timer key");
    int hash = hash(key, namespace, time);
    int probe = probe(key, namespace, time, hash);
    if (probe < 0) {
      return false;
    }
    int slot = (int) index[probe] - 1;
    removeIndexEntry(probe);
    removeHeapPosition(slotHeapPosition[slot]);
    releaseSlot(slot);
    return true;
  }

  /**
   * Whether a timer with this key, namespace and time is registered (a timer being fired is no
   * longer registered).
   *
   * @throws NullPointerException if the key is null
   */
  public boolean contains(Object key, Object namespace, long time) {
    Objects.requireNonNull(key, "timer key");
    return probe(key, namespace, time, hash(key, namespace, time)) >= 0;
  }

  /** The number of registered timers. */
  public int size() {
    return size;
  }

  /** Whether no timer is registered. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * The earliest registered time, or {@link Long#MAX_VALUE} if the heap is empty (a timer at
   * {@code Long.MAX_VALUE} gives the same answer; use {@link #isEmpty()} to tell them apart).
   */
  public long peekTime() {
    return size == 0 ? Long.MAX_VALUE : heapTime[0];
  }

  /**
   * Removes the earliest timer if its time is at or before {@code upToInclusive} and makes it the
   * fired timer, readable through the {@code fired*} methods until the next call. Returns false,
   * and forgets the previous fired timer, when no timer is due.
   *
   * @return true if a timer was removed
   * @throws IllegalStateException if called from inside {@link #visit}
   */
  public boolean pollDue(long upToInclusive) {
    checkMutable();
    if (size == 0 || heapTime[0] > upToInclusive) {
      clearFired();
      return false;
    }
    int slot = heapSlot[0];
    hasFired = true;
    firedKey = slotKey[slot];
    firedNamespace = slotNamespace[slot];
    firedKeyGroup = slotKeyGroup[slot];
    firedTime = heapTime[0];
    firedSequence = heapSequence[0];
    removeIndexEntry(indexPositionOf(slot));
    removeHeapPosition(0);
    releaseSlot(slot);
    return true;
  }

  /**
   * The key of the timer the last successful {@link #pollDue} removed.
   *
   * @throws IllegalStateException if the last poll removed nothing
   */
  public Object firedKey() {
    checkFired();
    return firedKey;
  }

  /**
   * The namespace (possibly null) of the timer the last successful {@link #pollDue} removed.
   *
   * @throws IllegalStateException if the last poll removed nothing
   */
  public Object firedNamespace() {
    checkFired();
    return firedNamespace;
  }

  /**
   * The time of the timer the last successful {@link #pollDue} removed.
   *
   * @throws IllegalStateException if the last poll removed nothing
   */
  public long firedTime() {
    checkFired();
    return firedTime;
  }

  /**
   * The key group of the timer the last successful {@link #pollDue} removed.
   *
   * @throws IllegalStateException if the last poll removed nothing
   */
  public int firedKeyGroup() {
    checkFired();
    return firedKeyGroup;
  }

  /**
   * The registration sequence number of the timer the last successful {@link #pollDue} removed.
   *
   * @throws IllegalStateException if the last poll removed nothing
   */
  public long firedSequence() {
    checkFired();
    return firedSequence;
  }

  /**
   * Calls the visitor once for every registered timer, in heap order (not sorted: the sequence
   * numbers restore the order). The visitor must not modify this heap.
   *
   * @throws IllegalStateException if called from inside another visit, or if the visitor modifies
   *     the heap (the visit stops there)
   */
  public void visit(TimerVisitor visitor) {
    Objects.requireNonNull(visitor, "visitor");
    checkMutable();
    visiting = true;
    try {
      for (int position = 0; position < size; position++) {
        int slot = heapSlot[position];
        visitor.onTimer(
            slotKey[slot],
            slotKeyGroup[slot],
            slotNamespace[slot],
            heapTime[position],
            heapSequence[position]);
      }
    } finally {
      visiting = false;
    }
  }

  /**
   * Removes every timer and forgets the fired timer; keeps the capacity and the sequence counter.
   *
   * @throws IllegalStateException if called from inside {@link #visit}
   */
  public void clear() {
    checkMutable();
    Arrays.fill(slotKey, 0, usedSlots, null);
    Arrays.fill(slotNamespace, 0, usedSlots, null);
    Arrays.fill(index, 0);
    size = 0;
    usedSlots = 0;
    freeCount = 0;
    clearFired();
  }

  /**
   * Shrinks the arrays to the smallest power of two that holds the current timers (not below the
   * initial capacity), compacting the slots. Order and sequence numbers are kept.
   *
   * @throws IllegalStateException if called from inside {@link #visit}
   */
  public void trimToSize() {
    checkMutable();
    int target = Math.max(minCapacity, ceilingPowerOfTwo(Math.max(size, 1)));
    if (target < capacity()) {
      rebuild(target);
    }
  }

  /** The number of timers this heap holds before it grows. */
  public int capacity() {
    return slotKey.length;
  }

  // ---- package-private views for tests ----

  /** Slots whose key or namespace reference is non-null; equals the live slots if none leak. */
  int slotsHoldingReferences() {
    int count = 0;
    for (int slot = 0; slot < slotKey.length; slot++) {
      if (slotKey[slot] != null || slotNamespace[slot] != null) {
        count++;
      }
    }
    return count;
  }

  /** Checks every internal invariant; throws AssertionError naming the first one broken. */
  void checkInvariants() {
    int capacity = slotKey.length;
    require(size + freeCount == usedSlots, "size + free == used slots");
    require(index.length == 2 * capacity, "index twice the capacity");
    boolean[] live = new boolean[capacity];
    for (int position = 0; position < size; position++) {
      int slot = heapSlot[position];
      require(slot >= 0 && slot < usedSlots && !live[slot], "heap slot valid and unique");
      live[slot] = true;
      require(slotHeapPosition[slot] == position, "slot heap position matches");
      require(slotKey[slot] != null, "live slot has a key");
      if (position > 0) {
        int parent = (position - 1) >> arityShift;
        require(
            !less(heapTime[position], heapSequence[position], parent), "heap order at " + position);
      }
      Object key = slotKey[slot];
      Object namespace = slotNamespace[slot];
      require(slotHash[slot] == hash(key, namespace, heapTime[position]), "stored hash");
      int probe = probe(key, namespace, heapTime[position], slotHash[slot]);
      require(probe >= 0 && (int) index[probe] == slot + 1, "timer found in index");
      require(slotTime[slot] == heapTime[position], "slot time");
      require(!longKeys || (key instanceof Long l && slotKeyBits[slot] == l), "slot key bits");
      require(heapSequence[position] < nextSequence, "sequence below next");
    }
    for (int slot = 0; slot < capacity; slot++) {
      if (!live[slot]) {
        require(slotKey[slot] == null && slotNamespace[slot] == null, "free slot " + slot + " clear");
      }
    }
    for (int i = 0; i < freeCount; i++) {
      int slot = freeSlots[i];
      require(slot >= 0 && slot < usedSlots && !live[slot], "free slot valid, unique, not live");
      live[slot] = true;
    }
    int entries = 0;
    for (long entry : index) {
      if (entry != 0) {
        entries++;
      }
    }
    require(entries == size, "index holds exactly the live timers");
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("timer heap invariant broken: " + what);
    }
  }

  // ---- internals ----

  private void add(
      Object key, int keyGroup, Object namespace, long time, long sequence, int hash, int free) {
    int indexPosition = free;
    if (size == slotKey.length) {
      if (size >= MAX_CAPACITY) {
        throw new IllegalStateException(
            "timer heap is full: it holds " + size + " timers, the maximum");
      }
      rebuild(size << 1);
      indexPosition = emptyIndexPosition(hash);
    }
    int slot = freeCount > 0 ? freeSlots[--freeCount] : usedSlots++;
    if (!(key instanceof Long)) {
      longKeys = false;
    }
    slotKey[slot] = key;
    slotKeyBits[slot] = key instanceof Long l ? l : 0L;
    slotNamespace[slot] = namespace;
    slotTime[slot] = time;
    slotKeyGroup[slot] = keyGroup;
    slotHash[slot] = hash;
    index[indexPosition] = entry(hash, slot);
    siftUp(size++, time, sequence, slot);
  }

  private void releaseSlot(int slot) {
    slotKey[slot] = null;
    slotNamespace[slot] = null;
    freeSlots[freeCount++] = slot;
  }

  private static long entry(int hash, int slot) {
    return ((long) hash << 32) | (slot + 1);
  }

  /** Index position of the equal timer, or {@code ~p} where p is the empty position to use. */
  private int probe(Object key, Object namespace, long time, int hash) {
    final long[] table = index;
    final int mask = indexMask;
    int i = hash & mask;
    if (longKeys && key instanceof Long boxed) {
      final long k = boxed;
      while (true) {
        long entry = table[i];
        if (entry == 0) {
          return ~i;
        }
        int slot = (int) entry - 1;
        if ((int) (entry >>> 32) == hash
            && slotTime[slot] == time
            && slotKeyBits[slot] == k
            && sameObject(slotNamespace[slot], namespace)) {
          return i;
        }
        i = (i + 1) & mask;
      }
    }
    while (true) {
      long entry = table[i];
      if (entry == 0) {
        return ~i;
      }
      int slot = (int) entry - 1;
      if ((int) (entry >>> 32) == hash
          && slotTime[slot] == time
          && sameObject(slotKey[slot], key)
          && sameObject(slotNamespace[slot], namespace)) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private static boolean sameObject(Object stored, Object given) {
    return stored == given || (stored != null && stored.equals(given));
  }

  private int emptyIndexPosition(int hash) {
    final long[] table = index;
    final int mask = indexMask;
    int i = hash & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private int indexPositionOf(int slot) {
    final long[] table = index;
    final int mask = indexMask;
    final int entry = slot + 1;
    int i = slotHash[slot] & mask;
    while ((int) table[i] != entry) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Backward-shift deletion: moves later entries of the probe run into the hole. */
  private void removeIndexEntry(int position) {
    final long[] table = index;
    final int mask = indexMask;
    int hole = position;
    int i = (position + 1) & mask;
    long entry;
    while ((entry = table[i]) != 0) {
      int home = (int) (entry >>> 32) & mask;
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        table[hole] = entry;
        hole = i;
      }
      i = (i + 1) & mask;
    }
    table[hole] = 0;
  }

  private void removeHeapPosition(int position) {
    int last = --size;
    if (position == last) {
      return;
    }
    long time = heapTime[last];
    long sequence = heapSequence[last];
    int slot = heapSlot[last];
    if (position > 0 && less(time, sequence, (position - 1) >> arityShift)) {
      siftUp(position, time, sequence, slot);
    } else {
      siftDown(position, time, sequence, slot);
    }
  }

  /** Whether (time, sequence) orders before the timer at heap position {@code position}. */
  private boolean less(long time, long sequence, int position) {
    long other = heapTime[position];
    return time < other || (time == other && sequence < heapSequence[position]);
  }

  private void siftUp(int position, long time, long sequence, int slot) {
    final long[] times = heapTime;
    final long[] sequences = heapSequence;
    final int[] slots = heapSlot;
    final int shift = arityShift;
    while (position > 0) {
      int parent = (position - 1) >> shift;
      long parentTime = times[parent];
      if (parentTime < time || (parentTime == time && sequences[parent] <= sequence)) {
        break;
      }
      int parentSlot = slots[parent];
      times[position] = parentTime;
      sequences[position] = sequences[parent];
      slots[position] = parentSlot;
      slotHeapPosition[parentSlot] = position;
      position = parent;
    }
    times[position] = time;
    sequences[position] = sequence;
    slots[position] = slot;
    slotHeapPosition[slot] = position;
  }

  private void siftDown(int position, long time, long sequence, int slot) {
    final long[] times = heapTime;
    final long[] sequences = heapSequence;
    final int[] slots = heapSlot;
    final int shift = arityShift;
    final int n = size;
    // Positions above lastParent have no children; computing it first avoids overflowing
    // (position << shift) near MAX_CAPACITY.
    final int lastParent = (n - 2) >> shift;
    while (position <= lastParent) {
      int first = (position << shift) + 1;
      int end = Math.min(first + (1 << shift), n);
      int best = first;
      long bestTime = times[first];
      long bestSequence = sequences[first];
      for (int child = first + 1; child < end; child++) {
        long childTime = times[child];
        if (childTime < bestTime || (childTime == bestTime && sequences[child] < bestSequence)) {
          best = child;
          bestTime = childTime;
          bestSequence = sequences[child];
        }
      }
      if (time < bestTime || (time == bestTime && sequence <= bestSequence)) {
        break;
      }
      int bestSlot = slots[best];
      times[position] = bestTime;
      sequences[position] = bestSequence;
      slots[position] = bestSlot;
      slotHeapPosition[bestSlot] = position;
      position = best;
    }
    times[position] = time;
    sequences[position] = sequence;
    slots[position] = slot;
    slotHeapPosition[slot] = position;
  }

  /**
   * Replaces every array with one of {@code capacity} (at least {@link #size}), compacting the live
   * timers into slots 0..size-1 in heap order and rebuilding the index. All new arrays are
   * allocated before any field changes, so running out of memory leaves the heap as it was.
   */
  private void rebuild(int capacity) {
    long[] newTime = new long[capacity];
    long[] newSequence = new long[capacity];
    int[] newHeapSlot = new int[capacity];
    Object[] newKey = new Object[capacity];
    long[] newKeyBits = new long[capacity];
    long[] newSlotTime = new long[capacity];
    Object[] newNamespace = new Object[capacity];
    int[] newKeyGroup = new int[capacity];
    int[] newHeapPosition = new int[capacity];
    int[] newHash = new int[capacity];
    int[] newFree = new int[capacity];
    long[] newIndex = new long[capacity << 1];
    int newMask = newIndex.length - 1;
    for (int position = 0; position < size; position++) {
      int slot = heapSlot[position];
      newTime[position] = heapTime[position];
      newSequence[position] = heapSequence[position];
      newHeapSlot[position] = position;
      newKey[position] = slotKey[slot];
      newKeyBits[position] = slotKeyBits[slot];
      newSlotTime[position] = slotTime[slot];
      newNamespace[position] = slotNamespace[slot];
      newKeyGroup[position] = slotKeyGroup[slot];
      newHeapPosition[position] = position;
      int hash = slotHash[slot];
      newHash[position] = hash;
      int i = hash & newMask;
      while (newIndex[i] != 0) {
        i = (i + 1) & newMask;
      }
      newIndex[i] = entry(hash, position);
    }
    heapTime = newTime;
    heapSequence = newSequence;
    heapSlot = newHeapSlot;
    slotKey = newKey;
    slotKeyBits = newKeyBits;
    slotTime = newSlotTime;
    slotNamespace = newNamespace;
    slotKeyGroup = newKeyGroup;
    slotHeapPosition = newHeapPosition;
    slotHash = newHash;
    freeSlots = newFree;
    freeCount = 0;
    usedSlots = size;
    index = newIndex;
    indexMask = newMask;
  }

  private static int hash(Object key, Object namespace, long time) {
    int h = key.hashCode() * 0x9E3779B9 + (namespace == null ? 0 : namespace.hashCode());
    h = h * 0x9E3779B9 + Long.hashCode(time);
    // murmur3 finalizer: spreads the bits so that the low bits select the bucket well.
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  private static int ceilingPowerOfTwo(int value) {
    return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
  }

  private void checkMutable() {
    if (visiting) {
      throw new IllegalStateException("a timer heap must not be modified while it is visited");
    }
  }

  private static void checkKey(Object key, int keyGroup) {
    Objects.requireNonNull(key, "timer key");
    if (keyGroup < 0) {
      throw new IllegalArgumentException(
          "timer key group must not be negative: " + keyGroup + " (key " + key + ")");
    }
  }

  private void checkFired() {
    if (!hasFired) {
      throw new IllegalStateException(
          "no fired timer: the last pollDue removed nothing, or none was called");
    }
  }

  private void clearFired() {
    hasFired = false;
    firedKey = null;
    firedNamespace = null;
  }
}
