package dev.sluice.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.nats.internal.JetStreamReader;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.testsupport.TcpProxy;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real NATS server with JetStream on 127.0.0.1:4222. */
class JetStreamTest {

  static final String URL = "nats://127.0.0.1:4222";
  static Connection nc;
  static JetStream js;
  static JetStreamManagement jsm;
  static final List<String> streams = new ArrayList<>();

  @BeforeAll
  static void connect() throws Exception {
    nc = Nats.connect(URL);
    js = nc.jetStream();
    jsm = nc.jetStreamManagement();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (String s : streams) {
      try {
        jsm.deleteStream(s);
      } catch (Exception e) {
        // already gone
      }
    }
    nc.close();
  }

  /** A fresh stream on subject {@code <name>.>}; returns its name. */
  static String stream(String what) throws Exception {
    String name = "sluice_test_" + what + "_" + UUID.randomUUID().toString().replace("-", "");
    jsm.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>").build());
    streams.add(name);
    return name;
  }

  /** Publishes {@code from..to-1} and waits for every publish acknowledgement. */
  static void publish(String stream, int from, int to) throws Exception {
    List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
    for (int i = from; i < to; i++) {
      acks.add(js.publishAsync(stream + ".in", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
    }
    java.util.concurrent.CompletableFuture.allOf(acks.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  static int number(byte[] data) {
    return Integer.parseInt(new String(data, StandardCharsets.UTF_8));
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

  static ConsumerInfo consumer(String stream, String durable) {
    try {
      return jsm.getConsumerInfo(stream, durable);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long messages(String stream, String subject) {
    try {
      return jsm.getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void roundTripThroughTheEngineAcknowledgesEverything() throws Exception {
    String in = stream("in");
    String out = stream("out");
    publish(in, 0, 2000);
    Pipeline p = Pipeline.create();
    p.source(JetStreamSource.decoded("in", NatsSourceConfig.builder(URL, in, in + ".in", "d").build(), JetStreamTest::number))
        .map(n -> Integer.toString(n * 2))
        .sink(
            JetStreamSink.of(
                "out", NatsSinkConfig.builder(URL, out, out + ".x").build(),
                s -> s.getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "nats-round-trip");
      await(() -> messages(out, out + ".x") >= 2000, Duration.ofSeconds(30), "2000 messages");
      await(() -> consumer(in, "d").getAckFloor().getStreamSequence() == 2000,
          Duration.ofSeconds(10), "all acknowledged");
      job.cancel();
    }
    assertThat(messages(out, out + ".x")).isEqualTo(2000);
    assertThat(consumer(in, "d").getNumAckPending()).isZero();
    assertThat(consumer(in, "d").getNumPending()).isZero();
    var first = jsm.getMessage(out, 1);
    var last = jsm.getMessage(out, 2000);
    assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("0");
    assertThat(new String(last.getData(), StandardCharsets.UTF_8)).isEqualTo("3998");
  }

  @Test
  void droppedConnectionsLoseNothing() throws Exception {
    String in = stream("drop");
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    int total = 3000;
    try (TcpProxy proxy = new TcpProxy("127.0.0.1", 4222)) {
      NatsSourceConfig config =
          NatsSourceConfig.builder("nats://127.0.0.1:" + proxy.port(), in, in + ".in", "d")
              .ackWait(Duration.ofSeconds(2))
              .pullExpiry(Duration.ofSeconds(1))
              .reconnect(RestartStrategy.exponentialBackoff(
                  Duration.ofMillis(50), 2.0, Duration.ofMillis(500), 0.2, 100))
              .build();
      Pipeline p = Pipeline.create();
      p.source(JetStreamSource.decoded("in", config, JetStreamTest::number))
          .sink(Sinks.callback("seen", seen::add));
      try (Engine engine = Engine.create()) {
        Job job = engine.submit(p, "nats-drop");
        for (int round = 0; round < 3; round++) {
          publish(in, round * 1000, round * 1000 + 1000);
          int before = round * 1000;
          await(() -> seen.size() > before || job.failure().isPresent(), Duration.ofSeconds(20),
              "the source reading"); // connections are dropped while it runs, not while it starts
          proxy.refuse(true); // the server is "down" for 300 ms
          proxy.cut();
          Thread.sleep(300);
          proxy.refuse(false);
        }
        try {
          await(() -> seen.size() == total, Duration.ofSeconds(40), total + " distinct messages");
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + ": " + seen.size() + " seen", e);
        }
        assertThat(job.failure()).isEmpty();
        job.cancel();
      }
    }
    assertThat(seen).containsAll(IntStream.range(0, total).boxed().toList());
  }

  /** Collects what a reader emits. */
  static final class Collect implements SourceOutput<JetStreamMessage> {
    final List<JetStreamMessage> items = new ArrayList<>();

    @Override
    public void emit(JetStreamMessage event) {
      items.add(event);
    }

    @Override
    public void emit(JetStreamMessage event, long timestamp) {
      items.add(event);
    }
  }

  static void readUntil(SourceReader<JetStreamMessage> r, Collect out, int count)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (out.items.size() < count) {
      if (r.read(out, Math.min(64, count - out.items.size())) == 0) {
        Thread.sleep(1);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("read " + out.items.size() + " of " + count);
      }
    }
  }

  @Test
  void checkpointAcknowledgementAndRedeliveryAfterACrash() throws Exception {
    String in = stream("ckpt");
    publish(in, 0, 300);
    NatsSourceConfig config =
        NatsSourceConfig.builder(URL, in, in + ".in", "d").batchSize(50).maxAckPending(400)
            .ackWait(Duration.ofSeconds(1)).acknowledge(Acknowledge.ON_CHECKPOINT).build();
    JetStreamSource<JetStreamMessage> source = JetStreamSource.messages("in", config);
    JetStreamReader<JetStreamMessage> first =
        (JetStreamReader<JetStreamMessage>) source.createReader(0, 1);
    Collect a = new Collect();
    readUntil(first, a, 100);
    first.snapshotState(1);
    readUntil(first, a, 150);
    first.checkpointComplete(1);
    await(() -> consumer(in, "d").getAckFloor().getStreamSequence() == 100,
        Duration.ofSeconds(5), "the first 100 acknowledged");
    first.close(); // a crash: 100.. were read but never acknowledged

    SourceReader<JetStreamMessage> second = source.restoreReader(0, 1, List.of(new byte[0]));
    Collect b = new Collect();
    readUntil(second, b, 200);
    List<Integer> numbers = b.items.stream().map(m -> number(m.data())).toList();
    assertThat(numbers).doesNotContainAnyElementsOf(IntStream.range(0, 100).boxed().toList());
    assertThat(numbers).containsAll(IntStream.range(100, 300).boxed().toList());
    second.close();
  }

  @Test
  void aSlowConsumerLeavesTheBacklogInTheStream() throws Exception {
    String in = stream("slow");
    publish(in, 0, 3000);
    NatsSourceConfig config =
        NatsSourceConfig.builder(URL, in, in + ".in", "d").batchSize(100).maxAckPending(300)
            .acknowledge(Acknowledge.ON_CHECKPOINT).build();
    JetStreamReader<JetStreamMessage> reader =
        (JetStreamReader<JetStreamMessage>) JetStreamSource.messages("in", config).createReader(0, 1);
    Collect out = new Collect();
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < deadline) {
      reader.read(out, 1000);
      assertThat(reader.buffered()).isLessThanOrEqualTo(reader.capacity());
      Thread.sleep(5);
    }
    // the server stopped at maxAckPending: the rest is still in the stream
    assertThat(out.items.size() + reader.buffered()).isLessThanOrEqualTo(300);
    assertThat(consumer(in, "d").getNumAckPending()).isLessThanOrEqualTo(300);
    assertThat(consumer(in, "d").getNumPending()).isGreaterThanOrEqualTo(2700);
    assertThat(reader.lag()).isGreaterThanOrEqualTo(2700);
    reader.snapshotState(3);
    reader.checkpointComplete(3); // acknowledging frees the budget: delivery resumes
    readUntil(reader, out, out.items.size() + 200);
    reader.close();
  }

  @Test
  void badConfigurationFailsClearly() throws Exception {
    assertThatThrownBy(
            () -> JetStreamSource.messages(
                    "in", NatsSourceConfig.builder("nats://no-such-host.invalid:4222", "s", "s.>", "d").build())
                .createReader(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nats source 'in'")
        .hasMessageContaining("setting 'url'")
        .hasMessageContaining("cannot be resolved");
    String missing = "sluice_missing_" + UUID.randomUUID().toString().replace("-", "");
    assertThatThrownBy(
            () -> JetStreamSource.messages(
                    "in", NatsSourceConfig.builder(URL, missing, missing + ".>", "d")
                        .createStream(false).build())
                .createReader(0, 1))
        .hasMessageContaining("setting 'stream'")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () -> JetStreamSink.<String>of(
                    "out", NatsSinkConfig.builder(URL, missing, missing + ".x").createStream(false).build(),
                    s -> s.getBytes(StandardCharsets.UTF_8))
                .createWriter(0, 1))
        .hasMessageContaining("nats sink 'out'")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> NatsSourceConfig.builder(URL, "bad.name", "x.>", "d").build())
        .hasMessageContaining("stream 'bad.name' is not a valid stream name");
    assertThatThrownBy(() -> NatsSourceConfig.builder(URL, "s", "s", "d").maxAckPending(10).build())
        .hasMessageContaining("maxAckPending");
  }
}
