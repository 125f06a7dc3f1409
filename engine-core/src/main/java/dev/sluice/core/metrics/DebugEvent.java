package dev.sluice.core.metrics;

/**
 * An entry of the {@link DebugEventLog}.
 *
 * @param timeMillis when, milliseconds since the epoch
 * @param kind what kind of event
 * @param subject what it is about: a job name, {@code job/stage}, or a circuit breaker's name
 * @param message what happened
 */
public record DebugEvent(long timeMillis, Kind kind, String subject, String message) {
  /** Kinds of debug events. */
  public enum Kind {
    /** A job changed state. */
    JOB_STATE,
    /** An alert was raised or cleared. */
    ALERT,
    /** A stage failed. */
    FAILURE,
    /** A circuit breaker changed state. */
    CIRCUIT_TRANSITION,
    /** A source or sink was restarted. */
    RESTART,
    /** Anything else worth keeping. */
    INFO
  }
}
