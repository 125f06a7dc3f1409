package dev.sluice.core.metrics;

/**
 * An alert changed state.
 *
 * @param rule the rule's name
 * @param job the job's name
 * @param subject the stage (or, for buffer alerts, the edge {@code from->to})
 * @param value the value that caused the change
 * @param state RAISED or CLEARED
 * @param timeMillis the snapshot's time
 */
public record AlertEvent(
    String rule, String job, String subject, double value, State state, long timeMillis) {
  /** Alert states. */
  public enum State {
    /** The value crossed the raise threshold. */
    RAISED,
    /** The value crossed back past the clear threshold. */
    CLEARED
  }
}
