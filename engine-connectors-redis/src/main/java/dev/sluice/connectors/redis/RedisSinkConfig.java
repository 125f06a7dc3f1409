package dev.sluice.connectors.redis;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.RestartStrategy;
import java.util.Objects;

/**
 * Immutable settings of a {@link RedisStreamSink}; build with {@link #builder}.
 *
 * @param uri the server, as a Lettuce URI ({@code redis://[user:password@]host:port[/db]})
 * @param stream the stream's key (created by the first XADD)
 * @param maxLength trim the stream to about this many entries on every XADD (MAXLEN); 0 keeps
 *     everything
 * @param approximateTrimming trim with {@code MAXLEN ~} (whole macro nodes; much cheaper, keeps
 *     at least {@code maxLength} entries) rather than exactly
 * @param maxInFlight XADDs sent and not yet answered after which the writer refuses events (the
 *     pipeline is held back)
 * @param breaker the circuit breaker around calls to the server
 * @param reconnect backoff between failed calls, and how many failures in a row fail the job
 */
public record RedisSinkConfig(
    String uri,
    String stream,
    long maxLength,
    boolean approximateTrimming,
    int maxInFlight,
    CircuitBreakerSettings breaker,
    RestartStrategy reconnect) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the first invalid setting
   */
  public RedisSinkConfig {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(reconnect, "reconnect");
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("redis sink: stream must not be blank");
    }
    if (maxLength < 0) {
      throw new IllegalArgumentException("redis sink: maxLength must be >= 0, was " + maxLength);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("redis sink: maxInFlight must be >= 1, was " + maxInFlight);
    }
  }

  /** A builder with the defaults: no trimming, 1024 in flight. */
  public static Builder builder(String uri, String stream) {
    return new Builder(uri, stream);
  }

  /** Builds a {@link RedisSinkConfig}; not thread-safe. */
  public static final class Builder {
    private final String uri;
    private final String stream;
    private long maxLength;
    private boolean approximateTrimming = true;
    private int maxInFlight = 1024;
    private CircuitBreakerSettings breaker;
    private RestartStrategy reconnect = RedisSourceConfig.defaultReconnect();

    private Builder(String uri, String stream) {
      this.uri = uri;
      this.stream = stream;
    }

    /** See {@link RedisSinkConfig#maxLength()}; {@code approximate} selects {@code MAXLEN ~}. */
    public Builder maxLength(long value, boolean approximate) {
      this.maxLength = value;
      this.approximateTrimming = approximate;
      return this;
    }

    /** See {@link RedisSinkConfig#maxInFlight()}; default 1024. */
    public Builder maxInFlight(int value) {
      this.maxInFlight = value;
      return this;
    }

    /** See {@link RedisSinkConfig#breaker()}. */
    public Builder breaker(CircuitBreakerSettings value) {
      this.breaker = value;
      return this;
    }

    /** See {@link RedisSinkConfig#reconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public RedisSinkConfig build() {
      return new RedisSinkConfig(
          uri, stream, maxLength, approximateTrimming, maxInFlight,
          breaker != null ? breaker : RedisSourceConfig.defaultBreaker("redis-sink:" + stream),
          reconnect);
    }
  }
}
