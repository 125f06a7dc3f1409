package dev.sluice.core.fault;

/**
 * What a stage does when it has a dead letter to send and the pipeline's dead-letter output
 * already holds its capacity ({@link DeadLetterSettings#capacity()}) of unread dead letters.
 */
public enum DeadLetterOverflow {
  /**
   * The failing stage waits: it keeps the dead letter and its tasklet takes no more input until
   * the dead-letter output has room (backpressure, as on a full {@code BLOCK} edge). No worker
   * thread blocks, and no dead letter is lost. A stage can hold, beyond the capacity, the dead
   * letters of the one input item it was processing (more if that item fanned out).
   */
  BLOCK,
  /** The arriving dead letter is dropped; counted in the dead-letter stage's {@code dropped}. */
  DROP_NEWEST,
  /**
   * The oldest unread dead letter is dropped to make room for the arriving one; counted in the
   * dead-letter stage's {@code dropped}.
   */
  DROP_OLDEST,
  /**
   * The job fails, naming the stage whose dead letter did not fit and its event; the message
   * says that the dead-letter output was full and its capacity.
   */
  FAIL
}
