package dev.sluice.connectors.kafka;

/**
 * A Kafka connector cannot go on: the cluster did not answer in time, a topic does not exist, a
 * record cannot be decoded, a write failed. The message names the servers, topic, partition or
 * offset concerned.
 */
public final class KafkaConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates it with a message and its cause. */
  public KafkaConnectorException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates it with a message. */
  public KafkaConnectorException(String message) {
    super(message);
  }
}
