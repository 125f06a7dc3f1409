package dev.sluice.connectors.nats;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.RestartStrategy;
import java.util.Objects;

/**
 * Immutable settings of a {@link JetStreamSink}; build with {@link #builder}.
 *
 * @param url the server ({@code nats://host:port})
 * @param stream the stream the messages must land in (checked with each publish)
 * @param subject the subject published to (unless the sink computes one per event); also the
 *     subject of the stream when it is created
 * @param createStream create the stream if it is missing; when false a missing stream fails the
 *     job at start
 * @param maxInFlight publishes without an acknowledgement yet, beyond which the writer refuses
 *     events (the pipeline is held back)
 * @param breaker the circuit breaker around publishes
 * @param reconnect backoff between failed publishes and how many failures in a row fail the job;
 *     also the client's reconnect wait and attempts
 */
public record NatsSinkConfig(
    String url,
    String stream,
    String subject,
    boolean createStream,
    int maxInFlight,
    CircuitBreakerSettings breaker,
    RestartStrategy reconnect) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public NatsSinkConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(reconnect, "reconnect");
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("nats sink: stream must not be blank");
    }
    if (!stream.matches("[^\\s.*>/\\\\]+")) {
      throw new IllegalArgumentException(
          "nats sink: stream '" + stream + "' is not a valid stream name");
    }
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("nats sink: subject must not be blank");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("nats sink: maxInFlight must be >= 1, was " + maxInFlight);
    }
  }

  /** A builder with the defaults: stream created if missing, 1024 publishes in flight. */
  public static Builder builder(String url, String stream, String subject) {
    return new Builder(url, stream, subject);
  }

  /** Builds a {@link NatsSinkConfig}; not thread-safe. */
  public static final class Builder {
    private final String url;
    private final String stream;
    private final String subject;
    private boolean createStream = true;
    private int maxInFlight = 1024;
    private CircuitBreakerSettings breaker;
    private RestartStrategy reconnect = NatsSourceConfig.defaultReconnect();

    private Builder(String url, String stream, String subject) {
      this.url = url;
      this.stream = stream;
      this.subject = subject;
    }

    /** See {@link NatsSinkConfig#createStream()}; default true. */
    public Builder createStream(boolean value) {
      this.createStream = value;
      return this;
    }

    /** See {@link NatsSinkConfig#maxInFlight()}; default 1024. */
    public Builder maxInFlight(int value) {
      this.maxInFlight = value;
      return this;
    }

    /** See {@link NatsSinkConfig#breaker()}. */
    public Builder breaker(CircuitBreakerSettings value) {
      this.breaker = value;
      return this;
    }

    /** See {@link NatsSinkConfig#reconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public NatsSinkConfig build() {
      return new NatsSinkConfig(
          url, stream, subject, createStream, maxInFlight,
          breaker != null ? breaker : NatsSourceConfig.defaultBreaker("nats-sink:" + stream),
          reconnect);
    }
  }
}
