package dev.sluice.scenario;

import dev.sluice.core.metrics.LatencySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a scenario run achieved, and whether it met its success criteria. Every rate here is
 * measured, never copied from the plan: {@link #achievedEps()} is the number of measured events
 * that completed at the sink divided by the wall-clock time of the measured phases (from the
 * intended start of the first measured phase to the later of its planned end and the completion
 * of the last measured event, or to the moment the run was stopped). Immutable.
 *
 * @param scenario the scenario as run (with the overrides applied)
 * @param run where, when and how it ran
 * @param stoppedBy whether the run finished or what stopped it
 * @param scheduledEps the mean planned rate of the measured phases (the target the achieved rate
 *     is compared with; equal to the scenario's {@code targetEps} when the scenario has one
 *     phase)
 * @param achievedEps measured events completed per second of wall-clock time of the measured
 *     phases
 * @param plannedEvents the events the schedule plans for the whole run (expected value for
 *     Poisson arrivals)
 * @param emitted events the scheduler emitted
 * @param skipped events the scheduler skipped (catch-up SKIP)
 * @param completed events that reached the end of the target
 * @param errors events the target failed on (dead-lettered, including circuit fast-fails)
 * @param errorsByKind {@code errors} split by {@link Target#errorKind kind}, sorted by kind
 * @param dropped events dropped by backpressure
 * @param measuredWallMillis the wall-clock time the achieved rate is divided by
 * @param plannedMillis the planned length of the run, warm-up included
 * @param durationMillis the wall-clock length of the run, from the start of the schedule (the
 *     emission source's first read, after the job started) to its end
 * @param backlogAtPlannedEnd events planned up to the planned end that were not yet completed,
 *     failed or dropped when the planned end came (0 if the run kept up; for a run stopped
 *     before its planned end, the backlog when it stopped)
 * @param circuitTransitions the breaker's state changes, in order, as {@code FROM->TO}
 * @param latency end-to-end latency from intended emission time, measured phases
 * @param peakHeapBytes the highest heap use sampled during the run
 * @param timeline one point per progress period
 * @param percentiles latency at percentiles for the plot: {@code [percentile, millis]}
 * @param notes remarks on how to read the figures (overrides, criteria that were not scaled)
 * @param failures criteria that were not met, each as a sentence; empty if the run passed
 */
public record ScenarioReport(
    Scenario scenario,
    RunInfo run,
    StopReason stoppedBy,
    double scheduledEps,
    double achievedEps,
    double plannedEvents,
    long emitted,
    long skipped,
    long completed,
    long errors,
    Map<String, Long> errorsByKind,
    long dropped,
    long measuredWallMillis,
    long plannedMillis,
    long durationMillis,
    long backlogAtPlannedEnd,
    List<String> circuitTransitions,
    LatencySnapshot latency,
    long peakHeapBytes,
    List<TimelinePoint> timeline,
    List<double[]> percentiles,
    List<String> notes,
    List<String> failures) {

  /** Why a run ended. */
  public enum StopReason {
    /** Every scheduled event was emitted and processed. */
    COMPLETED("completed"),
    /** The wall-clock cap ended a run that fell behind; the figures cover the part that ran. */
    WALL_CLOCK_CAP("stopped by the wall-clock cap"),
    /** The run was interrupted (Ctrl-C); the figures cover the part that ran. */
    INTERRUPTED("interrupted");

    private final String text;

    StopReason(String text) {
      this.text = text;
    }

    /** How reports print it. */
    public String text() {
      return text;
    }
  }

  /**
   * One sample of the run, taken every progress period.
   *
   * @param seconds seconds since the start of the schedule
   * @param eps events completed per second over the period
   * @param p50Millis median latency of the events completed in the period; NaN if none completed
   * @param p99Millis 99th percentile of the same
   * @param backlog events planned so far that were not yet completed, failed or dropped
   */
  public record TimelinePoint(
      double seconds, double eps, double p50Millis, double p99Millis, long backlog) {}

  /** Copies the collections. */
  public ScenarioReport {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(stoppedBy, "stoppedBy");
    errorsByKind = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorsByKind));
    circuitTransitions = List.copyOf(circuitTransitions);
    timeline = List.copyOf(timeline);
    percentiles = List.copyOf(percentiles);
    notes = List.copyOf(notes);
    failures = List.copyOf(failures);
  }

  /** True if the run finished and every success criterion was met. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** True if the run was stopped before it finished (cap or interruption). */
  public boolean partial() {
    return stoppedBy != StopReason.COMPLETED;
  }

  /** How long after its planned end the run ended, in milliseconds (0 if on time). */
  public long endedLateMillis() {
    return Math.max(0, durationMillis - plannedMillis);
  }

  /**
   * True if the run kept its schedule: it finished, ended at most a second (or 5% of its planned
   * length, if more) after its planned end, and skipped nothing.
   */
  public boolean keptSchedule() {
    return !partial() && skipped == 0
        && endedLateMillis() <= Math.max(1_000, plannedMillis / 20);
  }

  /** Fraction of emitted events that completed without error or drop. */
  public double successRate() {
    return emitted == 0 ? 1.0 : (double) (emitted - errors - dropped) / emitted;
  }

  /** The report with {@code failures} as its verdict. */
  ScenarioReport withFailures(List<String> failures) {
    return new ScenarioReport(scenario, run, stoppedBy, scheduledEps, achievedEps, plannedEvents,
        emitted, skipped, completed, errors, errorsByKind, dropped, measuredWallMillis,
        plannedMillis, durationMillis, backlogAtPlannedEnd, circuitTransitions, latency,
        peakHeapBytes, timeline, percentiles, notes, failures);
  }
}
