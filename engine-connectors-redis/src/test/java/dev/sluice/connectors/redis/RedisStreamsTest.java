package dev.sluice.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.redis.internal.RedisStreamReader;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sinks;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Redis on 127.0.0.1:6379 (started by .ci/run if it is not running). */
class RedisStreamsTest {

  static final String URI = "redis://127.0.0.1:6379";
  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;
  static RedisCommands<String, String> redis;
  static final List<String> keys = new ArrayList<>();

  @BeforeAll
  static void connect() {
    client = RedisClient.create(URI);
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void cleanUp() {
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new String[0]));
    }
    client.shutdown();
  }

  static String key(String what) {
    String k = "sluice-test-" + what + "-" + UUID.randomUUID();
    keys.add(k);
    return k;
  }

  /** XADDs entries {@code from..to-1}, pipelined. */
  static void produce(String stream, int from, int to) {
    List<io.lettuce.core.RedisFuture<String>> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      sent.add(connection.async().xadd(stream, Map.of("n", Integer.toString(i))));
    }
    if (!io.lettuce.core.LettuceFutures.awaitAll(
        Duration.ofSeconds(30), sent.toArray(new io.lettuce.core.RedisFuture<?>[0]))) {
      throw new AssertionError("XADDs unanswered");
    }
  }

  static int number(RedisStreamEntry e) {
    return Integer.parseInt(new String(e.field("n"), StandardCharsets.UTF_8));
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static long pending(String stream, String group) {
    return redis.xpending(stream, group).getCount();
  }

  @Test
  void roundTripThroughTheEngineAcknowledgesEverything() throws Exception {
    String in = key("in");
    String out = key("out");
    produce(in, 0, 2000);
    RedisSourceConfig sc = RedisSourceConfig.builder(URI, in, "g").startId("0").build();
    Pipeline p = Pipeline.create();
    p.source(RedisStreamSource.entries("in", sc))
        .map(e -> Integer.toString(number(e) * 2))
        .sink(
            RedisStreamSink.field(
                "out", RedisSinkConfig.builder(URI, out).build(), "v",
                s -> s.getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "redis-round-trip");
      await(() -> redis.xlen(out) >= 2000, Duration.ofSeconds(30), "2000 entries in " + out);
      await(() -> pending(in, "g") == 0, Duration.ofSeconds(10), "all acknowledged");
      job.cancel();
    }
    List<StreamMessage<String, String>> written = redis.xrange(out, io.lettuce.core.Range.create("-", "+"));
    assertThat(written).hasSize(2000);
    for (int i = 0; i < 2000; i++) {
      assertThat(written.get(i).getBody().get("v")).isEqualTo(Integer.toString(i * 2));
    }
  }

  @Test
  void droppedConnectionsLoseNothing() throws Exception {
    String in = key("kill");
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    RedisSourceConfig sc =
        RedisSourceConfig.builder(URI, in, "g").startId("0").blockMillis(20).build();
    Pipeline p = Pipeline.create();
    p.source(RedisStreamSource.entries("in", sc)).sink(Sinks.callback("seen", e -> seen.add(number(e))));
    int total = 3000;
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "redis-client-kill");
      for (int round = 0; round < 3; round++) {
        produce(in, round * 1000, round * 1000 + 1000);
        int before = round * 1000;
        await(() -> seen.size() > before || job.failure().isPresent(), Duration.ofSeconds(20),
            "the source reading"); // connections are dropped while it runs, not while it starts
        // drops every normal client connection but our own (the source's two)
        redis.clientKill(io.lettuce.core.KillArgs.Builder.typeNormal().skipme());
        Thread.sleep(100);
      }
      try {
        await(() -> seen.size() == total || job.failure().isPresent(), Duration.ofSeconds(30),
            total + " distinct entries");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + ": " + seen.size() + " seen, "
            + pending(in, "g") + " pending in the group", e);
      }
      assertThat(job.failure()).isEmpty();
      await(() -> pending(in, "g") == 0, Duration.ofSeconds(10), "all acknowledged");
      assertThat(job.failure()).isEmpty();
      job.cancel();
    }
    for (int i = 0; i < total; i++) {
      assertThat(seen).contains(i);
    }
  }

  /** Collects what a reader emits. */
  static final class Collect implements SourceOutput<RedisStreamEntry> {
    final List<RedisStreamEntry> items = new ArrayList<>();

    @Override
    public void emit(RedisStreamEntry event) {
      items.add(event);
    }

    @Override
    public void emit(RedisStreamEntry event, long timestamp) {
      items.add(event);
    }
  }

  static void readUntil(SourceReader<RedisStreamEntry> r, Collect out, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (out.items.size() < count) {
      r.read(out, Math.min(64, count - out.items.size()));
      if (System.nanoTime() > deadline) {
        throw new AssertionError("read " + out.items.size() + " of " + count);
      }
    }
  }

  @Test
  void checkpointAcknowledgementAndPendingRecoveryAfterACrash() throws Exception {
    String in = key("ckpt");
    produce(in, 0, 300);
    RedisSourceConfig sc =
        RedisSourceConfig.builder(URI, in, "g").startId("0").batchSize(50)
            .acknowledge(Acknowledge.ON_CHECKPOINT).build();
    RedisStreamSource<RedisStreamEntry> source = RedisStreamSource.entries("in", sc);
    RedisStreamReader<RedisStreamEntry> first =
        (RedisStreamReader<RedisStreamEntry>) source.createReader(0, 1);
    Collect a = new Collect();
    readUntil(first, a, 100);
    first.snapshotState(1); // barrier after entry 99
    readUntil(first, a, 150);
    assertThat(pending(in, "g")).isGreaterThanOrEqualTo(150);
    first.checkpointComplete(1);
    await(() -> pending(in, "g") <= 100, Duration.ofSeconds(5), "the first 100 acknowledged");
    first.close(); // a crash: entries 100.. were read but never acknowledged

    SourceReader<RedisStreamEntry> second = source.restoreReader(0, 1, List.of(new byte[0]));
    Collect b = new Collect();
    readUntil(second, b, 200);
    List<Integer> numbers = b.items.stream().map(RedisStreamsTest::number).toList();
    // every entry not covered by the completed checkpoint comes again, none covered by it
    assertThat(numbers.subList(0, 200)).doesNotContainAnyElementsOf(List.of(0, 50, 99));
    assertThat(numbers).containsAll(java.util.stream.IntStream.range(100, 300).boxed().toList());
    second.close();
  }

  @Test
  void aSlowConsumerLeavesTheBacklogInRedis() throws Exception {
    String in = key("slow");
    produce(in, 0, 5000);
    RedisSourceConfig sc =
        RedisSourceConfig.builder(URI, in, "g").startId("0").batchSize(100).maxUnacked(500)
            .acknowledge(Acknowledge.ON_CHECKPOINT).build();
    RedisStreamReader<RedisStreamEntry> reader =
        (RedisStreamReader<RedisStreamEntry>) RedisStreamSource.entries("in", sc).createReader(0, 1);
    Collect out = new Collect();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long until = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(until, deadline)) {
      reader.read(out, 1000);
      assertThat(reader.unacknowledged()).isLessThanOrEqualTo(500 + 100);
      if (until == Long.MAX_VALUE && out.items.size() >= 500) {
        // the budget is used up: keep asking for another 500 ms, nothing more may come
        until = System.nanoTime() + Duration.ofMillis(500).toNanos();
      }
      Thread.sleep(1);
    }
    assertThat(out.items.size()).isBetween(500, 600);
    assertThat(pending(in, "g")).isEqualTo(out.items.size()); // the rest was never fetched
    await(() -> reader.lag() >= 0, Duration.ofSeconds(5), "a lag figure");
    for (int i = 0; i < 200 && reader.lag() != 5000 - out.items.size(); i++) {
      reader.read(out, 0);
      Thread.sleep(10);
    }
    assertThat(reader.lag()).isEqualTo(5000 - out.items.size());
    reader.snapshotState(7);
    reader.checkpointComplete(7); // frees the budget: reading resumes
    int before = out.items.size();
    readUntil(reader, out, before + 100);
    reader.close();
  }

  @Test
  void writerHoldsBackWhenTooManyXaddsAreInFlight() throws Exception {
    String out = key("inflight");
    SinkWriter<String> w =
        RedisStreamSink.<String>field("out", RedisSinkConfig.builder(URI, out).maxInFlight(8).build(),
            "v", s -> s.getBytes(StandardCharsets.UTF_8)).createWriter(0, 1);
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
      if (w.offer("x" + i, 0)) {
        accepted++;
      }
    }
    assertThat(accepted).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(8);
    w.complete();
    w.close(null);
    assertThat(redis.xlen(out)).isEqualTo(accepted);
  }

  @Test
  void sinkTrimsWithMaxlenExactAndApproximate() throws Exception {
    String exact = key("exact");
    String approx = key("approx");
    for (String[] s : new String[][] {{exact, "false"}, {approx, "true"}}) {
      SinkWriter<String> w =
          RedisStreamSink.<String>field(
                  "out",
                  RedisSinkConfig.builder(URI, s[0]).maxLength(100, Boolean.parseBoolean(s[1])).build(),
                  "v", x -> x.getBytes(StandardCharsets.UTF_8))
              .createWriter(0, 1);
      for (int i = 0; i < 3000; i++) {
        while (!w.offer("e" + i, 0)) {
          w.flush();
        }
      }
      w.complete();
      w.close(null);
    }
    assertThat(redis.xlen(exact)).isEqualTo(100);
    assertThat(redis.xlen(approx)).isBetween(100L, 2999L);
    List<StreamMessage<String, String>> last =
        redis.xrevrange(exact, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(1));
    assertThat(last.get(0).getBody().get("v")).isEqualTo("e2999");
  }

  @Test
  void badConfigurationFailsClearly() {
    RedisStreamSource<RedisStreamEntry> unknownHost =
        RedisStreamSource.entries(
            "in", RedisSourceConfig.builder("redis://no-such-host.invalid:6379", "s", "g").build());
    assertThatThrownBy(() -> unknownHost.createReader(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis source 'in'")
        .hasMessageContaining("setting 'uri'")
        .hasMessageContaining("cannot be resolved");

    RedisStreamSource<RedisStreamEntry> badAuth =
        RedisStreamSource.entries(
            "in", RedisSourceConfig.builder("redis://nobody:wrong@127.0.0.1:6379", "s", "g").build());
    assertThatThrownBy(() -> badAuth.createReader(0, 1))
        .hasMessageContaining("setting 'uri'")
        .hasMessageContaining("authentication refused")
        .hasMessageNotContaining("wrong@");

    String missing = key("missing");
    RedisStreamSource<RedisStreamEntry> noStream =
        RedisStreamSource.entries(
            "in", RedisSourceConfig.builder(URI, missing, "g").createStream(false).build());
    assertThatThrownBy(() -> noStream.createReader(0, 1))
        .hasMessageContaining("setting 'stream'")
        .hasMessageContaining("does not exist");

    String notAStream = key("string");
    redis.set(notAStream, "x");
    assertThatThrownBy(
            () -> RedisStreamSource.entries("in", RedisSourceConfig.builder(URI, notAStream, "g").build())
                .createReader(0, 1))
        .hasMessageContaining("is not a stream");

    assertThatThrownBy(() -> RedisSourceConfig.builder(URI, "s", "g").batchSize(0).build())
        .hasMessageContaining("batchSize");
  }
}
