package dev.sluice.connectors.kafka.internal;

import dev.sluice.connectors.kafka.KafkaConnectorException;
import dev.sluice.connectors.kafka.KafkaSinkConfig;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Creates producers for the sink writers; remembers the first failed send. */
final class Producers {
  private Producers() {}

  static KafkaProducer<byte[], byte[]> create(KafkaSinkConfig config, String transactionalId) {
    Properties p = new Properties();
    p.putAll(config.properties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          Integer.toString((int) config.transactionTimeout().toMillis()));
    }
    try {
      return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw new KafkaConnectorException(
          "Kafka sink: bad producer configuration for " + config.bootstrapServers() + ": "
              + e.getMessage(), e);
    }
  }

  /** A send callback that keeps the first failure. */
  static final class FirstFailure implements Callback {
    final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata m, Exception e) {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    }

    void check(String topic) {
      Exception e = failure.get();
      if (e != null) {
        throw new KafkaConnectorException("Kafka sink: a write to topic '" + topic + "' failed: " + e, e);
      }
    }
  }
}
