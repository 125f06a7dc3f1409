package dev.sluice.connectors.redis;

/**
 * When a Redis Streams source acknowledges (XACK) the entries it read.
 *
 * <ul>
 *   <li>{@link #ON_EMIT}: as soon as the entry was handed to the engine (without checkpoints).
 *       An entry survives a lost connection or a Redis restart (it stays in the group's
 *       pending-entries list until acknowledged) but an engine crash loses what was handed over
 *       and not yet written: at-least-once across the server, at-most-once across the engine.
 *   <li>{@link #ON_CHECKPOINT}: only once a checkpoint whose barrier came after the entry has
 *       completed. After an engine crash the unacknowledged entries are read again from the
 *       pending-entries list: at-least-once end to end. Needs checkpoints enabled on the job;
 *       without them nothing is ever acknowledged and the source stops at {@code maxUnacked}.
 * </ul>
 */
public enum Acknowledge {
  /** Acknowledge when the entry is handed to the engine. */
  ON_EMIT,
  /** Acknowledge when a checkpoint covering the entry completes. */
  ON_CHECKPOINT
}
