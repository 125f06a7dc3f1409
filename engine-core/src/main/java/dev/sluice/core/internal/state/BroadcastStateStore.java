package dev.sluice.core.internal.state;

import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.StateCodec;
import java.util.HashMap;
import java.util.Objects;
import java.util.function.BiConsumer;

/** {@link BroadcastState} on a {@link HashMap}. */
public final class BroadcastStateStore<K, V> implements BroadcastState<K, V> {
  private final String name;
  private final StateCodec<K> keyCodec;
  private final StateCodec<V> valueCodec;
  private final HashMap<K, V> map = new HashMap<>();

  public BroadcastStateStore(String name, StateCodec<K> keyCodec, StateCodec<V> valueCodec) {
    this.name = Objects.requireNonNull(name, "name");
    this.keyCodec = Objects.requireNonNull(keyCodec, "keyCodec");
    this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec");
  }

  @Override
  public V get(K key) {
    return map.get(key);
  }

  @Override
  public void put(K key, V value) {
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
  public boolean contains(K key) {
    return map.containsKey(key);
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> visitor) {
    map.forEach(visitor);
  }

  @Override
  public int size() {
    return map.size();
  }

  String name() {
    return name;
  }

  StateCodec<K> keyCodec() {
    return keyCodec;
  }

  StateCodec<V> valueCodec() {
    return valueCodec;
  }

  HashMap<K, V> map() {
    return map;
  }

  void clear() {
    map.clear();
  }

  StateMeta meta() {
    return new StateMeta(StateKind.BROADCAST, keyCodec.formatId(), null, valueCodec.formatId());
  }

  @Override
  public String toString() {
    return "BroadcastState[" + name + ", " + map.size() + " entries]";
  }
}
