package dev.sluice.core.fault;

/** What an event does while a circuit breaker is open (calls are not permitted). */
public enum WhileOpen {
  /**
   * Fail fast: the event fails with {@code CallNotPermittedException} and goes to the stage's
   * error policy (with {@link ErrorPolicy#DEAD_LETTER}: to the dead-letter output), or to the
   * fallback function when one is set.
   */
  FAIL_FAST,
  /** Wait: hold the event, and with it the stage's input (backpressure), until a call is let through. */
  WAIT,
  /** Drop the event, counted in the stage's {@code dropped}. */
  DROP
}
