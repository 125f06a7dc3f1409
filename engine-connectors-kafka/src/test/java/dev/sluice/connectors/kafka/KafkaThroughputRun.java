package dev.sluice.connectors.kafka;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the Kafka source through the engine beside the bare {@link KafkaConsumer} on the
 * same topic in the same run. Prints figures; asserts nothing about time. Run with
 * {@code -Dkafka.throughput=true -Dtest=KafkaThroughputRun} (see docs/performance.md).
 */
@EnabledIfSystemProperty(named = "kafka.throughput", matches = "true")
class KafkaThroughputRun {
  static final int RECORDS = Integer.getInteger("kafka.throughput.records", 1_000_000);
  static final int PARTITIONS = 4;

  @Test
  void sourceThroughTheEngineBesideTheBareConsumer() throws Exception {
    String topic = KafkaTestBroker.createTopic("throughput", PARTITIONS);
    byte[] value = new byte[100];
    try (KafkaProducer<byte[], byte[]> p = KafkaTestBroker.producer()) {
      for (int i = 0; i < RECORDS; i++) {
        p.send(new ProducerRecord<>(topic, i % PARTITIONS, null, value));
      }
      p.flush();
    }
    List<String> lines = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      double bare = bare(topic);
      double engine = engine(topic);
      lines.add(String.format(
          "round %d: bare KafkaConsumer %.0f records/s, KafkaSource through the engine %.0f records/s"
              + " (ratio %.2f)", round, bare, engine, engine / bare));
    }
    lines.forEach(System.out::println);
  }

  private static double bare(String topic) {
    try (KafkaConsumer<byte[], byte[]> c = KafkaTestBroker.consumer(false)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < PARTITIONS; i++) {
        parts.add(new TopicPartition(topic, i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      long n = 0;
      long sum = 0;
      while (n == 0) { // like the engine run: timed from the first record on
        for (var r : c.poll(Duration.ofMillis(50))) {
          n++;
          sum += r.value().length;
        }
      }
      long first = n;
      long start = System.nanoTime();
      while (n < RECORDS) {
        for (var r : c.poll(Duration.ofMillis(50))) {
          n++;
          sum += r.value().length; // touch each record as the engine's sink does
        }
      }
      double rate = (n - first) / ((System.nanoTime() - start) / 1e9);
      c.close(CloseOptions.timeout(Duration.ZERO));
      return sum > 0 ? rate : 0;
    }
  }

  private static double engine(String topic) throws Exception {
    try (Engine engine = Engine.create()) {
      CountingSink<byte[]> sink = Sinks.counting("count");
      Pipeline p = Pipeline.create();
      p.source(KafkaSource.of(
              KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), "tp-" + UUID.randomUUID(), topic)
                  .build(),
              r -> r.value()))
          .sink(sink);
      Job job = engine.submit(p, "throughput");
      while (sink.count() == 0) {
        Thread.sleep(1); // the group join is not counted (the bare consumer is assigned)
      }
      long start = System.nanoTime();
      long first = sink.count();
      while (sink.count() < RECORDS) {
        Thread.sleep(1);
      }
      double rate = (sink.count() - first) / ((System.nanoTime() - start) / 1e9);
      job.cancel();
      return rate;
    }
  }
}
