package dev.sluice.core.internal.runtime;

/** Where a tasklet's events come from: a source reader or inbound queues. */
interface Input {
  /** Returned by {@link #process} once the input has ended and the final watermark was sent. */
  int ENDED = -1;

  void open(TaskletContext context) throws Exception;

  /**
   * Feeds up to {@code budget} items into {@code head}, stopping early when the tasklet becomes
   * blocked.
   *
   * @return items processed, or {@link #ENDED}
   */
  int process(Link head, Tasklet tasklet, int budget) throws Exception;

  /** Stop reading; the next {@link #process} ends the input (drain). */
  void requestEnd();

  void close(Throwable failure) throws Exception;

  /** Adds the input's final state (a source reader's end position) when its tasklet finishes. */
  default void snapshotFinal(CheckpointParts parts) throws Exception {}

  /** Checkpoint {@code checkpointId} is complete; on the tasklet's thread. */
  default void checkpointComplete(long checkpointId) throws Exception {}

  /** Checkpoint {@code checkpointId} will never complete; on the tasklet's thread. */
  default void checkpointAborted(long checkpointId) throws Exception {}
}
