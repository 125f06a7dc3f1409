package dev.sluice.core.checkpoint;

/**
 * A source reader that wants to know whether its job takes checkpoints, for example to choose
 * between acknowledging messages to a broker as they are emitted and acknowledging them when a
 * checkpoint covering them completes ({@link CheckpointListener#checkpointComplete}).
 *
 * <p><b>Threading:</b> the runtime calls {@link #checkpointing} once on each new reader (created
 * or restored, also after a restart of the reader), on the reader's thread, right after its
 * creation and before its first {@code read}. Readers that do not implement this interface are
 * not told. <b>Failure:</b> an exception fails the reader like an exception of its {@code read}.
 */
public interface CheckpointingAware {

  /**
   * Tells the reader whether its job takes periodic checkpoints.
   *
   * @param periodic true if the job runs with {@link CheckpointConfig} at a positive interval;
   *     false without checkpointing or with {@link CheckpointConfig#savepointsOnly} (checkpoints
   *     then happen only when the program triggers them)
   */
  void checkpointing(boolean periodic) throws Exception;
}
