package dev.sluice.core.state;

/**
 * Declares a keyed map state: per key, a map from user key to value ({@link MapState}).
 *
 * <p>Immutable and validated on construction.
 *
 * @param name the state's name, unique within the operator; not blank
 * @param userKeyCodec writes the user keys into snapshots
 * @param valueCodec writes the values into snapshots
 * @param <UK> the user-key type
 * @param <UV> the value type
 */
public record MapStateDescriptor<UK, UV>(
    String name, StateCodec<UK> userKeyCodec, StateCodec<UV> valueCodec) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if any part is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public MapStateDescriptor {
    DescriptorChecks.name(name);
    DescriptorChecks.codec(userKeyCodec, "user-key codec", name);
    DescriptorChecks.codec(valueCodec, "value codec", name);
  }
}
