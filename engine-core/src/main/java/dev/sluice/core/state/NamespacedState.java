package dev.sluice.core.state;

import java.util.function.BiConsumer;

/**
 * Keyed, namespaced state: one value per (key, namespace), the namespace being for example a
 * window. Declared with a {@link NamespacedStateDescriptor}.
 *
 * <p>The inspection-versus-update and lifetime rules of {@link
 * dev.sluice.core.operator.KeyedState} apply: {@link #get} is for inspection, {@link
 * #getOrCreate} and {@link #getForUpdate} for mutating a value in place, and no value is kept
 * beyond one callback. Keys and namespaces may be null; values are never null ({@code put} of
 * null removes).
 *
 * <p><b>Threading:</b> not thread-safe; used only from the owning operator's callbacks.
 * <b>Allocation:</b> reading, updating and removing allocate nothing; a new entry may grow the
 * table (amortised) and allocates its initial value. Per-key operations cost the key's entries,
 * not the whole state's.
 *
 * @param <K> the key type
 * @param <N> the namespace type
 * @param <S> the value type
 */
public interface NamespacedState<K, N, S> {

  /** The value of ({@code key}, {@code namespace}), or null; for inspection: do not mutate it. */
  S get(K key, N namespace);

  /**
   * The value of ({@code key}, {@code namespace}) for update, created with the initial supplier
   * if absent.
   *
   * @throws IllegalStateException if absent and the state has no initial supplier, or the
   *     supplier returns null
   */
  S getOrCreate(K key, N namespace);

  /** The value of ({@code key}, {@code namespace}) for update (it may be mutated), or null. */
  S getForUpdate(K key, N namespace);

  /** Sets the value of ({@code key}, {@code namespace}); null removes it. */
  void put(K key, N namespace, S value);

  /** Removes the value of ({@code key}, {@code namespace}), if any. */
  void remove(K key, N namespace);

  /** True if ({@code key}, {@code namespace}) has a value. */
  boolean contains(K key, N namespace);

  /**
   * Visits the namespaces and values of {@code key}, for inspection, in no defined order. The
   * visitor must not add or remove entries of this state (that throws {@link
   * java.util.ConcurrentModificationException}).
   */
  void forEachNamespace(K key, BiConsumer<? super N, ? super S> visitor);

  /** Visits every (key, namespace, value) of the state, for inspection, in no defined order. */
  void forEach(StateEntryVisitor<? super K, ? super N, ? super S> visitor);

  /** Removes every namespace of {@code key}. */
  void clear(K key);

  /** How many namespaces {@code key} has. */
  int size(K key);

  /** How many keys have at least one namespace. */
  int keyCount();

  /** How many (key, namespace) entries the state holds in all. */
  int size();
}
