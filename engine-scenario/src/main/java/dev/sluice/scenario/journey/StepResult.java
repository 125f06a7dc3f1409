package dev.sluice.scenario.journey;

/**
 * The figures of one named step over the measured phase.
 *
 * @param name the step's name
 * @param calls times the step ran (completed or failed)
 * @param failures times it failed
 * @param latency successful runs, from the step's start to its end
 */
public record StepResult(String name, long calls, long failures, LatencySummary latency) {}
