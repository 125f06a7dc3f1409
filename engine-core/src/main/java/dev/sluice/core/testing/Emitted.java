package dev.sluice.core.testing;

/**
 * Something an operator under test passed downstream: an event with its timestamp, or a
 * watermark (forwarded by the runtime after the operator handled it).
 *
 * @param <O> event type
 */
public sealed interface Emitted<O> {

  /**
   * An emitted event.
   *
   * @param value the event
   * @param timestamp its event time
   */
  record Event<O>(O value, long timestamp) implements Emitted<O> {}

  /**
   * A forwarded watermark.
   *
   * @param watermark its value
   */
  record Watermark<O>(long watermark) implements Emitted<O> {}

  /** An event. */
  static <O> Emitted<O> event(O value, long timestamp) {
    return new Event<>(value, timestamp);
  }

  /** A watermark. */
  static <O> Emitted<O> watermark(long watermark) {
    return new Watermark<>(watermark);
  }
}
