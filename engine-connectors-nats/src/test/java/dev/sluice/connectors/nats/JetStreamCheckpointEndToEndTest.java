package dev.sluice.connectors.nats;

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
import io.nats.client.api.ConsumerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JetStream source and sink inside real jobs with checkpoints, against the real NATS server
 * on 127.0.0.1:4222: restore after an injected failure, acknowledgement only on completed
 * checkpoints, and backpressure from a slow sink.
 */
class JetStreamCheckpointEndToEndTest {

  static final String URL = JetStreamTest.URL;
  static final int KEYS = 7;

  @BeforeAll
  static void connect() throws Exception {
    JetStreamTest.connect();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    JetStreamTest.cleanUp();
  }

  static Engine engine() {
    return Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("nck-"));
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

  /** Every message of {@code stream}, as strings, in stream order. */
  static List<String> values(String stream) throws Exception {
    long last = JetStreamTest.jsm.getStreamInfo(stream).getStreamState().getLastSequence();
    List<String> out = new ArrayList<>();
    for (long seq = 1; seq <= last; seq++) {
      out.add(new String(JetStreamTest.jsm.getMessage(stream, seq).getData(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void aFailedJobRestoresFromItsCheckpointAndJetStreamRedeliversTheRest() throws Exception {
    String in = JetStreamTest.stream("e2e_in");
    String out = JetStreamTest.stream("e2e_out");
    int half = 500;
    int n = 1000;
    JetStreamTest.publish(in, 0, half);
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    AtomicBoolean failed = new AtomicBoolean();
    // acknowledge() left at AUTO: ON_CHECKPOINT, since the job takes periodic checkpoints
    NatsSourceConfig sc =
        NatsSourceConfig.builder(URL, in, in + ".in", "d").ackWait(Duration.ofSeconds(2)).build();
    Pipeline p = Pipeline.create();
    p.source(JetStreamSource.messages("in", sc))
        .uid("in")
        .map(
            m -> {
              int i = JetStreamTest.number(m.data());
              if (i >= half && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at message " + i);
              }
              return i;
            })
        .keyBy(i -> i % KEYS)
        .rollingAggregate(AggregateOperations.counting())
        .uid("count")
        .map(kv -> kv.key() + ":" + kv.value())
        .sink(
            JetStreamSink.of(
                "out", NatsSinkConfig.builder(URL, out, out + ".v").build(),
                s -> s.getBytes(StandardCharsets.UTF_8)));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("nats-e2e")
                  .withRestartStrategy(RestartStrategy.immediate(3))
                  .withCheckpointing(CheckpointConfig.every(Duration.ofMillis(50), store)));
      JetStreamTest.await(
          () -> ackFloor(in) == half || job.status() == JobStatus.FAILED, Duration.ofSeconds(30),
          "the first half processed and acknowledged after a checkpoint");
      JetStreamTest.publish(in, half, n); // its first message fails the job
      Set<String> expected = expectedCounts(n);
      JetStreamTest.await(
          () -> ackFloor(in) == n || job.status() == JobStatus.FAILED, Duration.ofSeconds(40),
          "every message acknowledged");
      assertThat(job.failure()).isEmpty();
      assertThat(failed).isTrue();
      assertThat(job.restarts()).isEqualTo(1);
      JetStreamTest.await(
          () -> {
            try {
              return new HashSet<>(values(out)).containsAll(expected);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          },
          Duration.ofSeconds(20), "every count in " + out);
      job.cancel();
    }
    List<String> written = values(out);
    // state exactly once (the checkpoint's acknowledgements had reached the server before the
    // failure): each count of each key appears, none beyond the input's
    assertThat(new HashSet<>(written)).isEqualTo(expectedCounts(n));
    // output at least once: what the sink published after the checkpoint is published again
    assertThat(written.size()).isGreaterThanOrEqualTo(n);
  }

  /** The consumer's acknowledgement floor; -1 before the reader created the consumer. */
  static long ackFloor(String stream) {
    try {
      return JetStreamTest.jsm.getConsumerInfo(stream, "d").getAckFloor().getStreamSequence();
    } catch (io.nats.client.JetStreamApiException e) {
      return -1;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void messagesAreAcknowledgedOnlyWhenACheckpointCompletes() throws Exception {
    String in = JetStreamTest.stream("e2e_ack");
    JetStreamTest.publish(in, 0, 300);
    AtomicLong seen = new AtomicLong();
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    NatsSourceConfig sc = NatsSourceConfig.builder(URL, in, in + ".in", "d").build(); // AUTO
    Pipeline p = Pipeline.create();
    p.source(JetStreamSource.messages("in", sc)).uid("in")
        .sink(Sinks.callback("seen", m -> seen.incrementAndGet()));
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withName("nats-ack")
                  .withCheckpointing(CheckpointConfig.every(Duration.ofHours(1), store)));
      JetStreamTest.await(() -> seen.get() == 300, Duration.ofSeconds(30), "300 messages");
      Thread.sleep(200); // would be enough for acknowledgements on emit to arrive
      assertThat(JetStreamTest.consumer(in, "d").getNumAckPending()).isEqualTo(300);
      job.triggerCheckpoint().get();
      JetStreamTest.await(
          () -> JetStreamTest.consumer(in, "d").getNumAckPending() == 0, Duration.ofSeconds(10),
          "acknowledged after checkpointComplete");
      assertThat(ackFloor(in)).isEqualTo(300);
      JetStreamTest.publish(in, 300, 500);
      JetStreamTest.await(() -> seen.get() == 500, Duration.ofSeconds(30), "500 messages");
      Thread.sleep(200);
      assertThat(JetStreamTest.consumer(in, "d").getNumAckPending()).isEqualTo(200);
      job.triggerCheckpoint().get();
      JetStreamTest.await(() -> ackFloor(in) == 500, Duration.ofSeconds(10), "the next 200");
      job.cancel();
    }
  }

  /**
   * A job whose sink takes one event per millisecond over a backlog of 10,000 messages: the
   * messages delivered to the engine and not yet written stay within the reader's bound plus the
   * engine's queue capacity, while the stream keeps the backlog.
   */
  @Test
  void aSlowSinkHoldsTheSourceBackAndTheStreamKeepsTheBacklog() throws Exception {
    String in = JetStreamTest.stream("e2e_slow");
    int backlog = 10_000;
    JetStreamTest.publish(in, 0, backlog);
    int queueCapacity = 256;
    int batch = 64;
    int maxAckPending = 128;
    SlowSink<JetStreamMessage> sink = new SlowSink<>(Duration.ofMillis(1));
    NatsSourceConfig sc =
        NatsSourceConfig.builder(URL, in, in + ".in", "d").batchSize(batch)
            .maxAckPending(maxAckPending).build();
    Pipeline p = Pipeline.create();
    p.source(JetStreamSource.messages("in", sc)).map(m -> m).sink(sink);
    long maxInEngine = 0;
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults().withWorkerThreads(2).withDefaultQueueCapacity(queueCapacity)
                .withBatchSize(batch))) {
      Job job = engine.submit(p, "nats-slow"); // no checkpoints: AUTO acknowledges on emit
      JetStreamTest.await(() -> sink.written() >= 100, Duration.ofSeconds(30), "100 written");
      for (int i = 0; i < 10; i++) {
        ConsumerInfo c = JetStreamTest.consumer(in, "d");
        long delivered = c.getDelivered().getStreamSequence();
        maxInEngine = Math.max(maxInEngine, delivered - sink.written());
        Thread.sleep(25);
      }
      assertThat(job.failure()).isEmpty();
      assertThat(sink.written()).isLessThan(backlog / 2);
      long undelivered = JetStreamTest.consumer(in, "d").getNumPending();
      job.cancel();
      assertThat(undelivered).isGreaterThan(backlog / 3);
    }
    // the reader's buffer (maxAckPending + batchSize), a queue, a batch in the chain
    assertThat(maxInEngine)
        .isLessThanOrEqualTo(maxAckPending + batch + queueCapacity + 2L * batch);
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
