package dev.sluice.core.metrics;

/**
 * Implemented by a {@link dev.sluice.core.SourceReader} that knows how far it is behind its
 * server: messages or entries the server holds for it that it has not read yet (a Kafka
 * partition's end offset minus the position, a Redis stream group's lag, a JetStream consumer's
 * pending count). The runtime sums the lag of a source's instances into {@link
 * StageSnapshot#sourceLag()}.
 *
 * <p><b>Threading:</b> {@link #lag()} is called from the metrics thread while the reader runs on
 * its own: it must be safe to call from any thread, must not block, and should return the latest
 * figure the reader has (a volatile read), not ask the server.
 */
public interface SourceLag {

  /** Events the server holds that this reader has not read yet; -1 when not known (yet). */
  long lag();
}
