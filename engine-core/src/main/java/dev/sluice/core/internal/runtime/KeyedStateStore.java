package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedState;
import java.util.HashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** Heap keyed state: a hash map from key to value. */
final class KeyedStateStore<K, S> implements KeyedState<K, S> {
  private final HashMap<K, S> map = new HashMap<>();
  private final Supplier<S> initial;

  KeyedStateStore(Supplier<S> initial) {
    this.initial = initial;
  }

  @Override
  public S get(K key) {
    return map.get(key);
  }

  @Override
  public S getOrCreate(K key) {
    S s = map.get(key);
    if (s == null) {
      s = initial.get();
      map.put(key, s);
    }
    return s;
  }

  @Override
  public void put(K key, S value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  @Override
  public void remove(K key) {
    map.remove(key);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super S> visitor) {
    map.forEach(visitor);
  }
}
