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
    /**
     * A job changed state: submitted (QUEUED) and every change after it; the message is the new
     * status, followed by the cause for RESTARTING.
     */
    JOB_STATE,
    /** An alert was raised or cleared. */
    ALERT,
    /** A job failed for good (FAILED); the message names the stage and the event. */
    FAILURE,
    /** A circuit breaker changed state. */
    CIRCUIT_TRANSITION,
    /**
     * A source reader or sink writer (subject {@code job/stage}) or a whole job (subject the job's
     * name) is restarted; the message gives the restart's number, delay and cause.
     */
    RESTART,
    /** Anything else worth keeping (for example a job listener that threw). */
    INFO
  }
}
