package dev.sluice.core.state;

/**
 * Declares a broadcast state ({@link BroadcastState}): a map with the same content on every
 * parallel instance of an operator.
 *
 * <p>Immutable and validated on construction.
 *
 * @param name the state's name, unique within the operator; not blank
 * @param keyCodec writes the keys into snapshots
 * @param valueCodec writes the values into snapshots
 * @param <K> the key type
 * @param <V> the value type
 */
public record BroadcastStateDescriptor<K, V>(
    String name, StateCodec<K> keyCodec, StateCodec<V> valueCodec) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public BroadcastStateDescriptor {
    DescriptorChecks.name(name);
    DescriptorChecks.codec(keyCodec, "key codec", name);
    DescriptorChecks.codec(valueCodec, "value codec", name);
  }
}
