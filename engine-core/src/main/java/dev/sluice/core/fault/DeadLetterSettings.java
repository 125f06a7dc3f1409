package dev.sluice.core.fault;

import java.util.Objects;

/**
 * Settings of a pipeline's dead-letter output ({@code Pipeline.deadLetters(settings)}): how many
 * unread dead letters it holds at most, and what a failing stage does when it is full. Immutable.
 *
 * @param capacity unread dead letters held at most, at least 1 (default {@link
 *     #DEFAULT_CAPACITY})
 * @param whenFull what a stage with a dead letter to send does while the output is full (default
 *     {@link DeadLetterOverflow#BLOCK})
 */
public record DeadLetterSettings(int capacity, DeadLetterOverflow whenFull) {

  /** The default capacity: 10,000 unread dead letters. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if {@code capacity < 1}
   * @throws NullPointerException if {@code whenFull} is null
   */
  public DeadLetterSettings {
    Objects.requireNonNull(whenFull, "whenFull");
    if (capacity < 1) {
      throw new IllegalArgumentException("dead-letter capacity must be >= 1, was " + capacity);
    }
  }

  /** {@link #DEFAULT_CAPACITY} dead letters; a stage waits while the output is full. */
  public static DeadLetterSettings defaults() {
    return new DeadLetterSettings(DEFAULT_CAPACITY, DeadLetterOverflow.BLOCK);
  }

  /** A copy holding at most {@code n} unread dead letters. */
  public DeadLetterSettings withCapacity(int n) {
    return new DeadLetterSettings(n, whenFull);
  }

  /** A copy with {@code policy} when full. */
  public DeadLetterSettings withWhenFull(DeadLetterOverflow policy) {
    return new DeadLetterSettings(capacity, policy);
  }
}
