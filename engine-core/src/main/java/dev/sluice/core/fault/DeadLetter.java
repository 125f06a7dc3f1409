package dev.sluice.core.fault;

/**
 * An event that a stage could not process, sent to the pipeline's dead-letter output under
 * {@link ErrorPolicy#DEAD_LETTER} (or by a circuit breaker failing fast).
 *
 * @param event the original event, as the failing stage received it
 * @param error what was thrown
 * @param stage the failing stage's name
 * @param timestampMillis processing time when it failed, milliseconds since the epoch
 */
public record DeadLetter(Object event, Throwable error, String stage, long timestampMillis) {

  @Override
  public String toString() {
    return "DeadLetter[stage=" + stage + ", event=" + event + ", error=" + error + "]";
  }
}
