package dev.sluice.scenario;

import dev.sluice.core.metrics.LatencySnapshot;
import java.util.List;

/**
 * What a scenario run achieved, and whether it met its success criteria.
 *
 * @param scenario the scenario
 * @param targetEps the target rate of the measured phases (time-weighted mean)
 * @param achievedEps events that completed per second over the measured phases
 * @param emitted events the scheduler emitted
 * @param skipped events the scheduler skipped (catch-up SKIP)
 * @param completed events that reached the end of the pipeline
 * @param errors events the system under test failed on (dead-lettered, including circuit
 *     fast-fails)
 * @param dropped events dropped by backpressure
 * @param circuitTransitions the breaker's state changes, in order, as {@code FROM->TO}
 * @param latency end-to-end latency from intended emission time, measured phases
 * @param peakHeapBytes the highest heap use sampled during the run
 * @param durationMillis wall-clock length of the run
 * @param timeline one point per second: {@code [secondsSinceStart, eventsPerSecond, p50Ms, p99Ms]}
 * @param percentiles latency at percentiles for the plot: {@code [percentile, millis]}
 * @param failures criteria that were not met, each as a sentence; empty if the run passed
 */
public record ScenarioReport(
    Scenario scenario,
    double targetEps,
    double achievedEps,
    long emitted,
    long skipped,
    long completed,
    long errors,
    long dropped,
    List<String> circuitTransitions,
    LatencySnapshot latency,
    long peakHeapBytes,
    long durationMillis,
    List<double[]> timeline,
    List<double[]> percentiles,
    List<String> failures) {

  /** Copies the lists. */
  public ScenarioReport {
    circuitTransitions = List.copyOf(circuitTransitions);
    timeline = List.copyOf(timeline);
    percentiles = List.copyOf(percentiles);
    failures = List.copyOf(failures);
  }

  /** True if every success criterion was met. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** Fraction of emitted events that completed without error. */
  public double successRate() {
    return emitted == 0 ? 1.0 : (double) (emitted - errors - dropped) / emitted;
  }
}
