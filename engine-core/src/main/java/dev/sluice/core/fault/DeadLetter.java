package dev.sluice.core.fault;

import dev.sluice.core.operator.OutputTag;

/**
 * An event that a stage could not process, under {@link ErrorPolicy#DEAD_LETTER} (or by a
 * circuit breaker failing fast): sent to the stage's own dead-letter port ({@code
 * stage.deadLetters()}, the side output {@link #OUTPUT_TAG}) if the pipeline connects it, else to
 * the pipeline-wide dead-letter output ({@code pipeline.deadLetters()}). On the stage's port it
 * carries the failed event's timestamp and travels in order with the stage's watermarks.
 *
 * @param event the original event, as the failing stage received it
 * @param error what was thrown
 * @param stage the failing stage's name
 * @param timestampMillis processing time when it failed, milliseconds since the epoch
 */
public record DeadLetter(Object event, Throwable error, String stage, long timestampMillis) {

  /**
   * The tag of every stage's dead-letter port: {@code stage.deadLetters()} is {@code
   * stage.sideOutput(DeadLetter.OUTPUT_TAG)}. Its id, {@code "dead-letters"}, is reserved: a
   * side output of another type cannot use it.
   */
  public static final OutputTag<DeadLetter> OUTPUT_TAG =
      OutputTag.of("dead-letters", DeadLetter.class);

  @Override
  public String toString() {
    return "DeadLetter[stage=" + stage + ", event=" + event + ", error=" + error + "]";
  }
}
