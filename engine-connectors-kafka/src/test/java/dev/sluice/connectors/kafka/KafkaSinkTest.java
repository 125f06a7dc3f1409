package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SinkWriter;
import dev.sluice.core.checkpoint.TwoPhaseCommitWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The sink's writers against the real in-process broker. */
class KafkaSinkTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static KafkaSink<String> sink(KafkaSinkConfig config) {
    return KafkaSink.of(config, s -> utf8(s.substring(0, s.indexOf(':'))), KafkaSinkTest::utf8);
  }

  @SuppressWarnings("unchecked")
  static TwoPhaseCommitWriter<String> writer(KafkaSinkConfig config, int instance) throws Exception {
    return (TwoPhaseCommitWriter<String>) sink(config).createWriter(instance, 1);
  }

  @Test
  void keyedRecordsOfOneKeyLandInOnePartitionInOrder() throws Exception {
    String topic = KafkaTestBroker.createTopic("keyed", 4);
    SinkWriter<String> w = sink(KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), topic).build())
        .createWriter(0, 1);
    for (int i = 0; i < 200; i++) {
      w.offer("k" + (i % 7) + ":" + i, 5_000 + i);
    }
    w.complete();
    w.close(null);
    List<ConsumerRecord<byte[], byte[]>> read =
        KafkaTestBroker.readAll(topic, false, 200, Duration.ofSeconds(20));
    assertThat(read).hasSize(200);
    Map<String, Integer> partitionOfKey = new HashMap<>();
    Map<String, Integer> lastOfKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : read) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      String value = new String(r.value(), StandardCharsets.UTF_8);
      int n = Integer.parseInt(value.substring(value.indexOf(':') + 1));
      assertThat(partitionOfKey.computeIfAbsent(key, k -> r.partition())).isEqualTo(r.partition());
      assertThat(n).isGreaterThan(lastOfKey.getOrDefault(key, -1));
      lastOfKey.put(key, n);
      assertThat(r.timestamp()).isEqualTo(5_000L + n);
    }
    assertThat(partitionOfKey).hasSize(7);
  }

  @Test
  void transactionalRecordsBecomeVisibleToReadCommittedOnlyWhenTheCheckpointCompletes()
      throws Exception {
    String topic = KafkaTestBroker.createTopic("txn", 2);
    KafkaSinkConfig config = KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), topic)
        .exactlyOnce("txn-" + UUID.randomUUID()).build();
    TwoPhaseCommitWriter<String> w = writer(config, 0);
    for (int i = 0; i < 50; i++) {
      w.offer("k" + i + ":a" + i, 1_000 + i);
    }
    w.prepareCommit(1);
    for (int i = 0; i < 20; i++) {
      w.offer("k" + i + ":b" + i, 2_000 + i); // the next transaction
    }
    // prepared (flushed, durable) but not committed: read_uncommitted sees it, read_committed not
    assertThat(KafkaTestBroker.valuesOf(KafkaTestBroker.readAll(topic, false, 50, Duration.ofSeconds(20))))
        .hasSizeGreaterThanOrEqualTo(50) // the next transaction's records may be there too
        .filteredOn(v -> v.contains(":a")).hasSize(50);
    assertThat(KafkaTestBroker.readAll(topic, true, 1, Duration.ofSeconds(2))).isEmpty();
    w.checkpointComplete(1);
    List<String> committed = KafkaTestBroker.valuesOf(
        KafkaTestBroker.readAll(topic, true, 50, Duration.ofSeconds(20)));
    assertThat(committed).hasSize(50).allMatch(v -> v.contains(":a"));
    w.prepareCommit(2);
    w.checkpointComplete(2);
    assertThat(KafkaTestBroker.readAll(topic, true, 70, Duration.ofSeconds(20))).hasSize(70);
    w.close(null);
  }

  @Test
  void aFailedWriterAbortsItsOpenTransaction() throws Exception {
    String topic = KafkaTestBroker.createTopic("abort", 1);
    KafkaSinkConfig config = KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), topic)
        .exactlyOnce("abort-" + UUID.randomUUID()).build();
    TwoPhaseCommitWriter<String> w = writer(config, 0);
    for (int i = 0; i < 10; i++) {
      w.offer("k:lost" + i, 1_000);
    }
    w.flush();
    w.close(new IllegalStateException("the job failed"));
    TwoPhaseCommitWriter<String> next = writer(config, 0);
    next.offer("k:kept", 1_000);
    next.prepareCommit(1);
    next.checkpointComplete(1);
    next.close(null);
    // read_committed never sees the aborted records and is not blocked by them
    assertThat(KafkaTestBroker.valuesOf(KafkaTestBroker.readAll(topic, true, 2, Duration.ofSeconds(3))))
        .containsExactly("k:kept");
  }

  @Test
  void aRestartInTheSameJvmCommitsWhatTheRestoredCheckpointPrepared() throws Exception {
    String topic = KafkaTestBroker.createTopic("recover", 1);
    KafkaSinkConfig config = KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), topic)
        .exactlyOnce("rec-" + UUID.randomUUID()).build();
    TwoPhaseCommitWriter<String> w = writer(config, 0);
    for (int i = 0; i < 5; i++) {
      w.offer("k:p" + i, 1_000);
    }
    byte[] committable = w.prepareCommit(7);
    w.offer("k:open", 1_000); // opened after the barrier, never covered by a checkpoint
    w.flush();
    w.close(new IllegalStateException("failed before checkpoint 7 completed"));
    assertThat(KafkaTestBroker.readAll(topic, true, 1, Duration.ofSeconds(2))).isEmpty();

    TwoPhaseCommitWriter<String> restarted = writer(config, 0);
    restarted.recover(List.of(committable));
    restarted.offer("k:after", 1_000);
    restarted.prepareCommit(8);
    restarted.checkpointComplete(8);
    restarted.close(null);
    assertThat(KafkaTestBroker.valuesOf(KafkaTestBroker.readAll(topic, true, 6, Duration.ofSeconds(20))))
        .containsExactly("k:p0", "k:p1", "k:p2", "k:p3", "k:p4", "k:after");
  }

  @Test
  void exactlyOnceNeedsATransactionalIdPrefix() {
    assertThatThrownBy(() -> KafkaSinkConfig.builder("x:1", "t").exactlyOnce(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transactionalIdPrefix");
  }

  @Test
  void aWriteToAMissingTopicFailsNamingIt() throws Exception {
    SinkWriter<String> w = sink(KafkaSinkConfig.builder(KafkaTestBroker.bootstrap(), "missing-topic")
        .property("max.block.ms", "1500").build()).createWriter(0, 1);
    assertThatThrownBy(() -> {
          for (int i = 0; i < 3; i++) {
            w.offer("k:v", 1_000);
            w.flush();
          }
          w.complete();
        })
        .hasMessageContaining("missing-topic");
    w.close(null);
  }
}
