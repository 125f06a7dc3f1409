package dev.sluice.core.state;

import java.util.function.Supplier;

/**
 * Declares a keyed, namespaced state: one value per (key, namespace), the namespace being for
 * example a window ({@link NamespacedState}).
 *
 * <p>Immutable and validated on construction.
 *
 * @param name the state's name, unique within the operator; not blank
 * @param namespaceCodec writes the namespaces into snapshots
 * @param valueCodec writes the values into snapshots
 * @param initial creates the value of an absent (key, namespace) in {@code getOrCreate}; may be
 *     null, and then {@code getOrCreate} of an absent entry throws {@link IllegalStateException}
 *     naming the state
 * @param <N> the namespace type
 * @param <S> the value type
 */
public record NamespacedStateDescriptor<N, S>(
    String name,
    StateCodec<N> namespaceCodec,
    StateCodec<S> valueCodec,
    Supplier<? extends S> initial) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if {@code name} or a codec is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public NamespacedStateDescriptor {
    DescriptorChecks.name(name);
    DescriptorChecks.codec(namespaceCodec, "namespace codec", name);
    DescriptorChecks.codec(valueCodec, "value codec", name);
  }

  /** A descriptor without an initial value. */
  public static <N, S> NamespacedStateDescriptor<N, S> of(
      String name, StateCodec<N> namespaceCodec, StateCodec<S> valueCodec) {
    return new NamespacedStateDescriptor<>(name, namespaceCodec, valueCodec, null);
  }

  /** This descriptor with {@code initial} as the initial-value supplier. */
  public NamespacedStateDescriptor<N, S> withInitial(Supplier<? extends S> initial) {
    return new NamespacedStateDescriptor<>(name, namespaceCodec, valueCodec, initial);
  }
}
