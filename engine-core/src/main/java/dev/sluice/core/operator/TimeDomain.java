package dev.sluice.core.operator;

/** The clock a timer follows. */
public enum TimeDomain {
  /** Event time: the timer fires when a watermark at or after its time reaches the operator. */
  EVENT_TIME,
  /**
   * Processing time: the timer fires when the engine's wall clock reaches its time, checked on
   * every call of the operator's tasklet (at least every few milliseconds while the job runs).
   */
  PROCESSING_TIME
}
