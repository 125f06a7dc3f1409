package dev.sluice.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.InMemoryCheckpointStore;
import dev.sluice.core.fault.RestartStrategy;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis Streams source and sink inside real jobs with checkpoints, against the real Redis on
 * 127.0.0.1:6379: restore after an injected failure, acknowledgement only on completed
 * checkpoints, and backpressure from a slow sink.
 */
class RedisCheckpointEndToEndTest {

  static final String URI = RedisStreamsTest.URI;
  static final int KEYS = 7;

  @BeforeAll
  static void connect() {
    RedisStreamsTest.connect();
  }

  @AfterAll
  static void cleanUp() {
    RedisStreamsTest.cleanUp();
  }

  static Engine engine() {
    return Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("rck-"));
  }

  /** Every rolling count "key:count" of the entries 0..n-1 keyed by n % KEYS: each once. */
  static Set<String> expectedCounts(int n) {
    Set<String> out = new HashSet<>();
    for (int k = 0; k < KEYS; k++) {
      int count = n / KEYS + (k < n % KEYS ? 1 : 0);
      for (int c = 1; c <= count; c++) {
        out.add(k + ":" + c);
      }
    }
    return out;
  }

  @Test
  void aFailedJobRestoresFromItsCheckpointAndRedisRedeliversTheRest() throws Exception {
    String in = RedisStreamsTest.key("e2e-in");
    String out = RedisStreamsTest.key("e2e-out");
    int half = 1500;
    int n = 3000;
    RedisStreamsTest.produce(in, 0, half);
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    AtomicBoolean failed = new AtomicBoolean();
    // acknowledge() left at AUTO: ON_CHECKPOINT, since the job takes periodic checkpoints
    RedisSourceConfig sc = RedisSourceConfig.builder(URI, in, "g").startId("0").build();
    Pipeline p = Pipeline.create();
    p.source(RedisStreamSource.entries("in", sc))
        .uid("in")
        .map(
            e -> {
              int i = RedisStreamsTest.number(e);
              if (i >= half && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at entry " + i);
              }
              return i;
            })
        .keyBy(i -> i % KEYS)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(
            RedisStreamSink.field(
                "out", RedisSinkConfig.builder(URI, out).build(), "v",
                s -> s.getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("redis-e2e")
                  .withRestartStrategy(RestartStrategy.immediate(3))
                  .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(50), store)));
      RedisStreamsTest.await(
          () -> RedisStreamsTest.redis.xlen(out) >= half || job.status() == JobStatus.FAILED,
          Duration.ofSeconds(30), "the first half counted");
      // a checkpoint covering (part of) the first half, then the second half: its first entry
      // fails the job, which restarts from the newest checkpoint
      long afterFirstHalf = lastCheckpoint(job);
      RedisStreamsTest.await(
          () -> lastCheckpoint(job) > afterFirstHalf, Duration.ofSeconds(30),
          "a checkpoint after the first half");
      RedisStreamsTest.produce(in, half, n);
      Set<String> expected = expectedCounts(n);
      RedisStreamsTest.await(
          () -> distinctValues(out).containsAll(expected) || job.status() == JobStatus.FAILED,
          Duration.ofSeconds(40), "every count in " + out);
      RedisStreamsTest.await(
          () -> RedisStreamsTest.pending(in, "g") == 0, Duration.ofSeconds(10),
          "every entry acknowledged after a later checkpoint");
      assertThat(job.failure()).isEmpty();
      assertThat(failed).isTrue();
      assertThat(job.restarts()).isEqualTo(1);
      job.cancel();
    }
    List<String> written = values(out);
    // state exactly once: each count of each key appears, and no count beyond the input's
    assertThat(new HashSet<>(written)).isEqualTo(expectedCounts(n));
    // output at least once: what the sink wrote after the checkpoint was written again
    assertThat(written.size()).isGreaterThanOrEqualTo(n);
  }

  static long lastCheckpoint(Job job) {
    return job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
  }

  static List<String> values(String stream) {
    List<StreamMessage<String, String>> all =
        RedisStreamsTest.redis.xrange(stream, Range.create("-", "+"));
    return all.stream().map(m -> m.getBody().get("v")).toList();
  }

  static Set<String> distinctValues(String stream) {
    return new HashSet<>(values(stream));
  }

  @Test
  void entriesAreAcknowledgedOnlyWhenACheckpointCompletes() throws Exception {
    String in = RedisStreamsTest.key("e2e-ack");
    RedisStreamsTest.produce(in, 0, 500);
    AtomicLong seen = new AtomicLong();
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    RedisSourceConfig sc = RedisSourceConfig.builder(URI, in, "g").startId("0").build(); // AUTO
    Pipeline p = Pipeline.create();
    p.source(RedisStreamSource.entries("in", sc)).uid("in")
        .sink(Sinks.callback("seen", e -> seen.incrementAndGet()));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("redis-ack")
                  // periodic, but far apart: every checkpoint here is one the test triggers
                  .withCheckpointing(CheckpointConfig.every(Duration.ofHours(1), store)));
      RedisStreamsTest.await(() -> seen.get() == 500, Duration.ofSeconds(30), "500 entries");
      Thread.sleep(200); // would be enough for acknowledgements on emit to arrive
      assertThat(RedisStreamsTest.pending(in, "g")).isEqualTo(500);
      job.triggerCheckpoint().get();
      RedisStreamsTest.await(
          () -> RedisStreamsTest.pending(in, "g") == 0, Duration.ofSeconds(10),
          "acknowledged after checkpointComplete");
      RedisStreamsTest.produce(in, 500, 800);
      RedisStreamsTest.await(() -> seen.get() == 800, Duration.ofSeconds(30), "800 entries");
      Thread.sleep(200);
      assertThat(RedisStreamsTest.pending(in, "g")).isEqualTo(300);
      job.triggerCheckpoint().get();
      RedisStreamsTest.await(
          () -> RedisStreamsTest.pending(in, "g") == 0, Duration.ofSeconds(10),
          "the next 300 acknowledged");
      job.cancel();
    }
  }

  /**
   * A job whose sink takes one event per millisecond over a backlog of 10,000 entries: the
   * entries handed to the engine and not yet written stay within the reader's batch plus the
   * engine's queue capacity, while Redis keeps the backlog.
   */
  @Test
  void aSlowSinkHoldsTheSourceBackAndRedisKeepsTheBacklog() throws Exception {
    String in = RedisStreamsTest.key("e2e-slow");
    int backlog = 10_000;
    RedisStreamsTest.produce(in, 0, backlog);
    int queueCapacity = 256;
    int batch = 64;
    SlowSink<RedisStreamEntry> sink = new SlowSink<>(Duration.ofMillis(1));
    RedisSourceConfig sc =
        RedisSourceConfig.builder(URI, in, "g").startId("0").batchSize(batch).build();
    Pipeline p = Pipeline.create();
    p.source(RedisStreamSource.entries("in", sc)).map(e -> e).sink(sink);
    long maxInEngine = 0;
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults().withWorkerThreads(2).withDefaultQueueCapacity(queueCapacity)
                .withBatchSize(batch))) {
      Job job = engine.submit(p, "redis-slow"); // no checkpoints: AUTO acknowledges on emit
      RedisStreamsTest.await(() -> sink.written() >= 100, Duration.ofSeconds(30), "100 written");
      for (int i = 0; i < 10; i++) {
        long delivered = entriesRead(in);
        long written = sink.written();
        maxInEngine = Math.max(maxInEngine, delivered - written);
        Thread.sleep(25);
      }
      assertThat(job.failure()).isEmpty();
      assertThat(sink.written()).isLessThan(backlog / 2); // the backlog is far from read
      long undelivered = backlog - entriesRead(in);
      job.cancel();
      assertThat(undelivered).isGreaterThan(backlog / 3);
    }
    // delivered - written can include one batch in the reader, one per queue slot, one in the
    // fused chain being offered: bounded by the configured capacities, not by the backlog
    assertThat(maxInEngine).isLessThanOrEqualTo(batch + queueCapacity + 2L * batch);
  }

  /** Entries the group has delivered (XINFO GROUPS entries-read, Redis 7). */
  static long entriesRead(String stream) {
    for (Object group : RedisStreamsTest.redis.xinfoGroups(stream)) {
      List<?> fields = (List<?>) group;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("entries-read".equals(String.valueOf(fields.get(i)))) {
          return ((Number) fields.get(i + 1)).longValue();
        }
      }
    }
    throw new AssertionError("no entries-read for " + stream);
  }

  /** Accepts one event per {@code every}, refusing (cooperatively) in between. */
  static final class SlowSink<T> implements Sink<T> {
    private final long everyNanos;
    private final AtomicLong written = new AtomicLong();

    SlowSink(Duration every) {
      this.everyNanos = every.toNanos();
    }

    long written() {
      return written.get();
    }

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
      return new SinkWriter<>() {
        long next = System.nanoTime();

        @Override
        public boolean offer(T event, long timestamp) {
          long now = System.nanoTime();
          if (now < next) {
            return false;
          }
          next = now + everyNanos;
          written.incrementAndGet();
          return true;
        }
      };
    }
  }
}
