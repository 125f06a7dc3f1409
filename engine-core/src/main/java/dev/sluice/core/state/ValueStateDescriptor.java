package dev.sluice.core.state;

import java.util.function.Supplier;

/**
 * Declares a keyed value state: one value per key ({@link dev.sluice.core.operator.KeyedState}).
 *
 * <p>Immutable and validated on construction. Register it once per operator instance, in {@code
 * open}; registering an equal descriptor again returns the same state.
 *
 * @param name the state's name, unique within the operator; not blank
 * @param codec writes the values into snapshots
 * @param initial creates the value of a key that has none in {@code getOrCreate}; may be null,
 *     and then {@code getOrCreate} of an absent key throws {@link IllegalStateException} naming
 *     the state
 * @param <S> the value type
 */
public record ValueStateDescriptor<S>(
    String name, StateCodec<S> codec, Supplier<? extends S> initial) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if {@code name} or {@code codec} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public ValueStateDescriptor {
    DescriptorChecks.name(name);
    DescriptorChecks.codec(codec, "codec", name);
  }

  /** A descriptor without an initial value. */
  public static <S> ValueStateDescriptor<S> of(String name, StateCodec<S> codec) {
    return new ValueStateDescriptor<>(name, codec, null);
  }

  /** This descriptor with {@code initial} as the initial-value supplier. */
  public ValueStateDescriptor<S> withInitial(Supplier<? extends S> initial) {
    return new ValueStateDescriptor<>(name, codec, initial);
  }
}
