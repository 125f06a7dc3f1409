package dev.sluice.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A submitted pipeline. Returned by {@link Engine#submit}. When the engine restarts a failed job
 * (see {@link JobStatus#RESTARTING}), this handle stays the job's: its status, counts and {@link
 * #completion()} follow every attempt, and the completion completes once, with the final outcome.
 *
 * <p><b>Threading:</b> every method is thread-safe and non-blocking except {@link #join}.
 */
public interface Job {

  /** A number unique within the engine. */
  long id();

  /** The job's name. */
  String name();

  /** The current status. */
  JobStatus status();

  /**
   * Completes with the terminal status: normally with COMPLETED or CANCELLED, exceptionally with
   * a {@link JobFailedException} for FAILED. It completes on the engine's event thread after the
   * job's {@link JobListener}s heard the final change (so dependent actions that are not async run
   * there too, and must not block).
   */
  CompletableFuture<JobStatus> completion();

  /**
   * Waits until the job ends.
   *
   * @return COMPLETED or CANCELLED
   * @throws JobFailedException if the job failed
   * @throws TimeoutException if it has not ended within {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted
   */
  JobStatus join(Duration timeout) throws InterruptedException, TimeoutException;

  /**
   * Stops at once: every tasklet stops at its next step, in-flight events are discarded, and
   * operators' {@code onEnd} is not called. A blocking source or sink waiting in its own thread is
   * interrupted; what it throws while it is being stopped (an {@link InterruptedException}, a
   * closed connection) does not fail the job, which ends CANCELLED unless a stage had failed
   * before. A job that is QUEUED or RESTARTING ends CANCELLED at once. Idempotent; no effect on a
   * terminal job.
   */
  void cancel();

  /**
   * Stops the sources and lets in-flight events finish: each source ends as if exhausted (final
   * watermark, end of stream), so windows and timers fire and sinks complete. A {@link PushSource}
   * stops accepting events at once and ends once every event it had accepted has been read. A
   * drained job is not restarted: a failure after the drain ends it FAILED, and draining a job
   * that is RESTARTING abandons the restart (it ends FAILED with the failure that caused it).
   * Idempotent.
   */
  void drain();

  /**
   * The failure, if the job failed (FAILED); while it is RESTARTING, the failure of the attempt
   * being restarted; empty once the new attempt runs.
   */
  Optional<Throwable> failure();

  /**
   * How many times the engine has restarted this job after a failure (0 if it never failed, or
   * has no restart strategy).
   */
  default int restarts() {
    return 0;
  }

  /**
   * Per-stage counts in pipeline order, summed over instances and over every attempt of a
   * restarted job (a restarted job reads its sources again, so its counts include the events of
   * the failed attempts); exact once the job has ended, approximate while it runs.
   */
  List<StageCounts> counts();

  /**
   * The counts of one stage.
   *
   * @throws IllegalArgumentException if there is no stage of that name
   */
  default StageCounts counts(String stage) {
    for (StageCounts c : counts()) {
      if (c.stage().equals(stage)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no stage named '" + stage + "'");
  }

  /**
   * Takes a savepoint: a checkpoint the user keeps (the store never deletes it), to submit the
   * job again from it later ({@link JobOptions#withRestoreFrom}). Completes when it is stored;
   * fails if the job has no checkpointing, ends first or the checkpoint is aborted. Waits for a
   * checkpoint in progress.
   */
  default CompletableFuture<dev.sluice.core.checkpoint.CompletedCheckpoint> triggerSavepoint() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this job takes no checkpoints"));
  }

  /** Like {@link #triggerSavepoint()}, for an ordinary checkpoint (subject to retention). */
  default CompletableFuture<dev.sluice.core.checkpoint.CompletedCheckpoint> triggerCheckpoint() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this job takes no checkpoints"));
  }

  /**
   * The newest checkpoint this job completed (or was restored from), if any. Empty for a job
   * without checkpointing.
   */
  default Optional<dev.sluice.core.checkpoint.CompletedCheckpoint> lastCompletedCheckpoint() {
    return Optional.empty();
  }
}
