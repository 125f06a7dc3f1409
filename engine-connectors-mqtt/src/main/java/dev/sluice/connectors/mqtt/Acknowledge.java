package dev.sluice.connectors.mqtt;

/**
 * When an MQTT source acknowledges (PUBACK / PUBREC) the QoS 1 and 2 messages it received.
 *
 * <ul>
 *   <li>{@link #ON_EMIT}: as soon as the message was handed to the engine (without checkpoints).
 *       A message survives a lost connection or a broker restart (the broker redelivers it to the
 *       persistent session) but an engine crash loses what was handed over
 *       and not yet written: at-least-once across the server, at-most-once across the engine.
 *   <li>{@link #ON_CHECKPOINT}: only once a checkpoint whose barrier came after the message has
 *       completed. After an engine crash the unacknowledged messages are redelivered by
 *       the broker when the session reconnects: at-least-once end to end (QoS 1 and 2). Needs checkpoints enabled on the job;
 *       without them nothing is ever acknowledged and the source stops at the receive maximum.
 * </ul>
 */
public enum Acknowledge {
  /** Acknowledge when the message is handed to the engine. */
  ON_EMIT,
  /** Acknowledge when a checkpoint covering the message completes. */
  ON_CHECKPOINT
}
