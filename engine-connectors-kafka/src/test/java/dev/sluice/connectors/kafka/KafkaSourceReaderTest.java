package dev.sluice.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connectors.kafka.internal.KafkaSourceReader;
import dev.sluice.core.SourceReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The source reader driven directly against the real in-process broker. */
class KafkaSourceReaderTest {

  static String group() {
    return "g-" + UUID.randomUUID();
  }

  static KafkaSourceReader<String> reader(KafkaSourceConfig config) throws Exception {
    return (KafkaSourceReader<String>)
        KafkaSource.of(config, RecordDecoder.valueAsString()).createReader(0, 1);
  }

  static void readUntil(
      SourceReader<String> reader, CollectingOutput<String> out, int maxEvents,
      BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; read " + out.events.size() + ": " + out.events);
      }
      reader.read(out, maxEvents);
    }
  }

  @Test
  void readsEveryRecordWithItsTimestampAndCommitsOnClose() throws Exception {
    String topic = KafkaTestBroker.createTopic("rt", 3);
    List<String> values = KafkaTestBroker.values("v", 300);
    KafkaTestBroker.produce(topic, 3, values, 1_000);
    String group = group();
    KafkaSourceReader<String> r =
        reader(KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group, topic).build());
    CollectingOutput<String> out = new CollectingOutput<>();
    readUntil(r, out, 64, () -> out.events.size() >= 300);
    r.read(out, 64);
    r.read(out, 64);
    assertThat(out.events).containsExactlyInAnyOrderElementsOf(values);
    for (int i = 0; i < out.events.size(); i++) {
      int n = Integer.parseInt(out.events.get(i).substring(1));
      assertThat(out.timestamps.get(i)).isEqualTo(1_000L + n);
    }
    assertThat(r.lag()).isZero();
    r.close();
    assertThat(KafkaTestBroker.committedTotal(group, topic)).isEqualTo(300);
  }

  @Test
  void startPositionsApplyWhereTheGroupHasNotCommitted() throws Exception {
    String topic = KafkaTestBroker.createTopic("start", 1);
    KafkaTestBroker.produce(topic, 1, KafkaTestBroker.values("a", 10), 1_000); // ts 1000..1009
    String bootstrap = KafkaTestBroker.bootstrap();

    // timestamp: the first record at or after 1004
    KafkaSourceReader<String> byTime = reader(KafkaSourceConfig.builder(bootstrap, group(), topic)
        .startPosition(StartPosition.timestamp(1_004)).build());
    CollectingOutput<String> t = new CollectingOutput<>();
    readUntil(byTime, t, 100, () -> t.events.size() >= 6);
    assertThat(t.events).containsExactly("a4", "a5", "a6", "a7", "a8", "a9");
    byTime.close();

    // latest: only what is produced after the assignment
    String latestGroup = group();
    KafkaSourceReader<String> latest = reader(KafkaSourceConfig.builder(bootstrap, latestGroup, topic)
        .startPosition(StartPosition.latest()).build());
    CollectingOutput<String> l = new CollectingOutput<>();
    readUntil(latest, l, 100, () -> !latest.assignedPartitions().isEmpty());
    for (int i = 0; i < 5; i++) {
      latest.read(l, 100); // the position (end of log) is fetched before the new records exist
    }
    KafkaTestBroker.produce(topic, 1, KafkaTestBroker.values("b", 3), 2_000);
    readUntil(latest, l, 100, () -> l.events.size() >= 3);
    assertThat(l.events).containsExactly("b0", "b1", "b2");
    latest.close();

    // committed: the same group continues where it left off, whatever the start position says
    KafkaSourceReader<String> again = reader(KafkaSourceConfig.builder(bootstrap, latestGroup, topic)
        .startPosition(StartPosition.earliest()).build());
    KafkaTestBroker.produce(topic, 1, KafkaTestBroker.values("c", 2), 3_000);
    CollectingOutput<String> c = new CollectingOutput<>();
    readUntil(again, c, 100, () -> c.events.size() >= 2);
    assertThat(c.events).containsExactly("c0", "c1");
    again.close();

    // earliest with a new group: everything
    KafkaSourceReader<String> earliest = reader(KafkaSourceConfig.builder(bootstrap, group(), topic).build());
    CollectingOutput<String> e = new CollectingOutput<>();
    readUntil(earliest, e, 100, () -> e.events.size() >= 15);
    assertThat(e.events).hasSize(15).startsWith("a0");
    earliest.close();
  }

  @Test
  void checkpointedOffsetsRestoreExactlyAfterTheLastEmittedRecord() throws Exception {
    String topic = KafkaTestBroker.createTopic("ckpt", 2);
    List<String> values = KafkaTestBroker.values("v", 200);
    KafkaTestBroker.produce(topic, 2, values, 1_000);
    String group = group();
    KafkaSource<String> source = KafkaSource.of(
        KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group, topic).build(),
        RecordDecoder.valueAsString());
    KafkaSourceReader<String> first = (KafkaSourceReader<String>) source.createReader(0, 1);
    CollectingOutput<String> out = new CollectingOutput<>();
    readUntil(first, out, 10, () -> out.events.size() >= 70);
    byte[] state = first.snapshotState(1);
    int atBarrier = out.events.size();
    first.read(out, 10); // emitted after the barrier: must be read again after the restore
    first.checkpointComplete(1);
    first.read(out, 1); // lets the asynchronous commit finish
    first.close();
    assertThat(KafkaTestBroker.committedTotal(group, topic)).isEqualTo(atBarrier);

    KafkaSourceReader<String> restored =
        (KafkaSourceReader<String>) source.restoreReader(0, 1, List.of(state));
    CollectingOutput<String> rest = new CollectingOutput<>();
    readUntil(restored, rest, 50, () -> atBarrier + rest.events.size() >= 200);
    restored.close();
    List<String> all = new ArrayList<>(out.events.subList(0, atBarrier));
    all.addAll(rest.events);
    assertThat(all).hasSize(200).containsExactlyInAnyOrderElementsOf(values);
  }

  @Test
  void twoReadersInOneGroupSplitThePartitionsAndHandOverOnRebalance() throws Exception {
    String topic = KafkaTestBroker.createTopic("rebalance", 4);
    List<String> values = KafkaTestBroker.values("v", 2_000);
    KafkaTestBroker.produce(topic, 4, values, 1_000);
    String group = group();
    KafkaSourceConfig config = KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group, topic)
        .maxBufferedRecords(1_000).build();
    KafkaSourceReader<String> a = reader(config);
    CollectingOutput<String> outA = new CollectingOutput<>();
    readUntil(a, outA, 5, () -> outA.events.size() >= 100); // a owns all 4 partitions
    assertThat(a.assignedPartitions()).hasSize(4);
    KafkaSourceReader<String> b = reader(config);
    CollectingOutput<String> outB = new CollectingOutput<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (b.assignedPartitions().isEmpty() && System.nanoTime() < deadline) {
      a.read(outA, 2); // slowly, so that records are still in flight when b joins
      b.read(outB, 2);
    }
    while (outA.events.size() + outB.events.size() < 2_000 && System.nanoTime() < deadline) {
      a.read(outA, 100);
      b.read(outB, 100);
    }
    assertThat(b.assignedPartitions()).isNotEmpty();
    assertThat(a.assignedPartitions()).isNotEmpty();
    Set<Object> overlap = new HashSet<>(a.assignedPartitions());
    overlap.retainAll(b.assignedPartitions());
    assertThat(overlap).isEmpty();
    List<String> all = new ArrayList<>(outA.events);
    all.addAll(outB.events);
    // without checkpoints a revoked partition is committed after what was handed over, so the
    // new owner continues there: every record once
    assertThat(all).containsExactlyInAnyOrderElementsOf(values);
    assertThat(outB.events).isNotEmpty();
    a.close();
    b.close();
  }

  @Test
  void anIdlePartitionDoesNotStallTheWatermark() throws Exception {
    String topic = KafkaTestBroker.createTopic("idle", 2);
    try (var p = KafkaTestBroker.producer()) {
      for (int i = 0; i < 20; i++) { // only partition 0 gets records
        p.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
            topic, 0, 10_000L + i, null, ("v" + i).getBytes()));
      }
    }
    KafkaSourceReader<String> r = reader(KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group(), topic)
        .maxOutOfOrdernessMillis(5).idleTimeout(Duration.ofSeconds(2)).build());
    CollectingOutput<String> out = new CollectingOutput<>();
    readUntil(r, out, 100, () -> out.events.size() >= 20);
    // partition 1 has had no record and is not idle yet: it holds the watermark back
    assertThat(r.currentWatermark()).isEqualTo(Long.MIN_VALUE);
    long start = System.nanoTime();
    readUntil(r, out, 100, () -> r.currentWatermark() != Long.MIN_VALUE);
    assertThat(System.nanoTime() - start).isGreaterThan(0);
    // partition 1 is idle now: the watermark follows partition 0 alone
    assertThat(r.currentWatermark()).isEqualTo(10_019L - 5 - 1);
    assertThat(out.watermarks).containsExactly(10_019L - 5 - 1); // emitted once, when it advanced
    // both idle once partition 0 has been quiet for the timeout too (on a starved thread that can
    // happen in the same call as the watermark above): declared, and only once
    readUntil(r, out, 100, r::isIdle);
    int marks = out.idleMarks;
    assertThat(marks).isPositive();
    r.read(out, 100);
    r.read(out, 100);
    assertThat(out.idleMarks).isEqualTo(marks);
    assertThat(out.watermarks).containsExactly(10_019L - 5 - 1);
    r.close();
  }

  @Test
  void aFullBufferPausesThePartitionsAndNeverGrowsPastItsBound() throws Exception {
    String topic = KafkaTestBroker.createTopic("bp", 2);
    List<String> values = KafkaTestBroker.values("v", 3_000);
    KafkaTestBroker.produce(topic, 2, values, 1_000);
    KafkaSourceReader<String> r = reader(KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group(), topic)
        .maxBufferedRecords(200).build());
    CollectingOutput<String> out = new CollectingOutput<>();
    long maxLag = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (out.events.size() < 3_000 && System.nanoTime() < deadline) {
      r.read(out, 3); // a slow downstream: 3 events per call
      maxLag = Math.max(maxLag, r.lag());
      assertThat(r.bufferedRecords()).isLessThanOrEqualTo(200);
    }
    assertThat(out.events).containsExactlyInAnyOrderElementsOf(values);
    assertThat(r.maxBufferedRecords()).isLessThanOrEqualTo(200).isGreaterThan(0);
    assertThat(r.pauses()).isPositive();
    assertThat(maxLag).isGreaterThan(1_000);
    r.close();
  }

  @Test
  void unreachableClusterFailsWithAClearMessage() throws Exception {
    KafkaSourceReader<String> r = reader(KafkaSourceConfig.builder("127.0.0.1:1", group(), "t")
        .connectTimeout(Duration.ofSeconds(2)).build());
    assertThatThrownBy(() -> r.read(new CollectingOutput<>(), 10))
        .isInstanceOf(KafkaConnectorException.class)
        .hasMessageContaining("no answer from bootstrap servers 127.0.0.1:1 within 2000 ms")
        .hasMessageContaining("topic 't'");
    r.close();
  }

  @Test
  void unknownTopicFailsWithAClearMessage() throws Exception {
    KafkaSourceReader<String> r = reader(KafkaSourceConfig.builder(
            KafkaTestBroker.bootstrap(), group(), "no-such-topic").connectTimeout(Duration.ofSeconds(5)).build());
    assertThatThrownBy(() -> r.read(new CollectingOutput<>(), 10))
        .isInstanceOf(KafkaConnectorException.class)
        .hasMessageContaining("topic 'no-such-topic' does not exist");
    r.close();
  }

  @Test
  void aRecordThatCannotBeDecodedFailsNamingItsOffset() throws Exception {
    String topic = KafkaTestBroker.createTopic("bad", 1);
    KafkaTestBroker.produce(topic, 1, List.of("1", "2", "x", "4"), 1_000);
    KafkaSourceReader<Integer> r = (KafkaSourceReader<Integer>) KafkaSource.of(
            KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group(), topic).build(),
            rec -> Integer.parseInt(new String(rec.value())))
        .createReader(0, 1);
    CollectingOutput<Integer> out = new CollectingOutput<>();
    assertThatThrownBy(() -> {
          long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (System.nanoTime() < deadline) {
            r.read(out, 10);
          }
        })
        .isInstanceOf(KafkaConnectorException.class)
        .hasMessageContaining("cannot decode record " + topic + "-0@2")
        .hasMessageContaining("NumberFormatException");
    assertThat(out.events).containsExactly(1, 2);
    r.close();
  }

  @Test
  void badConsumerPropertyFailsWithAClearMessage() throws Exception {
    KafkaSourceReader<String> r = reader(KafkaSourceConfig.builder(KafkaTestBroker.bootstrap(), group(), "t")
        .property("isolation.level", "sometimes").build());
    assertThatThrownBy(() -> r.read(new CollectingOutput<>(), 10))
        .isInstanceOf(KafkaConnectorException.class)
        .hasMessageContaining("bad consumer configuration")
        .hasMessageContaining("isolation.level");
    r.close();
  }
}
