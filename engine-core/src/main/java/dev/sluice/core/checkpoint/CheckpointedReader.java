package dev.sluice.core.checkpoint;

/**
 * A source reader whose position can be stored in a checkpoint.
 *
 * <p><b>Threading:</b> {@link #snapshotState} is called on the reader's thread between two
 * {@code read} calls, at the point where the runtime injects the barrier of {@code checkpointId}:
 * the state returned must describe exactly the events emitted before that point, so that a
 * restored reader emits every later event once and no earlier one.
 */
public interface CheckpointedReader {

  /** The reader's position (and anything else it needs to resume), as opaque bytes. */
  byte[] snapshotState(long checkpointId) throws Exception;
}
