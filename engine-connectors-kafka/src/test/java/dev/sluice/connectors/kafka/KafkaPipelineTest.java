package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobFailedException;
import dev.sluice.core.Pipeline;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.Output;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka source and sink inside engine jobs, against the real in-process broker. */
class KafkaPipelineTest {
  static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** Passes events on and records the watermarks it hears. */
  static final class WatermarkRecorder implements Operator<String, String> {
    static final ConcurrentLinkedQueue<Long> SEEN = new ConcurrentLinkedQueue<>();

    @Override
    public void onEvent(String event, long timestamp, Output<String> output) {
      output.emit(event);
    }

    @Override
    public void onWatermark(long watermark, Output<String> output) {
      SEEN.add(watermark);
    }
  }

  @Test
  void topicToTopicThroughTheEngineWithTwoReadersInOneGroup() throws Exception {
    String in = KafkaTestBroker.createTopic("in", 4);
    String out = KafkaTestBroker.createTopic("out", 4);
    List<String> values = KafkaTestBroker.values("e", 2_000);
    KafkaTestBroker.produce(in, 4, values, 1_000_000);
    String group = "pipe-" + UUID.randomUUID();
    Pipeline p = Pipeline.create();
    p.source(KafkaSource.of(
            KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group, in).build(),
            RecordDecoder.valueAsString()))
        .parallelism(2)
        .map(s -> s.toUpperCase())
        .customOperator("watermarks", WatermarkRecorder::new)
        .sink(KafkaSink.of(
            KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), out).build(),
            s -> s.getBytes(StandardCharsets.UTF_8),
            s -> s.getBytes(StandardCharsets.UTF_8)));
    Job job = engine.submit(p, "kafka-round-trip");
    List<String> written = KafkaTestBroker.valuesOf(
        KafkaTestBroker.readAll(out, false, 2_000, Duration.ofSeconds(60)));
    job.drain();
    job.join(Duration.ofSeconds(30));
    assertThat(written).containsExactlyInAnyOrderElementsOf(values.stream().map(String::toUpperCase).toList());
    // the readers' watermarks reached the operator: below every timestamp, ending at +inf
    assertThat(WatermarkRecorder.SEEN).isNotEmpty();
    assertThat(WatermarkRecorder.SEEN.stream().filter(w -> w != Long.MAX_VALUE))
        .isNotEmpty()
        .allMatch(w -> w >= 1_000_000 - 1 && w < 1_000_000 + 2_000);
    // offsets of what was handed over were committed (on close, at the drain)
    assertThat(KafkaTestBroker.committedTotal(group, in)).isEqualTo(2_000);
  }

  @Test
  void anUnreachableClusterFailsTheJobWithAClearMessage() {
    Pipeline p = Pipeline.create();
    p.source(KafkaSource.of(
            KafkaSourceConfig.builder("127.0.0.1:1", "g", "t").connectTimeout(Duration.ofSeconds(2)).build(),
            RecordDecoder.valueAsString()))
        .sink(dev.sluice.core.Sinks.discard("out"));
    Job job = engine.submit(p, "kafka-unreachable");
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasStackTraceContaining("no answer from bootstrap servers 127.0.0.1:1");
  }
}
