package dev.sluice.core.operator;

import java.util.function.BiConsumer;

/**
 * Keyed value state: one value per key, owned by one operator instance. Declared with a {@link
 * dev.sluice.core.state.ValueStateDescriptor}, which gives the codec that writes it into snapshots.
 *
 * <p><b>Inspection versus update.</b> {@link #get} is for inspection: the caller must not mutate
 * the returned value. To change a mutable value in place, obtain it with {@link #getOrCreate} or
 * {@link #getForUpdate}, which mark the entry as updated; or replace it with {@link #put}. A
 * snapshot taken while processing goes on (copy-on-write) may then copy only the entries marked
 * updated, so a value mutated after a plain {@code get} could be missed by it. Today's snapshots
 * are taken synchronously between callbacks, but code must follow this contract already.
 *
 * <p><b>Lifetime.</b> A state value must not be kept (in a field, a closure or another state)
 * beyond the callback that obtained it: after the callback the state may be snapshotted, copied,
 * moved to another instance or cleared.
 *
 * <p><b>Keys</b> may be null. State values are never null: {@code put(key, null)} removes.
 *
 * <p><b>Threading:</b> not thread-safe; used only from the owning operator's callbacks.
 * <b>Allocation:</b> reading, updating and removing allocate nothing; a new key may grow the
 * table (amortised) and allocates its initial value.
 *
 * @param <K> key type
 * @param <S> state type
 */
public interface KeyedState<K, S> {

  /** The state of {@code key}, or null if it has none. For inspection: do not mutate it. */
  S get(K key);

  /**
   * The state of {@code key} for update, created with the state's initial supplier if absent.
   *
   * @throws IllegalStateException if the key has no state and the state has no initial supplier,
   *     or the supplier returns null
   */
  S getOrCreate(K key);

  /**
   * The state of {@code key} for update (the caller may mutate it), or null if it has none.
   *
   * <p>The default returns {@link #get}, right for a store that takes no copy-on-write snapshots.
   */
  default S getForUpdate(K key) {
    return get(key);
  }

  /** True if {@code key} has state. The default tests {@code get(key) != null}. */
  default boolean contains(K key) {
    return get(key) != null;
  }

  /** Sets the state of {@code key}. A null value removes it. */
  void put(K key, S value);

  /** Removes the state of {@code key}, if any. */
  void remove(K key);

  /** How many keys have state. */
  int size();

  /**
   * Visits every key and state, for inspection. The visitor must neither mutate the values nor
   * add or remove state while visiting (an implementation may then throw {@link
   * java.util.ConcurrentModificationException}).
   */
  void forEach(BiConsumer<? super K, ? super S> visitor);
}
