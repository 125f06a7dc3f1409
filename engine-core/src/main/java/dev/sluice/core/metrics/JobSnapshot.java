package dev.sluice.core.metrics;

import java.util.List;

/**
 * Metrics of one job.
 *
 * @param id the job id
 * @param name the job name
 * @param status the job status name
 * @param stages per stage, in pipeline order
 * @param edges per queue edge
 */
public record JobSnapshot(
    long id, String name, String status, List<StageSnapshot> stages, List<EdgeSnapshot> edges) {

  /** Copies the lists. */
  public JobSnapshot {
    stages = List.copyOf(stages);
    edges = List.copyOf(edges);
  }

  /**
   * The stage named {@code stage}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public StageSnapshot stage(String stage) {
    for (StageSnapshot s : stages) {
      if (s.name().equals(stage)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no stage named '" + stage + "'");
  }
}
