package dev.sluice.connectors.kafka;

/** What a {@link KafkaSink} promises about each event it is given. */
public enum DeliveryGuarantee {
  /**
   * Idempotent producer (no duplicates from the producer's own retries); the producer is flushed
   * on every checkpoint barrier and at the end, so with checkpoints nothing acknowledged by a
   * completed checkpoint is lost. A restart replays from the last checkpoint: duplicates are
   * possible.
   */
  AT_LEAST_ONCE,
  /**
   * Kafka transactions tied to checkpoints: what is written between two barriers is one
   * transaction, committed when the checkpoint completes. Consumers with {@code
   * isolation.level=read_committed} see each record once.
   */
  EXACTLY_ONCE
}
