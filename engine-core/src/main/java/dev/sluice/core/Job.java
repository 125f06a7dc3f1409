package dev.sluice.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A submitted pipeline. Returned by {@link Engine#submit}.
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
   * a {@link JobFailedException} for FAILED.
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
   * operators' {@code onEnd} is not called. Idempotent; no effect on a terminal job.
   */
  void cancel();

  /**
   * Stops the sources and lets in-flight events finish: each source ends as if exhausted (final
   * watermark, end of stream), so windows and timers fire and sinks complete. Idempotent.
   */
  void drain();

  /** The failure, if the job failed. */
  Optional<Throwable> failure();

  /**
   * Per-stage counts in pipeline order, summed over instances; exact once the job has ended,
   * approximate while it runs.
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
}
