package dev.sluice.core.checkpoint;

/**
 * Told when a checkpoint completes or is abandoned. Source readers, sink writers and operators
 * may implement it (for example to acknowledge messages to a broker, or to commit a transaction).
 *
 * <p><b>Threading:</b> called on the thread that runs the implementing reader, writer or
 * operator, between its other calls, never concurrently with them. A checkpoint is complete only
 * after the store has published it. Notifications may be skipped (a later id then covers the
 * earlier ones), so implementations act on everything up to {@code checkpointId}.
 * <b>Failure:</b> an exception fails the job like any exception of the implementing stage.
 */
public interface CheckpointListener {

  /** Checkpoint {@code checkpointId} and every earlier one are durably stored. */
  void checkpointComplete(long checkpointId) throws Exception;

  /** Checkpoint {@code checkpointId} will never complete (it failed or timed out). */
  default void checkpointAborted(long checkpointId) throws Exception {}
}
