package dev.sluice.connectors.redis;

import dev.sluice.connectors.redis.internal.RedisStreamWriter;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Appends events to a Redis stream with XADD (optionally trimming it with {@code MAXLEN [~]}).
 *
 * <p><b>Threading and backpressure:</b> the writer is cooperative: XADDs are pipelined
 * (written at the end of each batch) and at most {@code maxInFlight} are unanswered; beyond that
 * it refuses events and the engine holds the pipeline back. {@link SinkWriter#complete()} waits
 * (up to 30 s) for the last answers.
 *
 * <p><b>Guarantees:</b> at-least-once: a failed XADD is sent again after a backoff (an XADD whose
 * answer was lost with the connection may then be in the stream twice); order is kept except
 * around such a retry. Lost connections are retried behind the circuit breaker; more failures in
 * a row than {@code reconnect} allows fail the job. Bad configuration fails at start, like the
 * source.
 *
 * @param <T> event type
 */
public final class RedisStreamSink<T> implements Sink<T> {

  private final String name;
  private final RedisSinkConfig config;
  private final Function<? super T, Map<String, byte[]>> encoder;

  private RedisStreamSink(
      String name, RedisSinkConfig config, Function<? super T, Map<String, byte[]>> encoder) {
    this.name = Objects.requireNonNull(name, "name");
    this.config = Objects.requireNonNull(config, "config");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** A sink writing the fields {@code encoder} returns for each event. */
  public static <T> RedisStreamSink<T> fields(
      String name, RedisSinkConfig config, Function<? super T, Map<String, byte[]>> encoder) {
    return new RedisStreamSink<>(name, config, encoder);
  }

  /** A sink writing each event's bytes as the single field {@code field}. */
  public static <T> RedisStreamSink<T> field(
      String name, RedisSinkConfig config, String field, Function<? super T, byte[]> encoder) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(encoder, "encoder");
    return new RedisStreamSink<>(name, config, e -> Map.of(field, encoder.apply(e)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
    return new RedisStreamWriter<>(name, config, encoder);
  }
}
