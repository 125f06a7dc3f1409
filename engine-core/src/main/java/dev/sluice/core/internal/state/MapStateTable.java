package dev.sluice.core.internal.state;

import dev.sluice.core.state.MapState;
import dev.sluice.core.state.StateCodec;
import java.util.function.BiConsumer;

/**
 * {@link MapState} on a {@link CompositeKeyTable} of (key, user key) entries, which implements
 * every operation but the per-key visit. Not thread-safe.
 */
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
  public void forEach(K key, BiConsumer<? super UK, ? super UV> visitor) {
    forEachOfKey(key, visitor);
  }
}
