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
}
