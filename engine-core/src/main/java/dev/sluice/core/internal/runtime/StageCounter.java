package dev.sluice.core.internal.runtime;

/**
 * Event counters of one parallel instance of one stage. Written by the single thread that runs
 * the instance with plain stores; read by others after the job ends (happens-before through the
 * job's completion) or approximately while it runs.
 */
final class StageCounter {
  final String stage;
  long in;
  long out;
  long filtered;
  long expanded;
  /** Drops counted where the stage itself drops (a push source); edge drops live in writers. */
  long dropped;
  /** Failures of user code handled by the stage's error policy (not FAIL). */
  long errors;
  /** Events sent to the dead-letter output. */
  long deadLettered;
  /** Restarts of a source reader or sink writer after failures. */
  long restarts;

  StageCounter(String stage) {
    this.stage = stage;
  }
}
