package dev.sluice.core.internal.state;

import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.StateCodec;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link NamespacedState} on a {@link CompositeKeyTable} of (key, namespace) entries, which
 * implements every operation but {@code getOrCreate} and the per-key visit. Not thread-safe.
 */
public final class NamespacedStateTable<K, N, S> extends CompositeKeyTable<K, N, S>
    implements NamespacedState<K, N, S> {
  private final Supplier<? extends S> initial;

  public NamespacedStateTable(
      String name,
      KeyGroupContext groups,
      StateCodec<K> keyCodec,
      StateCodec<N> namespaceCodec,
      StateCodec<S> valueCodec,
      Supplier<? extends S> initial) {
    super(name, groups, keyCodec, namespaceCodec, valueCodec);
    this.initial = initial;
  }

  @Override
  StateKind kind() {
    return StateKind.NAMESPACED;
  }

  @Override
  public S getOrCreate(K key, N namespace) {
    return getOrCreate(key, namespace, -1);
  }

  /**
   * As {@link #getOrCreate(Object, Object)}, with the key's group known to the caller; used only
   * if the key has no entry yet.
   */
  public S getOrCreate(K key, N namespace, int keyGroup) {
    int h = hash(key, namespace);
    int i = find(key, namespace, h);
    if (i >= 0) {
      return valueAt(i);
    }
    if (initial == null) {
      throw new IllegalStateException(
          "state '"
              + name
              + "' has no initial value for ("
              + key
              + ", "
              + namespace
              + "): give its descriptor one with withInitial(..), or put a value first");
    }
    S value = initial.get();
    if (value == null) {
      throw new IllegalStateException(
          "the initial-value supplier of state '" + name + "' returned null");
    }
    insertNew(key, namespace, value, h, keyGroup);
    return value;
  }

  @Override
  public void forEachNamespace(K key, BiConsumer<? super N, ? super S> visitor) {
    forEachOfKey(key, visitor);
  }
}
