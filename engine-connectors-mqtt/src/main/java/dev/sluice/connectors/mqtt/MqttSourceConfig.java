package dev.sluice.connectors.mqtt;

import dev.sluice.core.fault.RestartStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link MqttSource}; build with {@link #builder}.
 *
 * @param host the broker's host
 * @param port the broker's port
 * @param clientId the client-identifier prefix; instance {@code i} connects as {@code
 *     clientId-i}. Keep it stable: the broker keeps the persistent session (subscriptions and
 *     unacknowledged messages) under this name
 * @param topicFilter what to subscribe to: a topic filter with {@code +} and {@code #}, or a
 *     shared subscription {@code $share/<group>/<filter>} (parallel instances, and other
 *     applications in the same group, then split the messages)
 * @param qos the maximum quality of service requested: 0, 1 or 2
 * @param sessionExpiry how long the broker keeps the session (and queues QoS 1/2 messages) while
 *     the source is disconnected; zero for a clean session that ends with the connection
 * @param receiveMaximum QoS 1/2 messages the broker may have unacknowledged at this client: its
 *     flow control, which bounds what the reader buffers
 * @param bufferCapacity the reader's buffer; QoS 0 messages that arrive while it is full are
 *     dropped and counted (QoS 0 has no flow control); at least {@code receiveMaximum}
 * @param username the user name, or null
 * @param password the password, or null
 * @param acknowledge when QoS 1/2 messages are acknowledged
 * @param reconnect reconnect backoff and how many failed attempts in a row fail the job
 */
public record MqttSourceConfig(
    String host,
    int port,
    String clientId,
    String topicFilter,
    int qos,
    Duration sessionExpiry,
    int receiveMaximum,
    int bufferCapacity,
    String username,
    String password,
    Acknowledge acknowledge,
    RestartStrategy reconnect) {

  /** The default reconnect backoff: 100 ms doubling to 5 s, 20 % jitter, 60 attempts. */
  public static RestartStrategy defaultReconnect() {
    return RestartStrategy.exponentialBackoff(
        Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 0.2, 60);
  }

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public MqttSourceConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sessionExpiry, "sessionExpiry");
    Objects.requireNonNull(acknowledge, "acknowledge");
    Objects.requireNonNull(reconnect, "reconnect");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("mqtt source: clientId must not be blank");
    }
    if (topicFilter == null || topicFilter.isEmpty()) {
      throw new IllegalArgumentException("mqtt source: topicFilter must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("mqtt source: port must be in 1..65535, was " + port);
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("mqtt source: qos must be 0, 1 or 2, was " + qos);
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException(
          "mqtt source: receiveMaximum must be in 1..65535, was " + receiveMaximum);
    }
    if (bufferCapacity < receiveMaximum) {
      throw new IllegalArgumentException(
          "mqtt source: bufferCapacity (" + bufferCapacity + ") must be >= receiveMaximum ("
              + receiveMaximum + ")");
    }
  }

  /** True if the filter is a shared subscription ({@code $share/...}). */
  public boolean shared() {
    return topicFilter.startsWith("$share/");
  }

  /** A builder with the defaults: QoS 1, a one-hour session, receive maximum 256. */
  public static Builder builder(String host, int port, String clientId, String topicFilter) {
    return new Builder(host, port, clientId, topicFilter);
  }

  /** Builds a {@link MqttSourceConfig}; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String clientId;
    private final String topicFilter;
    private int qos = 1;
    private Duration sessionExpiry = Duration.ofHours(1);
    private int receiveMaximum = 256;
    private int bufferCapacity = -1;
    private String username;
    private String password;
    private Acknowledge acknowledge = Acknowledge.ON_EMIT;
    private RestartStrategy reconnect = defaultReconnect();

    private Builder(String host, int port, String clientId, String topicFilter) {
      this.host = host;
      this.port = port;
      this.clientId = clientId;
      this.topicFilter = topicFilter;
    }

    /** See {@link MqttSourceConfig#qos()}; default 1. */
    public Builder qos(int value) {
      this.qos = value;
      return this;
    }

    /** See {@link MqttSourceConfig#sessionExpiry()}; default one hour. */
    public Builder sessionExpiry(Duration value) {
      this.sessionExpiry = value;
      return this;
    }

    /** See {@link MqttSourceConfig#receiveMaximum()}; default 256. */
    public Builder receiveMaximum(int value) {
      this.receiveMaximum = value;
      return this;
    }

    /** See {@link MqttSourceConfig#bufferCapacity()}; default twice the receive maximum. */
    public Builder bufferCapacity(int value) {
      this.bufferCapacity = value;
      return this;
    }

    /** User name and password. */
    public Builder credentials(String user, String pass) {
      this.username = user;
      this.password = pass;
      return this;
    }

    /** See {@link MqttSourceConfig#acknowledge()}; default {@link Acknowledge#ON_EMIT}. */
    public Builder acknowledge(Acknowledge value) {
      this.acknowledge = value;
      return this;
    }

    /** See {@link MqttSourceConfig#reconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public MqttSourceConfig build() {
      return new MqttSourceConfig(
          host, port, clientId, topicFilter, qos, sessionExpiry, receiveMaximum,
          bufferCapacity < 0 ? 2 * receiveMaximum : bufferCapacity, username, password,
          acknowledge, reconnect);
    }
  }
}
