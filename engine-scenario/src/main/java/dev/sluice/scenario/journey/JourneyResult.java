package dev.sluice.scenario.journey;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run of journeys measured, over the measured phase (users due after the warm-up). Every
 * figure is measured, none echoes the plan. Immutable.
 *
 * <p>Accounting: {@code plannedUsers = started + skipped + notStarted} and {@code started =
 * completed + failed + unfinished}; {@code notStarted} and {@code unfinished} are zero unless the
 * run was cut off.
 *
 * @param arrivals the arrival process, e.g. {@code poisson(3.0/s)}
 * @param maxConcurrentUsers the cap
 * @param onCapReached {@code WAIT} (users wait for a slot, nothing lost) or {@code SKIP after N
 *     ms} (users who would start later than that are skipped, counted)
 * @param plannedUsers arrivals the schedule had in the measured phase
 * @param plannedRatePerSecond {@code plannedUsers} divided by the measured duration
 * @param started users whose journey started
 * @param completed journeys that completed normally
 * @param failed journeys that failed
 * @param skipped users not started under {@code SKIP}
 * @param failuresByStep failed journeys by the first step that failed ({@code "(outside
 *     steps)"} when no step failed), in order of first failure
 * @param steps every step name, in order of first use
 * @param journeyLatency completed journeys, from the intended arrival to the end (coordinated
 *     omission corrected: includes any wait for a slot)
 * @param startDelay every started user: actual start minus intended arrival
 * @param delayedByCap started users held back because all slots were busy at some moment after
 *     they were due
 * @param maxConcurrentObserved the most journeys running at once
 * @param poolWait per pool name, the time {@link UserContext#take} waited for a resource
 * @param arrivalSeconds wall time from the measured phase's start to the later of the schedule's
 *     end and the last start
 * @param achievedArrivalRatePerSecond {@code started / arrivalSeconds}
 * @param measuredSeconds wall time from the measured phase's start to the later of the
 *     schedule's end and the last journey's end
 * @param completionRatePerSecond {@code completed / measuredSeconds}
 * @param backlogAtScheduleEnd users due before the schedule ended but started after it
 * @param lateFinishSeconds how long after the schedule's end the last journey ended (0 if none
 *     later)
 * @param cutOff the plan's wall-clock limit ended the run (figures are partial)
 * @param warmupUsers users of the warm-up (not in any other figure)
 */
public record JourneyResult(
    String arrivals,
    int maxConcurrentUsers,
    String onCapReached,
    long plannedUsers,
    double plannedRatePerSecond,
    long started,
    long completed,
    long failed,
    long skipped,
    Map<String, Long> failuresByStep,
    List<StepResult> steps,
    LatencySummary journeyLatency,
    LatencySummary startDelay,
    long delayedByCap,
    int maxConcurrentObserved,
    Map<String, LatencySummary> poolWait,
    double arrivalSeconds,
    double achievedArrivalRatePerSecond,
    double measuredSeconds,
    double completionRatePerSecond,
    long backlogAtScheduleEnd,
    double lateFinishSeconds,
    boolean cutOff,
    long warmupUsers) {

  /** Copies the collections (keeping their order). */
  public JourneyResult {
    failuresByStep = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByStep));
    steps = List.copyOf(steps);
    poolWait = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(poolWait));
  }

  /** The step named {@code name}. */
  public StepResult step(String name) {
    for (StepResult s : steps) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no step named '" + name + "'; steps: "
        + steps.stream().map(StepResult::name).toList());
  }

  /** Completed journeys as a share of those that ended (0..1); 0 if none ended. */
  public double successRate() {
    long ended = completed + failed;
    return ended == 0 ? 0 : (double) completed / ended;
  }

  /** A few lines for a terminal. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "arrivals %s, at most %d at once, on cap: %s%n",
        arrivals, maxConcurrentUsers, onCapReached));
    sb.append(String.format(Locale.ROOT,
        "planned %d (%.2f/s)  started %d (%.2f/s achieved)  completed %d  failed %d  skipped %d%s%n",
        plannedUsers, plannedRatePerSecond, started, achievedArrivalRatePerSecond, completed,
        failed, skipped, cutOff ? "  CUT OFF at the wall-clock limit" : ""));
    sb.append(String.format(Locale.ROOT,
        "success %.1f %%  completions %.2f/s over %.2f s  backlog at end %d  late finish %.2f s%n",
        successRate() * 100, completionRatePerSecond, measuredSeconds, backlogAtScheduleEnd,
        lateFinishSeconds));
    sb.append("journey (from intended arrival) ").append(journeyLatency.describe()).append('\n');
    sb.append("start delay                     ").append(startDelay.describe()).append('\n');
    sb.append(String.format(Locale.ROOT, "delayed by cap %d  max concurrent %d%n", delayedByCap,
        maxConcurrentObserved));
    for (StepResult s : steps) {
      sb.append(String.format(Locale.ROOT, "step %-14s calls %d failures %d  %s%n", s.name(),
          s.calls(), s.failures(), s.latency().describe()));
    }
    for (Map.Entry<String, LatencySummary> p : poolWait.entrySet()) {
      sb.append(String.format(Locale.ROOT, "pool %-14s wait %s%n", p.getKey(),
          p.getValue().describe()));
    }
    sb.append("failures by step ").append(failuresByStep.isEmpty() ? "none" : failuresByStep);
    return sb.toString();
  }
}
