package dev.sluice.connectors.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of a {@link KafkaSink}. Start from {@link #builder(String, String)}.
 *
 * <p><b>Threading:</b> immutable and thread-safe.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param topic the topic written to
 * @param guarantee at-least-once (idempotent producer) or exactly-once (transactions)
 * @param transactionalIdPrefix for exactly-once: the prefix of the transactional ids, unique per
 *     job (two jobs with one prefix fence each other)
 * @param transactionTimeout for exactly-once: Kafka's {@code transaction.timeout.ms}; must exceed
 *     the checkpoint interval plus the time a checkpoint takes
 * @param properties further producer properties, passed to the client as they are
 */
public record KafkaSinkConfig(
    String bootstrapServers,
    String topic,
    DeliveryGuarantee guarantee,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    Map<String, String> properties) {

  /** Transaction timeout unless changed: 60 s. */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

  /** Validates and copies. */
  public KafkaSinkConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(guarantee, "guarantee");
    Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE
        && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
      throw new IllegalArgumentException("EXACTLY_ONCE needs a transactionalIdPrefix");
    }
    properties = Map.copyOf(properties);
  }

  /** A builder: at-least-once with an idempotent producer unless changed. */
  public static Builder builder(String bootstrapServers, String topic) {
    return new Builder(bootstrapServers, topic);
  }

  /** Builds a {@link KafkaSinkConfig}. Not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private final String topic;
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder(String bootstrapServers, String topic) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
    }

    /** Exactly-once through transactions whose ids start with {@code transactionalIdPrefix}. */
    public Builder exactlyOnce(String transactionalIdPrefix) {
      this.guarantee = DeliveryGuarantee.EXACTLY_ONCE;
      this.transactionalIdPrefix = transactionalIdPrefix;
      return this;
    }

    /** Kafka's transaction timeout. */
    public Builder transactionTimeout(Duration timeout) {
      this.transactionTimeout = timeout;
      return this;
    }

    /** A further producer property. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** The configuration. */
    public KafkaSinkConfig build() {
      return new KafkaSinkConfig(
          bootstrapServers, topic, guarantee, transactionalIdPrefix, transactionTimeout, properties);
    }
  }
}
