package dev.sluice.connectors.mqtt;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.fault.WhileOpen;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link MqttSink}; build with {@link #builder}.
 *
 * @param host the broker's host
 * @param port the broker's port
 * @param clientId the client-identifier prefix; instance {@code i} connects as {@code clientId-i}
 * @param topic the topic published to (unless the sink computes one per event)
 * @param qos the quality of service of the publishes: 0, 1 or 2
 * @param retain publish as retained messages
 * @param maxInFlight publishes not yet completed (QoS 1: PUBACK, QoS 2: PUBCOMP) beyond which
 *     the writer refuses events (the pipeline is held back)
 * @param username the user name, or null
 * @param password the password, or null
 * @param breaker the circuit breaker around publishes
 * @param reconnect backoff between failed publishes and reconnects, and how many failures in a
 *     row fail the job
 */
public record MqttSinkConfig(
    String host,
    int port,
    String clientId,
    String topic,
    int qos,
    boolean retain,
    int maxInFlight,
    String username,
    String password,
    CircuitBreakerSettings breaker,
    RestartStrategy reconnect) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public MqttSinkConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(reconnect, "reconnect");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("mqtt sink: clientId must not be blank");
    }
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("mqtt sink: topic must not be empty");
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("mqtt sink: qos must be 0, 1 or 2, was " + qos);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("mqtt sink: maxInFlight must be >= 1, was " + maxInFlight);
    }
  }

  /** A builder with the defaults: QoS 1, not retained, 1024 in flight. */
  public static Builder builder(String host, int port, String clientId, String topic) {
    return new Builder(host, port, clientId, topic);
  }

  /** Builds a {@link MqttSinkConfig}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String clientId;
    private final String topic;
    private int qos = 1;
    private boolean retain;
    private int maxInFlight = 1024;
    private String username;
    private String password;
    private CircuitBreakerSettings breaker;
    private RestartStrategy reconnect = MqttSourceConfig.defaultReconnect();

    private Builder(String host, int port, String clientId, String topic) {
      this.host = host;
      this.port = port;
      this.clientId = clientId;
      this.topic = topic;
    }

    /** See {@link MqttSinkConfig#qos()}; default 1. */
    public Builder qos(int value) {
      this.qos = value;
      return this;
    }

    /** See {@link MqttSinkConfig#retain()}; default false. */
    public Builder retain(boolean value) {
      this.retain = value;
      return this;
    }

    /** See {@link MqttSinkConfig#maxInFlight()}; default 1024. */
    public Builder maxInFlight(int value) {
      this.maxInFlight = value;
      return this;
    }

    /** User name and password. */
    public Builder credentials(String user, String pass) {
      this.username = user;
      this.password = pass;
      return this;
    }

    /** See {@link MqttSinkConfig#breaker()}. */
    public Builder breaker(CircuitBreakerSettings value) {
      this.breaker = value;
      return this;
    }

    /** See {@link MqttSinkConfig#reconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public MqttSinkConfig build() {
      return new MqttSinkConfig(
          host, port, clientId, topic, qos, retain, maxInFlight, username, password,
          breaker != null
              ? breaker
              : new CircuitBreakerSettings(
                  "mqtt-sink:" + clientId, 5, Duration.ofSeconds(1), 1, WhileOpen.FAIL_FAST),
          reconnect);
    }
  }
}
