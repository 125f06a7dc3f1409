package dev.sluice.scenario.http;

import dev.sluice.scenario.journey.LatencySummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run of an {@link HttpTarget} measured, over the measured phase (arrivals due after the
 * warm-up). Every figure is measured; none echoes the plan: {@link #achievedRatePerSecond()} is
 * completions divided by the wall time of the measured phase, which runs from its start to the
 * later of the schedule's end and the last completion, so a run that could not keep up shows a
 * lower rate, a backlog and a late finish. Immutable.
 *
 * <p>Accounting: {@code plannedRequests = sent + errors[CIRCUIT_OPEN] + errors[IN_FLIGHT_CAP] +
 * errors[TEMPLATE] + notStarted}, and {@code sent = succeeded + (errors of the other kinds) +
 * unfinished} — {@code notStarted} and {@code unfinished} are zero unless the run was cut off.
 *
 * @param target the spec's {@link HttpTargetSpec#describe()}
 * @param arrivals the arrival process, e.g. {@code poisson(200.0/s)}
 * @param onCapReached the policy when the in-flight cap was reached ({@code WAIT}, or {@code
 *     SKIP after N ms})
 * @param plannedRequests arrivals the schedule had in the measured phase
 * @param plannedRatePerSecond {@code plannedRequests} divided by the measured duration
 * @param sent requests sent
 * @param completed sent requests that ended: with a response, an error or a timeout
 * @param succeeded completed with a success status (and body, if checked)
 * @param errors requests by error kind; every kind is present
 * @param measuredSeconds wall time of the measured phase
 * @param achievedRatePerSecond {@code completed / measuredSeconds}
 * @param successRatePerSecond {@code succeeded / measuredSeconds}
 * @param latency successful requests, from the <em>intended</em> send time to the complete
 *     response (coordinated omission corrected)
 * @param serviceTime successful requests, from the actual send to the complete response (what a
 *     closed-loop tool reports; shown for comparison)
 * @param sendDelay every sent request: actual send time minus intended send time
 * @param delayedByCap sent requests that were held back because all {@code maxInFlight} slots
 *     were busy at some moment after they were due
 * @param maxInFlightObserved the most exchanges open at once, counted by the client
 * @param backlogAtScheduleEnd requests due before the schedule ended but sent after it
 * @param lateFinishSeconds how long after the schedule's end the last request completed (0 if
 *     none later)
 * @param cutOff the plan's wall-clock limit ended the run (figures are partial)
 * @param circuitTransitions the breaker's state changes, e.g. {@code CLOSED->OPEN}, in order
 * @param warmupRequests arrivals of the warm-up (not in any other figure)
 */
public record HttpTargetResult(
    String target,
    String arrivals,
    String onCapReached,
    long plannedRequests,
    double plannedRatePerSecond,
    long sent,
    long completed,
    long succeeded,
    Map<HttpErrorKind, Long> errors,
    double measuredSeconds,
    double achievedRatePerSecond,
    double successRatePerSecond,
    LatencySummary latency,
    LatencySummary serviceTime,
    LatencySummary sendDelay,
    long delayedByCap,
    int maxInFlightObserved,
    long backlogAtScheduleEnd,
    double lateFinishSeconds,
    boolean cutOff,
    List<String> circuitTransitions,
    long warmupRequests) {

  /** Copies the collections. */
  public HttpTargetResult {
    errors = Map.copyOf(errors);
    circuitTransitions = List.copyOf(circuitTransitions);
  }

  /** Requests of one error kind. */
  public long errors(HttpErrorKind kind) {
    return errors.getOrDefault(kind, 0L);
  }

  /** All failed or unsent requests. */
  public long totalErrors() {
    long n = 0;
    for (long v : errors.values()) {
      n += v;
    }
    return n;
  }

  /** A few lines for a terminal. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "target %s, arrivals %s, on cap: %s%n", target, arrivals, onCapReached));
    sb.append(String.format(Locale.ROOT,
        "planned %d (%.1f/s)  sent %d  completed %d  ok %d  in %.2f s%s%n", plannedRequests,
        plannedRatePerSecond, sent, completed, succeeded, measuredSeconds,
        cutOff ? "  CUT OFF at the wall-clock limit" : ""));
    sb.append(String.format(Locale.ROOT,
        "achieved %.1f req/s (ok %.1f/s)  backlog at end %d  late finish %.2f s%n",
        achievedRatePerSecond, successRatePerSecond, backlogAtScheduleEnd, lateFinishSeconds));
    sb.append("latency (from intended send) ").append(latency.describe()).append('\n');
    sb.append("service time (from send)     ").append(serviceTime.describe()).append('\n');
    sb.append("send delay                   ").append(sendDelay.describe()).append('\n');
    sb.append(String.format(Locale.ROOT,
        "delayed by cap %d  max in flight %d%n", delayedByCap, maxInFlightObserved));
    StringBuilder errs = new StringBuilder();
    for (HttpErrorKind k : HttpErrorKind.values()) {
      long v = errors(k);
      if (v > 0) {
        errs.append(errs.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
      }
    }
    sb.append("errors ").append(errs.length() == 0 ? "none" : errs);
    if (!circuitTransitions.isEmpty()) {
      sb.append("\ncircuit ").append(String.join(", ", circuitTransitions));
    }
    return sb.toString();
  }
}
