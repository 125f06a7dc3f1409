package dev.sluice.connectors.kafka;

import dev.sluice.connectors.kafka.internal.KafkaWriter;
import dev.sluice.connectors.kafka.internal.TransactionalKafkaWriter;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes events to one Kafka topic. The record key comes from a key extractor (Kafka's default
 * partitioner then sends equal keys to one partition, keeping their order); a null key spreads
 * records over the partitions.
 *
 * <p>{@link DeliveryGuarantee#AT_LEAST_ONCE}: an idempotent producer, flushed on each checkpoint
 * barrier and at the end. {@link DeliveryGuarantee#EXACTLY_ONCE}: one Kafka transaction per
 * writer and checkpoint, prepared (flushed) on the barrier and committed when the checkpoint
 * completes; see docs/connectors-kafka.md for what a crash between the two leaves.
 *
 * <p><b>Threading:</b> blocking: each writer runs on its own thread (a send may block while the
 * producer's buffer is full, a flush until the broker acknowledged). <b>Failure:</b> a failed
 * send fails the writer at its next call, naming the topic.
 *
 * @param <T> event type
 */
public final class KafkaSink<T> implements Sink<T> {
  private final KafkaSinkConfig config;
  private final Function<? super T, byte[]> keyFn;
  private final Function<? super T, byte[]> valueFn;

  private KafkaSink(
      KafkaSinkConfig config,
      Function<? super T, byte[]> keyFn,
      Function<? super T, byte[]> valueFn) {
    this.config = Objects.requireNonNull(config, "config");
    this.keyFn = Objects.requireNonNull(keyFn, "keyFn");
    this.valueFn = Objects.requireNonNull(valueFn, "valueFn");
  }

  /**
   * A sink writing {@code valueFn(event)} under the key {@code keyFn(event)} (null: no key).
   */
  public static <T> KafkaSink<T> of(
      KafkaSinkConfig config,
      Function<? super T, byte[]> keyFn,
      Function<? super T, byte[]> valueFn) {
    return new KafkaSink<>(config, keyFn, valueFn);
  }

  @Override
  public String name() {
    return "kafka:" + config.topic();
  }

  @Override
  public boolean isBlocking() {
    return true;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
        ? new TransactionalKafkaWriter<>(config, keyFn, valueFn, instanceIndex)
        : new KafkaWriter<>(config, keyFn, valueFn);
  }
}
