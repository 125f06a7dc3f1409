package dev.sluice.core.operator;

import java.util.function.BiConsumer;

/**
 * A map from key to state value, owned by one operator instance.
 *
 * <p><b>Threading:</b> not thread-safe; used only from the owning operator's callbacks.
 * <b>Allocation:</b> a new key allocates its map entry; reading and replacing existing keys does
 * not allocate.
 *
 * @param <K> key type
 * @param <S> state type
 */
public interface KeyedState<K, S> {

  /** The state of {@code key}, or null if it has none. */
  S get(K key);

  /** The state of {@code key}, created with the state's initial supplier if absent. */
  S getOrCreate(K key);

  /** Sets the state of {@code key}. A null value removes it. */
  void put(K key, S value);

  /** Removes the state of {@code key}. */
  void remove(K key);

  /** How many keys have state. */
  int size();

  /** Visits every key and state; do not modify the state while visiting. */
  void forEach(BiConsumer<? super K, ? super S> visitor);
}
