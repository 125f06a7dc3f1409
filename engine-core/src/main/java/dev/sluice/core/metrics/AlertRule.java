package dev.sluice.core.metrics;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A threshold on a stage metric, with hysteresis. For {@link Direction#ABOVE}, the alert is
 * raised when the value reaches {@code raiseAt} and cleared only when it falls to {@code clearAt}
 * or below (so {@code clearAt <= raiseAt}); a value flapping between the two changes nothing.
 * {@link Direction#BELOW} mirrors it.
 *
 * @param name the rule's name
 * @param metric extracts the value from a stage snapshot
 * @param direction which side of the threshold is bad
 * @param raiseAt the threshold that raises the alert
 * @param clearAt the threshold that clears it
 * @param stage only this stage, or null for every stage
 */
public record AlertRule(
    String name,
    ToDoubleFunction<StageSnapshot> metric,
    Direction direction,
    double raiseAt,
    double clearAt,
    String stage) {

  /** Which side of the threshold is bad. */
  public enum Direction {
    /** Values at or above the raise threshold are bad. */
    ABOVE,
    /** Values at or below the raise threshold are bad. */
    BELOW
  }

  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if the clear threshold is on the bad side of the raise one
   */
  public AlertRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(direction, "direction");
    if (direction == Direction.ABOVE ? clearAt > raiseAt : clearAt < raiseAt) {
      throw new IllegalArgumentException(
          "alert '" + name + "': clearAt (" + clearAt + ") must be on the good side of raiseAt ("
              + raiseAt + ")");
    }
  }

  /** p99 processing latency in milliseconds above {@code raiseMillis}, clearing at {@code clearMillis}. */
  public static AlertRule p99LatencyMillis(String name, double raiseMillis, double clearMillis) {
    return new AlertRule(
        name, s -> s.processingLatency().p99Nanos() / 1e6, Direction.ABOVE, raiseMillis,
        clearMillis, null);
  }

  /** Error rate (errors per event in) above {@code raise}, clearing at {@code clear}. */
  public static AlertRule errorRate(String name, double raise, double clear) {
    return new AlertRule(name, StageSnapshot::errorRate, Direction.ABOVE, raise, clear, null);
  }

  /** Event-time lag in milliseconds above {@code raiseMillis}, clearing at {@code clearMillis}. */
  public static AlertRule eventTimeLagMillis(String name, double raiseMillis, double clearMillis) {
    return new AlertRule(
        name, s -> s.eventTimeLagMillis() < 0 ? 0 : s.eventTimeLagMillis(), Direction.ABOVE,
        raiseMillis, clearMillis, null);
  }

  /** This rule restricted to one stage. */
  public AlertRule forStage(String stageName) {
    return new AlertRule(name, metric, direction, raiseAt, clearAt, stageName);
  }
}
