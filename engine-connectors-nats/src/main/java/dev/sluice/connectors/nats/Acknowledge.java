package dev.sluice.connectors.nats;

/**
 * When a JetStream source acknowledges the messages it read.
 *
 * <ul>
 *   <li>{@link #ON_EMIT}: as soon as the message was handed to the engine (without checkpoints).
 *       A message survives a lost connection or a server restart (JetStream redelivers it after the
 *       consumer's ack wait) but an engine crash loses what was handed over
 *       and not yet written: at-least-once across the server, at-most-once across the engine.
 *   <li>{@link #ON_CHECKPOINT}: only once a checkpoint whose barrier came after the message has
 *       completed. After an engine crash the unacknowledged messages are redelivered by
 *       the server after the ack wait: at-least-once end to end. Needs checkpoints enabled on the job;
 *       without them nothing is ever acknowledged and the source stops at {@code maxAckPending}.
 * </ul>
 */
public enum Acknowledge {
  /** Acknowledge when the message is handed to the engine. */
  ON_EMIT,
  /** Acknowledge when a checkpoint covering the message completes. */
  ON_CHECKPOINT
}
