package dev.sluice.connectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.sluice.connectors.mqtt.internal.MqttReader;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sinks;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.CheckpointedSource;
import dev.sluice.core.checkpoint.InMemoryCheckpointStore;
import dev.sluice.core.fault.RestartStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT source and sink inside real jobs with checkpoints, against the real Mosquitto on
 * 127.0.0.1:1883: restore after an injected failure with redelivery from the persistent session,
 * acknowledgement only on completed checkpoints, and backpressure from a slow sink.
 */
class MqttCheckpointEndToEndTest {

  static final String HOST = MqttConnectorTest.HOST;
  static final int PORT = MqttConnectorTest.PORT;
  static final int KEYS = 7;

  @BeforeAll
  static void connect() {
    MqttConnectorTest.connect();
  }

  @AfterAll
  static void disconnect() {
    MqttConnectorTest.disconnect();
  }

  static Engine engine() {
    return Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("mck-"));
  }

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

  static long lastCheckpoint(Job job) {
    return job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
  }

  /** Keeps the reader the runtime creates, to read its public counters. */
  static final class Watched<T> implements CheckpointedSource<T> {
    final MqttSource<T> source;
    final AtomicReference<MqttReader<T>> reader = new AtomicReference<>();
    final List<MqttReader<T>> all = new CopyOnWriteArrayList<>();

    Watched(MqttSource<T> source) {
      this.source = source;
    }

    @Override
    public String name() {
      return source.name();
    }

    @SuppressWarnings("unchecked")
    @Override
    public SourceReader<T> createReader(int instanceIndex, int parallelism) throws Exception {
      SourceReader<T> r = source.createReader(instanceIndex, parallelism);
      reader.set((MqttReader<T>) r);
      all.add((MqttReader<T>) r);
      return r;
    }

    @SuppressWarnings("unchecked")
    @Override
    public SourceReader<T> restoreReader(int instanceIndex, int parallelism, List<byte[]> states)
        throws Exception {
      SourceReader<T> r = source.restoreReader(instanceIndex, parallelism, states);
      reader.set((MqttReader<T>) r);
      all.add((MqttReader<T>) r);
      return r;
    }
  }

  @Test
  void aFailedJobRestoresFromItsCheckpointAndTheSessionRedeliversTheRest() throws Exception {
    String in = MqttConnectorTest.unique("e2e-in");
    String out = MqttConnectorTest.unique("e2e-out");
    List<String> outputs = new CopyOnWriteArrayList<>();
    Mqtt5BlockingClient watcher =
        MqttClient.builder().useMqttVersion5().identifier("sluice-test-watch-" + UUID.randomUUID())
            .serverHost(HOST).serverPort(PORT).buildBlocking();
    watcher.connect();
    watcher.toAsync().publishes(MqttGlobalPublishFilter.ALL,
        p -> outputs.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
    watcher.subscribeWith().topicFilter(out).qos(MqttQos.AT_LEAST_ONCE).send();
    int half = 500;
    int n = 1000;
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    AtomicBoolean failed = new AtomicBoolean();
    // acknowledge() left at AUTO: ON_CHECKPOINT, since the job takes periodic checkpoints
    MqttSourceConfig sc =
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in).qos(1)
            .sessionExpiry(Duration.ofSeconds(30)) // outlives the restart, not the test run
            .build();
    Watched<Integer> source =
        new Watched<>(MqttSource.decoded("in", sc, MqttConnectorTest::number));
    Pipeline p = Pipeline.create();
    p.source(source)
        .uid("in")
        .map(
            i -> {
              if (i >= half && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at message " + i);
              }
              return i;
            })
        .keyBy(i -> i < 0 ? -1 : i % KEYS) // -1: the warm-up messages
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(
            MqttSink.of(
                "out",
                MqttSinkConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), out).qos(1)
                    .build(),
                (String s) -> s.getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("mqtt-e2e")
                  .withRestartStrategy(RestartStrategy.immediate(3))
                  .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(50), store)));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (outputs.stream().noneMatch(s -> s.startsWith("-1:"))) {
        MqttConnectorTest.publish(in, 1, -1, 0);
        Thread.sleep(50);
        assertThat(System.nanoTime()).as("the source subscribing").isLessThan(deadline);
      }
      MqttConnectorTest.publish(in, 1, 0, half);
      Set<String> firstHalf = expectedCounts(half);
      MqttConnectorTest.await(
          () -> new HashSet<>(outputs).containsAll(firstHalf)
              || job.status() == JobStatus.FAILED,
          Duration.ofSeconds(30), "the first half counted");
      // two checkpoints after it: the first half is acknowledged to the broker
      long afterFirstHalf = lastCheckpoint(job);
      MqttConnectorTest.await(
          () -> lastCheckpoint(job) > afterFirstHalf + 1, Duration.ofSeconds(30),
          "checkpoints after the first half");
      Thread.sleep(200);
      MqttConnectorTest.publish(in, 1, half, n); // its first message fails the job
      Set<String> expected = expectedCounts(n);
      MqttConnectorTest.await(
          () -> new HashSet<>(outputs).containsAll(expected) || job.status() == JobStatus.FAILED,
          Duration.ofSeconds(40), "every count on " + out);
      assertThat(job.failure()).isEmpty();
      assertThat(failed).isTrue();
      assertThat(job.restarts()).isEqualTo(1);
      job.cancel();
    } finally {
      watcher.disconnect();
    }
    Set<String> counted = new HashSet<>();
    for (String s : outputs) {
      if (!s.startsWith("-1:")) {
        counted.add(s);
      }
    }
    // state exactly once here (the checkpoint's acknowledgements had reached the broker before
    // the failure): each count of each key appears, none beyond the input's
    Set<String> extra = new HashSet<>(counted);
    extra.removeAll(expectedCounts(n));
    Set<String> missing = new HashSet<>(expectedCounts(n));
    missing.removeAll(counted);
    // nothing lost
    assertThat(missing).isEmpty();
    assertThat(source.all).hasSize(2); // the first attempt's reader and the restored one
    int disconnects = source.all.stream().mapToInt(MqttReader::disconnects).sum();
    if (disconnects == 0) {
      // state exactly once when the connection held (the checkpoint's acknowledgements reached
      // the broker before the failure): no count beyond the input's
      assertThat(extra).isEmpty();
    } else {
      // a reconnect makes the session redeliver what was emitted since the last checkpoint and
      // is already counted: at-least-once state, as docs/connectors.md says
      System.out.println("mqtt e2e: " + disconnects + " reconnects, counts beyond the input: "
          + extra.size());
    }
    // output at least once: what the sink published after the checkpoint is published again
    assertThat(outputs.stream().filter(s -> !s.startsWith("-1:")).count())
        .isGreaterThanOrEqualTo(n);
  }

  @Test
  void messagesAreAcknowledgedOnlyWhenACheckpointCompletes() throws Exception {
    String in = MqttConnectorTest.unique("e2e-ack");
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    AtomicLong count = new AtomicLong();
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    MqttSourceConfig sc =
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in).qos(1)
            .receiveMaximum(1000).sessionExpiry(Duration.ofSeconds(1)).build(); // AUTO
    Watched<Integer> source =
        new Watched<>(MqttSource.decoded("in", sc, MqttConnectorTest::number));
    Pipeline p = Pipeline.create();
    p.source(source).uid("in").sink(Sinks.callback("seen", i -> {
      seen.add(i);
      count.incrementAndGet();
    }));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("mqtt-ack")
                  .withCheckpointing(CheckpointConfig.every(Duration.ofHours(1), store)));
      MqttConnectorTest.warmUp(in, 1, seen);
      MqttConnectorTest.publish(in, 1, 0, 300);
      MqttConnectorTest.await(() -> seen.size() == 301, Duration.ofSeconds(30), "300 messages");
      MqttReader<Integer> reader = source.reader.get();
      assertThat(reader.acknowledgesOnEmit()).isFalse();
      Thread.sleep(200);
      long received = count.get(); // the 300 and the warm-up messages
      assertThat(reader.unacknowledged()).isEqualTo((int) received);
      job.triggerCheckpoint().get();
      MqttConnectorTest.await(
          () -> reader.unacknowledged() == 0, Duration.ofSeconds(10),
          "acknowledged after checkpointComplete");
      MqttConnectorTest.publish(in, 1, 300, 500);
      MqttConnectorTest.await(() -> seen.size() == 501, Duration.ofSeconds(30), "500 messages");
      Thread.sleep(200);
      assertThat(reader.unacknowledged()).isEqualTo((int) (count.get() - received));
      job.triggerCheckpoint().get();
      MqttConnectorTest.await(
          () -> reader.unacknowledged() == 0, Duration.ofSeconds(10), "the next 200");
      job.cancel();
    }
  }

  /**
   * A job whose sink takes one event per millisecond while 1,500 QoS 1 messages are published:
   * the reader's buffer stays within its capacity and the messages handed to the engine and not
   * yet written within the engine's queue capacity, while the broker holds the rest in the
   * session (MQTT 5 flow control).
   */
  @Test
  void aSlowSinkHoldsTheSourceBackAndTheBrokerKeepsTheBacklog() throws Exception {
    String in = MqttConnectorTest.unique("e2e-slow");
    int queueCapacity = 256;
    int batch = 64;
    int receiveMaximum = 32;
    SlowSink<Integer> sink = new SlowSink<>(Duration.ofMillis(2));
    AtomicLong emitted = new AtomicLong();
    MqttSourceConfig sc =
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in).qos(1)
            .receiveMaximum(receiveMaximum)
            .sessionExpiry(Duration.ofSeconds(1)) // the broker drops the backlog after the test
            .build();
    Watched<Integer> source =
        new Watched<>(MqttSource.decoded("in", sc, MqttConnectorTest::number));
    Pipeline p = Pipeline.create();
    p.source(source).map(i -> {
      emitted.incrementAndGet();
      return i;
    }).sink(sink);
    int published = 1500;
    long maxInEngine = 0;
    int maxBuffered = 0;
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults().withWorkerThreads(2).withDefaultQueueCapacity(queueCapacity)
                .withBatchSize(batch))) {
      Job job = engine.submit(p, "mqtt-slow"); // no checkpoints: AUTO acknowledges on emit
      MqttConnectorTest.await(() -> source.reader.get() != null, Duration.ofSeconds(20), "reader");
      Thread.sleep(300); // subscribed (the session keeps what arrives before the first read)
      MqttConnectorTest.publish(in, 1, 0, published);
      MqttConnectorTest.await(() -> sink.written() >= 100, Duration.ofSeconds(30), "100 written");
      for (int i = 0; i < 10; i++) {
        maxInEngine = Math.max(maxInEngine, emitted.get() - sink.written());
        maxBuffered = Math.max(maxBuffered, source.reader.get().buffered());
        Thread.sleep(25);
      }
      assertThat(job.failure()).isEmpty();
      long taken = emitted.get() + source.reader.get().buffered();
      job.cancel();
      assertThat(taken).isLessThan(published / 2); // the rest is still at the broker
    }
    assertThat(maxBuffered).isLessThanOrEqualTo(sc.bufferCapacity());
    assertThat(maxInEngine).isLessThanOrEqualTo(queueCapacity + 2L * batch);
  }

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
