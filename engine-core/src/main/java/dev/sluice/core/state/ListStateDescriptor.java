package dev.sluice.core.state;

/**
 * Declares a non-keyed operator list state ({@link ListState}), redistributed element by element
 * when the parallelism changes.
 *
 * <p>Immutable and validated on construction.
 *
 * @param name the state's name, unique within the operator; not blank
 * @param codec writes the elements into snapshots
 * @param <T> the element type
 */
public record ListStateDescriptor<T>(String name, StateCodec<T> codec) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public ListStateDescriptor {
    DescriptorChecks.name(name);
    DescriptorChecks.codec(codec, "codec", name);
  }
}
