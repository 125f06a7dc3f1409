package dev.sluice.connectors.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of a {@link KafkaSource}. Start from {@link #builder(String, String,
 * String...)}; every setting has a named default.
 *
 * <p><b>Threading:</b> immutable and thread-safe.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}
 * @param groupId the consumer group; the source's readers (and every other process using the
 *     same group) split the topics' partitions among them
 * @param topics the topics to read
 * @param startPosition where partitions without a checkpointed or committed offset start
 * @param maxBufferedRecords records a reader holds between polling and handing over; when full it
 *     pauses its partitions and stops fetching
 * @param pollTimeout how long one poll may block (the reader runs on its own thread; short so
 *     that checkpoint barriers and a drain get through)
 * @param connectTimeout how long a reader waits at start for the cluster to answer and for the
 *     topics' metadata before it fails with a message naming the servers and topics
 * @param commitInterval without checkpoints: how often offsets of handed-over records are
 *     committed
 * @param maxOutOfOrdernessMillis per-partition bounded out-of-orderness of the reader's watermark
 * @param idleTimeout processing time without records after which a partition no longer holds back
 *     the reader's watermark; zero disables idleness
 * @param properties further consumer properties, passed to the Kafka client as they are
 */
public record KafkaSourceConfig(
    String bootstrapServers,
    String groupId,
    List<String> topics,
    StartPosition startPosition,
    int maxBufferedRecords,
    Duration pollTimeout,
    Duration connectTimeout,
    Duration commitInterval,
    long maxOutOfOrdernessMillis,
    Duration idleTimeout,
    Map<String, String> properties) {

  /** Records buffered per reader unless changed. */
  public static final int DEFAULT_MAX_BUFFERED_RECORDS = 10_000;
  /** Poll timeout unless changed: 50 ms. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(50);
  /** Connect timeout unless changed: 15 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
  /** Commit interval without checkpoints unless changed: 1 s. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  /** Idle timeout unless changed: 10 s. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** Validates and copies. */
  public KafkaSourceConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(startPosition, "startPosition");
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("at least one topic is required");
    }
    if (maxBufferedRecords < 1) {
      throw new IllegalArgumentException(
          "maxBufferedRecords must be >= 1, was " + maxBufferedRecords);
    }
    if (maxOutOfOrdernessMillis < 0) {
      throw new IllegalArgumentException(
          "maxOutOfOrdernessMillis must be >= 0, was " + maxOutOfOrdernessMillis);
    }
    properties = Map.copyOf(properties);
  }

  /** A builder with the defaults. */
  public static Builder builder(String bootstrapServers, String groupId, String... topics) {
    return new Builder(bootstrapServers, groupId, List.of(topics));
  }

  /** Builds a {@link KafkaSourceConfig}. Not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private final String groupId;
    private final List<String> topics;
    private StartPosition startPosition = StartPosition.earliest();
    private int maxBufferedRecords = DEFAULT_MAX_BUFFERED_RECORDS;
    private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private long maxOutOfOrdernessMillis;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder(String bootstrapServers, String groupId, List<String> topics) {
      this.bootstrapServers = bootstrapServers;
      this.groupId = groupId;
      this.topics = topics;
    }

    /** Where partitions without checkpointed or committed offsets start. */
    public Builder startPosition(StartPosition position) {
      this.startPosition = position;
      return this;
    }

    /** Records buffered per reader before it pauses its partitions. */
    public Builder maxBufferedRecords(int records) {
      this.maxBufferedRecords = records;
      return this;
    }

    /** Longest block of one poll. */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = timeout;
      return this;
    }

    /** How long a reader waits at start for the cluster and topic metadata. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Without checkpoints: how often handed-over offsets are committed. */
    public Builder commitInterval(Duration interval) {
      this.commitInterval = interval;
      return this;
    }

    /** Per-partition bounded out-of-orderness. */
    public Builder maxOutOfOrdernessMillis(long millis) {
      this.maxOutOfOrdernessMillis = millis;
      return this;
    }

    /** Time without records after which a partition stops holding back the watermark. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /** A further consumer property, passed to the client as it is. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** The configuration. */
    public KafkaSourceConfig build() {
      return new KafkaSourceConfig(
          bootstrapServers,
          groupId,
          topics,
          startPosition,
          maxBufferedRecords,
          pollTimeout,
          connectTimeout,
          commitInterval,
          maxOutOfOrdernessMillis,
          idleTimeout,
          properties);
    }
  }
}
