package dev.sluice.core.checkpoint;

import dev.sluice.core.SinkWriter;
import java.util.List;

/**
 * A sink writer that gives exactly-once output with checkpoints: what it writes between two
 * barriers goes into one transaction, which becomes visible only once the checkpoint that
 * covers it is complete.
 *
 * <p>Lifecycle: writes go into the open transaction; on the barrier of checkpoint {@code n} the
 * runtime calls {@link #prepareCommit(long)} (flush, make durable but invisible, open the next
 * transaction) and stores the returned committable in the checkpoint; when the checkpoint is
 * complete, {@link #checkpointComplete(long)} commits every prepared transaction up to {@code
 * n}. After a restore, {@link #recover} is called once before the first offer with the
 * committables of the restored checkpoint: commit them (idempotently: some may be committed
 * already) and abort leftovers of transactions that no checkpoint covers.
 *
 * <p><b>Threading:</b> all calls come from the sink's own thread, never concurrently.
 * <b>Failure:</b> an exception fails the job; with a restart strategy the job restarts from the
 * last completed checkpoint and {@link #recover} finishes what was prepared.
 *
 * @param <T> event type
 */
public interface TwoPhaseCommitWriter<T> extends SinkWriter<T>, CheckpointListener {

  /** Pre-commits the open transaction and opens the next; returns what commits it later. */
  byte[] prepareCommit(long checkpointId) throws Exception;

  /**
   * Commits the given committables (from the restored checkpoint; with a changed parallelism
   * the runtime gives instance {@code i} the committables of old instances {@code j} with
   * {@code j % parallelism == i}) and aborts leftovers of this instance that none covers.
   */
  void recover(List<byte[]> committables) throws Exception;
}
