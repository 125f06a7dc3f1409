package dev.sluice.core;

/** The life cycle of a {@link Job}. */
public enum JobStatus {
  /** Admitted but waiting for a free slot (the engine's concurrent-job limit). */
  QUEUED,
  /** Running. */
  RUNNING,
  /** Sources stopped by {@link Job#drain()}; in-flight events are finishing. */
  DRAINING,
  /** {@link Job#cancel()} was called; tasklets are stopping. */
  CANCELLING,
  /** Every source ended and every event reached the sinks. Terminal. */
  COMPLETED,
  /** Cancelled before completing. Terminal. */
  CANCELLED,
  /** A stage failed; see {@link Job#failure()}. Terminal. */
  FAILED;

  /** True for COMPLETED, CANCELLED and FAILED. */
  public boolean isTerminal() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }
}
