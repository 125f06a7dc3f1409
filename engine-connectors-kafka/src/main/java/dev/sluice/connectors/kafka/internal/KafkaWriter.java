package dev.sluice.connectors.kafka.internal;

import dev.sluice.connectors.kafka.KafkaSinkConfig;
import dev.sluice.core.checkpoint.TwoPhaseCommitWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * At-least-once writer: an idempotent producer, flushed on each barrier ({@link #prepareCommit})
 * and at the end. Nothing to commit or recover.
 */
public final class KafkaWriter<T> implements TwoPhaseCommitWriter<T> {
  private static final byte[] NOTHING = new byte[0];
  private final KafkaSinkConfig config;
  private final Function<? super T, byte[]> keyFn;
  private final Function<? super T, byte[]> valueFn;
  private final Producers.FirstFailure callback = new Producers.FirstFailure();
  private KafkaProducer<byte[], byte[]> producer;

  public KafkaWriter(
      KafkaSinkConfig config, Function<? super T, byte[]> keyFn, Function<? super T, byte[]> valueFn) {
    this.config = config;
    this.keyFn = keyFn;
    this.valueFn = valueFn;
  }

  @Override
  public boolean offer(T event, long timestamp) {
    if (producer == null) {
      producer = Producers.create(config, null);
    }
    callback.check(config.topic());
    producer.send(
        new ProducerRecord<>(
            config.topic(), null, timestamp < 0 ? null : timestamp, keyFn.apply(event),
            valueFn.apply(event)),
        callback);
    return true;
  }

  @Override
  public void flush() {
    callback.check(config.topic());
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    if (producer != null) {
      producer.flush();
    }
    callback.check(config.topic());
    return NOTHING;
  }

  @Override
  public void checkpointComplete(long checkpointId) {}

  @Override
  public void recover(List<byte[]> committables) {}

  @Override
  public void complete() {
    prepareCommit(0);
  }

  @Override
  public void close(Throwable failure) {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
