package dev.sluice.core.state;

import java.util.function.BiConsumer;

/**
 * Broadcast state: a map meant to have the same content on every parallel instance of an
 * operator (for example, the rules of a CEP stage). Declared with a {@link
 * BroadcastStateDescriptor}.
 *
 * <p>Keeping it the same is the operator's part: update it only from input that every instance
 * receives (a broadcast input), deterministically. On restore, whatever the new parallelism, every
 * instance gets instance 0's copy.
 *
 * <p>Keys may be null; values are never null ({@code put} of null removes). The
 * inspection-versus-update rule of {@link dev.sluice.core.operator.KeyedState} applies: do not
 * mutate a value obtained with {@link #get}; {@link #put} a new one. <b>Threading:</b> not
 * thread-safe; used only from the owning operator's callbacks.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface BroadcastState<K, V> {

  /** The value under {@code key}, or null. */
  V get(K key);

  /** Sets the value under {@code key}; null removes it. */
  void put(K key, V value);

  /** Removes the value under {@code key}, if any. */
  void remove(K key);

  /** True if {@code key} has a value. */
  boolean contains(K key);

  /** Visits every entry, for inspection; the visitor must not modify the state. */
  void forEach(BiConsumer<? super K, ? super V> visitor);

  /** How many entries the state holds. */
  int size();
}
