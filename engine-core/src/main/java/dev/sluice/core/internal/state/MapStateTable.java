package dev.sluice.core.internal.state;

import dev.sluice.core.state.MapState;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateEntryVisitor;
import java.util.function.BiConsumer;

/** {@link MapState} on a {@link CompositeKeyTable} of (key, user key) entries. Not thread-safe. */
public final class MapStateTable<K, UK, UV> extends CompositeKeyTable<K, UK, UV>
    implements MapState<K, UK, UV> {

  public MapStateTable(
      String name,
      KeyGroupContext groups,
      StateCodec<K> keyCodec,
      StateCodec<UK> userKeyCodec,
      StateCodec<UV> valueCodec) {
    super(name, groups, keyCodec, userKeyCodec, valueCodec);
  }

  @Override
  StateKind kind() {
    return StateKind.MAP;
  }

  @Override
  public UV get(K key, UK userKey) {
    return getValue(key, userKey);
  }

  @Override
  public UV getForUpdate(K key, UK userKey) {
    return getValue(key, userKey);
  }

  @Override
  public void put(K key, UK userKey, UV value) {
    if (value == null) {
      removeEntry(key, userKey);
    } else {
      putValue(key, userKey, value);
    }
  }

  @Override
  public void remove(K key, UK userKey) {
    removeEntry(key, userKey);
  }

  @Override
  public boolean contains(K key, UK userKey) {
    return containsEntry(key, userKey);
  }

  @Override
  public void forEach(K key, BiConsumer<? super UK, ? super UV> visitor) {
    forEachOfKey(key, visitor);
  }

  @Override
  public void forEach(StateEntryVisitor<? super K, ? super UK, ? super UV> visitor) {
    forEachEntry(visitor);
  }

  @Override
  public void clear(K key) {
    clearKey(key);
  }

  @Override
  public int size(K key) {
    return sizeOfKey(key);
  }

  @Override
  public int keyCount() {
    return keyCountInternal();
  }

  @Override
  public String toString() {
    return "MapStateTable[" + name + ", " + size() + " entries]";
  }
}
