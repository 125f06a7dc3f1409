package dev.sluice.core;

/**
 * The life cycle of a {@link Job}. The changes a job can make:
 *
 * <ul>
 *   <li>QUEUED → RUNNING when admitted (DRAINING if it was drained while queued), or → CANCELLED
 *       if cancelled while queued;
 *   <li>RUNNING → DRAINING ({@link Job#drain()}), RUNNING or DRAINING → CANCELLING ({@link
 *       Job#cancel()});
 *   <li>RUNNING, DRAINING or CANCELLING → COMPLETED, CANCELLED or FAILED when every tasklet has
 *       stopped (a failure wins over a cancel that came after it);
 *   <li>RUNNING → RESTARTING instead of FAILED when the job's restart strategy allows another
 *       attempt, then RESTARTING → RUNNING (the same job, again from its sources), → CANCELLED
 *       ({@code cancel()}) or → FAILED ({@code drain()}: the restart is abandoned).
 * </ul>
 *
 * <p>Every change is written to the engine's debug log and heard by {@link JobListener}s.
 */
public enum JobStatus {
  /** Admitted but waiting for a free slot (the engine's concurrent-job limit). */
  QUEUED,
  /** Running. */
  RUNNING,
  /** Sources stopped by {@link Job#drain()}; in-flight events are finishing. */
  DRAINING,
  /** {@link Job#cancel()} was called; tasklets are stopping. */
  CANCELLING,
  /**
   * The job failed and its restart strategy (job options or {@link
   * EngineConfig#jobRestartStrategy()}) allows another attempt: it waits for the strategy's delay,
   * then runs again from its sources as the same {@link Job} (RUNNING). Not terminal: {@link
   * Job#join} goes on waiting.
   */
  RESTARTING,
  /** Every source ended and every event reached the sinks. Terminal. */
  COMPLETED,
  /** Cancelled before completing. Terminal. */
  CANCELLED,
  /** A stage failed and no restart was left; see {@link Job#failure()}. Terminal. */
  FAILED;

  /** True for COMPLETED, CANCELLED and FAILED. */
  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }
}
