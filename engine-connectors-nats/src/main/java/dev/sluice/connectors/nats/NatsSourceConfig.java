package dev.sluice.connectors.nats;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.fault.WhileOpen;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link JetStreamSource}; build with {@link #builder}.
 *
 * @param url the server ({@code nats://host:port}, optionally {@code nats://user:pass@host:port})
 * @param stream the stream's name
 * @param subject the filter subject of the consumer (wildcards allowed); also the subject of the
 *     stream when it is created
 * @param durable the durable consumer's name; parallel instances share it (they split the
 *     messages)
 * @param createStream create the stream if it is missing; when false a missing stream fails the
 *     job
 * @param batchSize messages asked for per pull request
 * @param maxAckPending the consumer's bound on delivered, unacknowledged messages: the server
 *     stops delivering at it, which bounds the reader's buffer
 * @param ackWait how long the server waits for an acknowledgement before redelivering
 * @param pullExpiry how long one pull request waits on the server; the client expects a heartbeat
 *     at half of it and re-pulls after missing heartbeats, so it also bounds how long a consumer
 *     stalls after a lost connection
 * @param acknowledge when messages are acknowledged
 * @param breaker the circuit breaker around publishes (sink) and acknowledgements
 * @param reconnect reconnect backoff: its first delay is the client's reconnect wait and its
 *     maximum restarts the client's reconnect attempts; when they run out the job fails
 */
public record NatsSourceConfig(
    String url,
    String stream,
    String subject,
    String durable,
    boolean createStream,
    int batchSize,
    int maxAckPending,
    Duration ackWait,
    Duration pullExpiry,
    Acknowledge acknowledge,
    CircuitBreakerSettings breaker,
    RestartStrategy reconnect) {

  /** The default reconnect backoff: 100 ms doubling to 5 s, 20 % jitter, 60 attempts. */
  public static RestartStrategy defaultReconnect() {
    return RestartStrategy.exponentialBackoff(
        Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 0.2, 60);
  }

  /** The default breaker: opens after 5 failures, half-opens after 1 s, closes on 1 success. */
  public static CircuitBreakerSettings defaultBreaker(String name) {
    return new CircuitBreakerSettings(name, 5, Duration.ofSeconds(1), 1, WhileOpen.FAIL_FAST);
  }

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public NatsSourceConfig {
    Objects.requireNonNull(url, "url");
    requireText(stream, "stream");
    requireText(subject, "subject");
    requireText(durable, "durable");
    Objects.requireNonNull(ackWait, "ackWait");
    Objects.requireNonNull(pullExpiry, "pullExpiry");
    if (pullExpiry.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "nats source: pullExpiry must be at least 1 s, was " + pullExpiry);
    }
    if (!stream.matches("[^\\s.*>/\\\\]+")) {
      throw new IllegalArgumentException(
          "nats source: stream '" + stream
              + "' is not a valid stream name (no whitespace, '.', '*', '>', '/' or '\\')");
    }
    Objects.requireNonNull(acknowledge, "acknowledge");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(reconnect, "reconnect");
    if (batchSize < 1) {
      throw new IllegalArgumentException("nats source: batchSize must be >= 1, was " + batchSize);
    }
    if (maxAckPending < batchSize) {
      throw new IllegalArgumentException(
          "nats source: maxAckPending (" + maxAckPending + ") must be >= batchSize (" + batchSize
              + ")");
    }
  }

  private static void requireText(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("nats source: " + setting + " must not be blank");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder(String url, String stream, String subject, String durable) {
    return new Builder(url, stream, subject, durable);
  }

  /** Builds a {@link NatsSourceConfig}; not thread-safe. */
  public static final class Builder {
    private final String url;
    private final String stream;
    private final String subject;
    private final String durable;
    private boolean createStream = true;
    private int batchSize = 256;
    private int maxAckPending = 1024;
    private Duration ackWait = Duration.ofSeconds(30);
    private Duration pullExpiry = Duration.ofSeconds(5);
    private Acknowledge acknowledge = Acknowledge.ON_EMIT;
    private CircuitBreakerSettings breaker;
    private RestartStrategy reconnect = defaultReconnect();

    private Builder(String url, String stream, String subject, String durable) {
      this.url = url;
      this.stream = stream;
      this.subject = subject;
      this.durable = durable;
    }

    /** See {@link NatsSourceConfig#createStream()}; default true. */
    public Builder createStream(boolean value) {
      this.createStream = value;
      return this;
    }

    /** See {@link NatsSourceConfig#batchSize()}; default 256. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** See {@link NatsSourceConfig#maxAckPending()}; default 1024. */
    public Builder maxAckPending(int value) {
      this.maxAckPending = value;
      return this;
    }

    /** See {@link NatsSourceConfig#ackWait()}; default 30 s. */
    public Builder ackWait(Duration value) {
      this.ackWait = value;
      return this;
    }

    /** See {@link NatsSourceConfig#pullExpiry()}; default 5 s. */
    public Builder pullExpiry(Duration value) {
      this.pullExpiry = value;
      return this;
    }

    /** See {@link NatsSourceConfig#acknowledge()}; default {@link Acknowledge#ON_EMIT}. */
    public Builder acknowledge(Acknowledge value) {
      this.acknowledge = value;
      return this;
    }

    /** See {@link NatsSourceConfig#breaker()}. */
    public Builder breaker(CircuitBreakerSettings value) {
      this.breaker = value;
      return this;
    }

    /** See {@link NatsSourceConfig#reconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public NatsSourceConfig build() {
      return new NatsSourceConfig(
          url, stream, subject, durable, createStream, batchSize, maxAckPending, ackWait,
          pullExpiry, acknowledge, breaker != null ? breaker : defaultBreaker("nats:" + stream), reconnect);
    }
  }
}
