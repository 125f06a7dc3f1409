package dev.sluice.core.metrics;

import java.util.List;

/**
 * Metrics of every job of an engine at one moment: the root of the immutable snapshot tree
 * (engine → job → stage and edge).
 *
 * @param timeMillis when it was taken, milliseconds since the epoch
 * @param jobs running jobs and jobs that ended recently, in submission order
 */
public record EngineSnapshot(long timeMillis, List<JobSnapshot> jobs) {
  /** Copies the list. */
  public EngineSnapshot {
    jobs = List.copyOf(jobs);
  }
}
