package dev.sluice.core.payload;

import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings for creating a {@link PayloadGenerator}.
 *
 * @param seed the seed of every pseudo-random choice the generator makes; same seed, same output
 * @param sizeTargetBytes the payload size the generator aims at, at least 1
 * @param options generator-specific settings by name (for example {@code devices=50}); never null
 */
public record GeneratorSpec(long seed, int sizeTargetBytes, Map<String, String> options) {

  /** Default payload size target when none is given: 256 bytes. */
  public static final int DEFAULT_SIZE_TARGET_BYTES = 256;

  /**
   * Validates and copies the options.
   *
   * @throws IllegalArgumentException if {@code sizeTargetBytes} is below 1
   */
  public GeneratorSpec {
    if (sizeTargetBytes < 1) {
      throw new IllegalArgumentException("sizeTargetBytes must be >= 1, was " + sizeTargetBytes);
    }
    options = Map.copyOf(Objects.requireNonNull(options, "options"));
  }

  /** A spec with the given seed and size target and no options. */
  public static GeneratorSpec of(long seed, int sizeTargetBytes) {
    return new GeneratorSpec(seed, sizeTargetBytes, Map.of());
  }

  /** Returns option {@code name}, or {@code defaultValue} if it is not set. */
  public String option(String name, String defaultValue) {
    return options.getOrDefault(name, defaultValue);
  }
}
