package dev.sluice.core;

/**
 * Receives events from a {@link SourceReader}.
 *
 * <p><b>Threading:</b> call only from inside {@link SourceReader#read}. Never blocks or refuses.
 *
 * @param <T> event type
 */
public interface SourceOutput<T> {

  /** Emits an event without a timestamp. */
  void emit(T event);

  /** Emits an event with an event-time timestamp in milliseconds. */
  void emit(T event, long timestamp);

  /**
   * Emits a watermark: no event with a timestamp at or below {@code watermark} follows from this
   * reader. For readers that track event time themselves (per partition or split, with the
   * minimum over active splits as the reader's watermark); such a source is not followed by
   * {@code withTimestamps}, which would replace its watermarks. The runtime keeps it in order
   * with the events emitted before it; emit only increasing values.
   *
   * @throws UnsupportedOperationException if this output does not carry watermarks (the
   *     default, for outputs outside the runtime)
   */
  default void emitWatermark(long watermark) {
    throw new UnsupportedOperationException(getClass().getName() + " carries no watermarks");
  }

  /**
   * Declares this reader's output idle (none of its splits has data now), so that downstream
   * stages merging several inputs do not wait for its watermark; its next event or watermark
   * makes it active again.
   *
   * @throws UnsupportedOperationException if this output does not carry idleness
   */
  default void markIdle() {
    throw new UnsupportedOperationException(getClass().getName() + " carries no idleness");
  }
}
