package dev.sluice.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker (KRaft, combined broker+controller, Apache Kafka's own test kit) for all
 * test classes of this module: started on first use on a free port of 127.0.0.1, stopped when
 * the test JVM exits.
 */
final class KafkaTestBroker {
  private static KafkaClusterTestKit cluster;
  private static String bootstrap;

  private KafkaTestBroker() {}

  static synchronized String bootstrap() {
    if (cluster == null) {
      try {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sluice-kafka-test");
        KafkaClusterTestKit c =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setBaseDirectory(dir)
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // the tests write records with small fixed timestamps (1970): time-based
                // retention would delete them (and the producers' state) while a test runs
                .setConfigProp("log.retention.ms", "-1")
                .build();
        c.format();
        c.startup();
        c.waitForReadyBrokers();
        cluster = c;
        bootstrap = c.bootstrapServers();
        // At exit only the broker's files are removed: closing the broker in a shutdown hook
        // has been seen to end the test JVM with a non-zero status, which fails the build.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          } catch (java.io.IOException | RuntimeException e) {
            // the JVM is ending; a leftover temporary directory is harmless
          }
        }));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the in-process Kafka broker", e);
      }
    }
    return bootstrap;
  }

  static Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", bootstrap()));
  }

  /** Creates a fresh topic with a unique name starting with {@code prefix}. */
  static String createTopic(String prefix, int partitions) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
      // wait until the broker serves every partition (a produce racing the partitions' creation
      // on a loaded machine has been seen to confuse the idempotent producer's sequence numbers)
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
      for (int i = 0; i < partitions; i++) {
        latest.put(new TopicPartition(name, i), org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        try {
          admin.listOffsets(latest).all().get();
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
    }
    return name;
  }

  static KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes {@code values} round-robin over the partitions, with the given timestamps. */
  static void produce(String topic, int partitions, List<String> values, long firstTimestamp)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (int i = 0; i < values.size(); i++) {
        p.send(new ProducerRecord<>(topic, i % partitions, firstTimestamp + i, null,
            values.get(i).getBytes(StandardCharsets.UTF_8)));
      }
      p.flush();
    }
  }

  static List<String> values(String prefix, int n) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add(prefix + i);
    }
    return v;
  }

  static KafkaConsumer<byte[], byte[]> consumer(boolean readCommitted) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Reads the whole topic from the beginning (all partitions assigned, no group) until {@code
   * expected} records arrived or {@code timeout} passed; returns the records read.
   */
  static List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, boolean readCommitted, int expected, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(readCommitted)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      c.close(CloseOptions.timeout(Duration.ZERO));
      return out;
    }
  }

  static List<String> valuesOf(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> v = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      v.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return v;
  }

  /** The group's committed offsets summed over the topic's partitions. */
  static long committedTotal(String group, String topic) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> m =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long total = 0;
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : m.entrySet()) {
        if (e.getKey().topic().equals(topic) && e.getValue() != null) {
          total += e.getValue().offset();
        }
      }
      return total;
    }
  }

  static Set<String> set(List<String> values) {
    return Set.copyOf(values);
  }
}
