package dev.sluice.core.metrics;

import java.util.List;

/**
 * Metrics of one job.
 *
 * @param id the job id
 * @param name the job name
 * @param status the job status name ({@code RESTARTING} while a failed job waits for its restart)
 * @param restarts how many times the engine has restarted the job after a failure
 * @param stages per stage, in pipeline order; counts sum every attempt of a restarted job
 * @param edges per queue edge of the current attempt
 */
public record JobSnapshot(
    long id,
    String name,
    String status,
    int restarts,
    List<StageSnapshot> stages,
    List<EdgeSnapshot> edges) {

  /** Copies the lists. */
  public JobSnapshot {
    stages = List.copyOf(stages);
    edges = List.copyOf(edges);
  }

  /** A snapshot of a job that was never restarted. */
  public JobSnapshot(
      long id, String name, String status, List<StageSnapshot> stages, List<EdgeSnapshot> edges) {
    this(id, name, status, 0, stages, edges);
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
