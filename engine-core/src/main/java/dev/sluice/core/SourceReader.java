package dev.sluice.core;

/**
 * Reads events of one source instance, cooperatively.
 *
 * <p><b>Threading:</b> all calls come from one thread at a time. Unless its source {@link
 * Source#isBlocking() is blocking}, {@link #read} must not block: it emits what is available now
 * (at most {@code maxEvents}) and returns. <b>Failure:</b> an exception fails the job, naming the
 * source.
 *
 * @param <T> event type
 */
public interface SourceReader<T> {

  /** Returned by {@link #read} when the source has no more events. */
  int END = -1;

  /**
   * Emits at most {@code maxEvents} events to {@code output}.
   *
   * @return the number emitted (0 when none is available now), or {@link #END} once exhausted
   */
  int read(SourceOutput<T> output, int maxEvents) throws Exception;

  /** Releases resources; called once, on any thread, after the last {@link #read}. */
  default void close() throws Exception {}
}
