package dev.sluice.connectors.redis;

import dev.sluice.connectors.redis.internal.RedisStreamReader;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a Redis stream as a member of a consumer group (XREADGROUP), acknowledging entries
 * (XACK) after the engine took them over, or after a checkpoint covering them completed (see
 * {@link Acknowledge}).
 *
 * <p>At start each reader creates the group if missing, reads its own pending entries (entries
 * delivered to its consumer name and never acknowledged: a crash's leftovers), claims entries
 * other consumers left pending longer than {@code claimMinIdle} (XAUTOCLAIM, repeated every
 * {@code claimMinIdle}), then reads new entries. After a lost connection it reads its own
 * pending entries again, so an entry whose delivery was lost on the wire is not stranded.
 *
 * <p><b>Threading and backpressure:</b> the reader is cooperative (non-blocking): commands are
 * asynchronous and a fetch is issued only when the reader's buffer ({@code batchSize}) is empty
 * and fewer than {@code maxUnacked} entries are unacknowledged, so what the engine does not take
 * stays in Redis. Parallel instances are consumers {@code consumer-0..n-1} of the same group.
 * The reader reports the group's lag (XINFO GROUPS, Redis 7) as {@link
 * dev.sluice.core.metrics.SourceLag}.
 *
 * <p><b>Failures:</b> a bad configuration (unresolvable host, authentication refused, missing
 * stream with {@code createStream(false)}, key of another type) fails the job at start with a
 * message naming the source and setting. Lost connections are retried with backoff behind a
 * circuit breaker; more failures in a row than {@link RedisSourceConfig#reconnect()} allows fail
 * the job. A decoder exception fails the job (wrap decoding in a stage with an error policy to
 * dead-letter bad payloads instead).
 *
 * <p>Implements {@link CheckpointedSource}: the position lives in Redis (the group's last
 * delivered id and its pending entries), so a restored reader starts like a new one and
 * re-reads whatever was not acknowledged.
 *
 * @param <T> event type
 */
public final class RedisStreamSource<T> implements CheckpointedSource<T> {

  private final String name;
  private final RedisSourceConfig config;
  private final Function<RedisStreamEntry, ? extends T> decoder;

  private RedisStreamSource(
      String name, RedisSourceConfig config, Function<RedisStreamEntry, ? extends T> decoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** A source of the raw entries. */
  public static RedisStreamSource<RedisStreamEntry> entries(String name, RedisSourceConfig config) {
    return new RedisStreamSource<>(name, config, e -> e);
  }

  /**
   * A source of decoded entries; {@code decoder} runs on the reader's thread for each entry.
   */
  public static <T> RedisStreamSource<T> decoded(
      String name, RedisSourceConfig config, Function<RedisStreamEntry, ? extends T> decoder) {
    return new RedisStreamSource<>(name, config, decoder);
  }

  /**
   * A source of one field's bytes decoded by {@code decoder}, for example {@code
   * SenmlCodec.json()::decode}. An entry without the field fails the job.
   */
  public static <T> RedisStreamSource<T> field(
      String name, RedisSourceConfig config, String field, Function<byte[], ? extends T> decoder) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(decoder, "decoder");
    return new RedisStreamSource<>(
        name,
        config,
        e -> {
          byte[] value = e.field(field);
          if (value == null) {
            throw new IllegalArgumentException(
                "redis source '" + name + "': entry " + e.id() + " of stream " + e.stream()
                    + " has no field '" + field + "' (fields: " + e.fields().keySet() + ")");
          }
          return decoder.apply(value);
        });
  }

  /** A copy of this source with {@code other} settings. */
  public RedisStreamSource<T> withConfig(RedisSourceConfig other) {
    return new RedisStreamSource<>(name, other, decoder);
  }

  /** The settings. */
  public RedisSourceConfig config() {
    return config;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception {
    return new RedisStreamReader<>(name, config, decoder, config.consumer() + "-" + instanceIndex);
  }

  /** The position is in Redis: a restored reader is a new reader under the same consumer name. */
  @Override
  public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
      throws Exception {
    return createReader(instanceIndex, parallelism);
  }

  @Override
  public int maxParallelism() {
    return 1024;
  }
}
