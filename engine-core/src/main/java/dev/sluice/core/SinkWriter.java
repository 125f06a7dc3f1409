package dev.sluice.core;

/**
 * Writes events of one sink instance.
 *
 * <p><b>Threading:</b> all calls come from one thread at a time. A non-blocking writer must not
 * block: when it cannot take an event now (for example a subscriber has no demand) {@link
 * #offer} returns false, and the runtime offers the same event again later, holding back the
 * pipeline meanwhile. <b>Failure:</b> an exception fails the job, naming the sink; a {@link
 * java.util.concurrent.CancellationException} instead cancels the job (a consumer that went
 * away).
 *
 * @param <T> event type
 */
public interface SinkWriter<T> {

  /**
   * Writes {@code event} if possible now.
   *
   * @return false to refuse it for now (it will be offered again)
   */
  boolean offer(T event, long timestamp) throws Exception;

  /** Called at the end of each batch of offers; flush buffers here. */
  default void flush() throws Exception {}

  /** The input has ended and every event was written (not called on cancel or failure). */
  default void complete() throws Exception {}

  /** Called once when the job ends for any reason, with its failure or null. */
  default void close(Throwable failure) throws Exception {}
}
