package dev.sluice.connectors.redis;

import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.fault.WhileOpen;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link RedisStreamSource}; build with {@link #builder}.
 *
 * @param uri the server, as a Lettuce URI ({@code redis://[user:password@]host:port[/db]})
 * @param stream the stream's key
 * @param group the consumer group; created at start if missing (at {@code startId})
 * @param consumer the consumer-name prefix; instance {@code i} reads as {@code consumer-i}. Keep
 *     it stable across restarts: a consumer recovers its own pending entries by name
 * @param startId where a newly created group starts: {@code $} (new entries, the default) or
 *     {@code 0} (the whole stream)
 * @param createStream create the stream if it is missing (XGROUP CREATE ... MKSTREAM); when
 *     false a missing stream fails the job
 * @param batchSize entries fetched per XREADGROUP / XAUTOCLAIM (COUNT); also the reader's buffer
 * @param blockMillis how long one XREADGROUP waits on the server for new entries
 * @param maxUnacked entries read and not yet acknowledged after which the reader stops fetching
 *     (reached only under {@link Acknowledge#ON_CHECKPOINT} when checkpoints lag)
 * @param claimMinIdle pending entries of other (dead) consumers idle this long are claimed
 *     (XAUTOCLAIM) at start and every {@code claimMinIdle} after
 * @param acknowledge when entries are acknowledged
 * @param breaker the circuit breaker around calls to the server
 * @param reconnect backoff between failed calls, and how many failures in a row fail the job
 */
public record RedisSourceConfig(
    String uri,
    String stream,
    String group,
    String consumer,
    String startId,
    boolean createStream,
    int batchSize,
    long blockMillis,
    int maxUnacked,
    Duration claimMinIdle,
    Acknowledge acknowledge,
    CircuitBreakerSettings breaker,
    RestartStrategy reconnect) {

  /** Default entries per fetch. */
  public static final int DEFAULT_BATCH_SIZE = 256;
  /** Default server-side wait of one fetch. */
  public static final long DEFAULT_BLOCK_MILLIS = 100;
  /** Default bound on unacknowledged entries. */
  public static final int DEFAULT_MAX_UNACKED = 10_000;

  /** The default reconnect backoff: 100 ms doubling to 5 s, 20 % jitter, 30 failures in a row. */
  public static RestartStrategy defaultReconnect() {
    return RestartStrategy.exponentialBackoff(
        Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), 0.2, 30);
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
  public RedisSourceConfig {
    Objects.requireNonNull(uri, "uri");
    requireText(stream, "stream");
    requireText(group, "group");
    requireText(consumer, "consumer");
    requireText(startId, "startId");
    Objects.requireNonNull(claimMinIdle, "claimMinIdle");
    Objects.requireNonNull(acknowledge, "acknowledge");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(reconnect, "reconnect");
    if (batchSize < 1) {
      throw new IllegalArgumentException("redis source: batchSize must be >= 1, was " + batchSize);
    }
    if (blockMillis < 1) {
      throw new IllegalArgumentException(
          "redis source: blockMillis must be >= 1, was " + blockMillis);
    }
    if (maxUnacked < batchSize) {
      throw new IllegalArgumentException(
          "redis source: maxUnacked (" + maxUnacked + ") must be >= batchSize (" + batchSize + ")");
    }
  }

  private static void requireText(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("redis source: " + setting + " must not be blank");
    }
  }

  /** A builder with the defaults, reading {@code stream} in {@code group}. */
  public static Builder builder(String uri, String stream, String group) {
    return new Builder(uri, stream, group);
  }

  /** Builds a {@link RedisSourceConfig}; not thread-safe. */
  public static final class Builder {
    private final String uri;
    private final String stream;
    private final String group;
    private String consumer = "sluice";
    private String startId = "$";
    private boolean createStream = true;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long blockMillis = DEFAULT_BLOCK_MILLIS;
    private int maxUnacked = DEFAULT_MAX_UNACKED;
    private Duration claimMinIdle = Duration.ofSeconds(30);
    private Acknowledge acknowledge = Acknowledge.ON_EMIT;
    private CircuitBreakerSettings breaker;
    private RestartStrategy reconnect = defaultReconnect();

    private Builder(String uri, String stream, String group) {
      this.uri = uri;
      this.stream = stream;
      this.group = group;
    }

    /** See {@link RedisSourceConfig#consumer()}; default {@code sluice}. */
    public Builder consumer(String value) {
      this.consumer = value;
      return this;
    }

    /** See {@link RedisSourceConfig#startId()}; default {@code $}. */
    public Builder startId(String value) {
      this.startId = value;
      return this;
    }

    /** See {@link RedisSourceConfig#createStream()}; default true. */
    public Builder createStream(boolean value) {
      this.createStream = value;
      return this;
    }

    /** See {@link RedisSourceConfig#batchSize()}; default {@value #DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** See {@link RedisSourceConfig#blockMillis()}; default 100. */
    public Builder blockMillis(long value) {
      this.blockMillis = value;
      return this;
    }

    /** See {@link RedisSourceConfig#maxUnacked()}; default 10,000. */
    public Builder maxUnacked(int value) {
      this.maxUnacked = value;
      return this;
    }

    /** See {@link RedisSourceConfig#claimMinIdle()}; default 30 s. */
    public Builder claimMinIdle(Duration value) {
      this.claimMinIdle = value;
      return this;
    }

    /** See {@link RedisSourceConfig#acknowledge()}; default {@link Acknowledge#ON_EMIT}. */
    public Builder acknowledge(Acknowledge value) {
      this.acknowledge = value;
      return this;
    }

    /** See {@link RedisSourceConfig#breaker()}; default {@link #defaultBreaker}. */
    public Builder breaker(CircuitBreakerSettings value) {
      this.breaker = value;
      return this;
    }

    /** See {@link RedisSourceConfig#reconnect()}; default {@link #defaultReconnect()}. */
    public Builder reconnect(RestartStrategy value) {
      this.reconnect = value;
      return this;
    }

    /** The settings; throws {@link IllegalArgumentException} naming an invalid one. */
    public RedisSourceConfig build() {
      return new RedisSourceConfig(
          uri, stream, group, consumer, startId, createStream, batchSize, blockMillis,
          maxUnacked, claimMinIdle, acknowledge,
          breaker != null ? breaker : defaultBreaker("redis:" + stream), reconnect);
    }
  }
}
