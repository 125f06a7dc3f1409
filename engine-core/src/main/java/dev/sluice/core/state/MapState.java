package dev.sluice.core.state;

import java.util.function.BiConsumer;

/**
 * Keyed map state: per key, a map from user key to value. Declared with a {@link
 * MapStateDescriptor}.
 *
 * <p>The inspection-versus-update and lifetime rules of {@link
 * dev.sluice.core.operator.KeyedState} apply: {@link #get} is for inspection, {@link
 * #getForUpdate} for mutating a value in place, and no value is kept beyond one callback. Keys
 * and user keys may be null; values are never null ({@code put} of null removes).
 *
 * <p><b>Threading:</b> not thread-safe; used only from the owning operator's callbacks.
 * <b>Allocation:</b> reading, updating and removing allocate nothing; a new entry may grow the
 * table (amortised). Per-key operations ({@link #forEach(Object, BiConsumer)}, {@link #clear},
 * {@link #size(Object)}) cost the key's entries, not the whole state's.
 *
 * @param <K> the key type
 * @param <UK> the user-key type
 * @param <UV> the value type
 */
public interface MapState<K, UK, UV> {

  /** The value under ({@code key}, {@code userKey}), or null; for inspection: do not mutate it. */
  UV get(K key, UK userKey);

  /** The value under ({@code key}, {@code userKey}) for update (it may be mutated), or null. */
  UV getForUpdate(K key, UK userKey);

  /** Sets the value under ({@code key}, {@code userKey}); null removes it. */
  void put(K key, UK userKey, UV value);

  /** Removes the value under ({@code key}, {@code userKey}), if any. */
  void remove(K key, UK userKey);

  /** True if ({@code key}, {@code userKey}) has a value. */
  boolean contains(K key, UK userKey);

  /**
   * Visits the user keys and values of {@code key}, for inspection, in no defined order. The
   * visitor must not add or remove entries of this state (that throws {@link
   * java.util.ConcurrentModificationException}).
   */
  void forEach(K key, BiConsumer<? super UK, ? super UV> visitor);

  /** Visits every (key, user key, value) of the state, for inspection, in no defined order. */
  void forEach(StateEntryVisitor<? super K, ? super UK, ? super UV> visitor);

  /** Removes every entry of {@code key}. */
  void clear(K key);

  /** How many user keys {@code key} has. */
  int size(K key);

  /** How many keys have at least one entry. */
  int keyCount();

  /** How many (key, user key) entries the state holds in all. */
  int size();
}
