package dev.sluice.connectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.sluice.connectors.mqtt.internal.MqttReader;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.payloads.senml.ResolvedRecord;
import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlResolver;
import dev.sluice.testsupport.TcpProxy;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Against the real Mosquitto broker on 127.0.0.1:1883. */
class MqttConnectorTest {

  static final String HOST = "127.0.0.1";
  static final int PORT = 1883;
  static Mqtt5BlockingClient publisher;

  @BeforeAll
  static void connect() {
    publisher =
        MqttClient.builder().useMqttVersion5().identifier("sluice-test-pub-" + UUID.randomUUID())
            .serverHost(HOST).serverPort(PORT).buildBlocking();
    publisher.connect();
  }

  @AfterAll
  static void disconnect() {
    publisher.disconnect();
  }

  static String unique(String what) {
    return "sluice-test/" + what + "/" + UUID.randomUUID();
  }

  static void publish(String topic, int qos, int from, int to) {
    for (int i = from; i < to; i++) {
      publisher.publishWith().topic(topic).qos(MqttQos.fromCode(qos))
          .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
    }
  }

  static int number(byte[] payload) {
    return Integer.parseInt(new String(payload, StandardCharsets.UTF_8));
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

  /** Publishes -1 on {@code topic} until {@code seen} shows the subscription is live. */
  static void warmUp(String topic, int qos, Set<Integer> seen) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!seen.contains(-1)) {
      publish(topic, qos, -1, 0);
      Thread.sleep(50);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the source never subscribed");
      }
    }
  }

  @ParameterizedTest(name = "QoS {0}")
  @ValueSource(ints = {0, 1, 2})
  void roundTripThroughTheEngine(int qos) throws Exception {
    String in = unique("in");
    String out = unique("out");
    Set<Integer> outputs = ConcurrentHashMap.newKeySet();
    Mqtt5BlockingClient watcher =
        MqttClient.builder().useMqttVersion5().identifier("sluice-test-watch-" + UUID.randomUUID())
            .serverHost(HOST).serverPort(PORT).buildBlocking();
    watcher.connect();
    watcher.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> outputs.add(number(p.getPayloadAsBytes())));
    watcher.subscribeWith().topicFilter(out).qos(MqttQos.fromCode(qos)).send();
    Pipeline p = Pipeline.create();
    p.source(MqttSource.decoded("in",
            MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in).qos(qos).build(),
            MqttConnectorTest::number))
        .map(n -> n < 0 ? n : n * 2)
        .sink(MqttSink.of("out",
            MqttSinkConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), out).qos(qos).build(),
            (Integer n) -> Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
    int total = 1000;
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "mqtt-round-trip");
      warmUp(in, qos, outputs);
      publish(in, qos, 0, total);
      if (qos > 0) {
        await(() -> outputs.size() == total + 1, Duration.ofSeconds(30), total + " outputs");
        for (int i = 0; i < total; i++) {
          assertThat(outputs).contains(i * 2);
        }
      } else { // at-most-once: everything seen is a doubled input, and loopback loses little
        await(() -> outputs.size() > total / 2, Duration.ofSeconds(30), "outputs");
        Thread.sleep(500);
        assertThat(outputs).allMatch(n -> n == -1 || (n % 2 == 0 && n < 2 * total));
      }
      job.cancel();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void senmlOverMqttDecodesWithThePayloadCodec() throws Exception {
    String in = unique("senml");
    CollectSink<ResolvedRecord> records = Sinks.collect("records");
    Set<Integer> warm = ConcurrentHashMap.newKeySet();
    SenmlCodec codec = SenmlCodec.json();
    Pipeline p = Pipeline.create();
    p.source(MqttSource.messages("senml",
            MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in).build()))
        .filter(m -> {
          if (m.payload().length > 0 && m.payload()[0] == '-') {
            warm.add(-1);
            return false;
          }
          return true;
        })
        .flatMap(m -> SenmlResolver.resolve(codec.decode(m.payload()), 1.7e9))
        .sink(records);
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "mqtt-senml");
      warmUp(in, 1, warm);
      for (int i = 0; i < 20; i++) {
        String pack = "[{\"bn\":\"urn:dev:ow:" + i + ":\",\"bt\":1.7e9,\"bu\":\"Cel\",\"n\":\"temp\",\"v\":"
            + (20 + i) + "},{\"n\":\"hum\",\"u\":\"%RH\",\"v\":50}]";
        publisher.publishWith().topic(in).qos(MqttQos.AT_LEAST_ONCE)
            .payload(pack.getBytes(StandardCharsets.UTF_8)).send();
      }
      await(() -> records.items().size() == 40, Duration.ofSeconds(20), "40 records");
      job.cancel();
    }
    assertThat(records.items()).filteredOn(r -> r.name().endsWith(":temp")).hasSize(20)
        .allMatch(r -> "Cel".equals(r.unit()));
    assertThat(records.items()).anyMatch(r -> r.name().equals("urn:dev:ow:7:temp") && r.value() == 27.0);
  }

  /** Collects what a reader emits. */
  static final class Collect implements SourceOutput<MqttMessage> {
    final List<MqttMessage> items = new ArrayList<>();

    @Override
    public void emit(MqttMessage event) {
      items.add(event);
    }

    @Override
    public void emit(MqttMessage event, long timestamp) {
      items.add(event);
    }
  }

  static void readUntil(SourceReader<MqttMessage> r, Collect out, int count) throws Exception {
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
  void sharedSubscriptionSplitsTheMessages() throws Exception {
    String topic = unique("shared");
    String group = "g" + UUID.randomUUID().toString().substring(0, 8);
    MqttSource<MqttMessage> source = MqttSource.messages("shared",
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(),
            "$share/" + group + "/" + topic).sessionExpiry(Duration.ZERO).build());
    assertThat(source.maxParallelism()).isGreaterThan(1);
    SourceReader<MqttMessage> a = source.createReader(0, 2);
    SourceReader<MqttMessage> b = source.createReader(1, 2);
    publish(topic, 1, 0, 400);
    Collect ca = new Collect();
    Collect cb = new Collect();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (ca.items.size() + cb.items.size() < 400 && System.nanoTime() < deadline) {
      a.read(ca, 100);
      b.read(cb, 100);
      Thread.sleep(1);
    }
    List<Integer> all = new ArrayList<>();
    ca.items.forEach(m -> all.add(number(m.payload())));
    cb.items.forEach(m -> all.add(number(m.payload())));
    assertThat(all).hasSize(400).doesNotHaveDuplicates();
    assertThat(ca.items).isNotEmpty();
    assertThat(cb.items).isNotEmpty();
    a.close();
    b.close();
  }

  @Test
  void droppedConnectionsLoseNothingAtQos1() throws Exception {
    String in = unique("drop");
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    // Mosquitto keeps at most max_queued_messages (default 1,000) for a session and drops the
    // rest at the broker, so each round stays well under it and is delivered before the next
    int perRound = 300;
    int total = 3 * perRound;
    try (TcpProxy proxy = new TcpProxy(HOST, PORT)) {
      MqttSourceConfig config =
          MqttSourceConfig.builder(HOST, proxy.port(), "sluice-test-" + UUID.randomUUID(), in)
              .reconnect(RestartStrategy.exponentialBackoff(
                  Duration.ofMillis(50), 2.0, Duration.ofMillis(500), 0.2, 100))
              .build();
      Pipeline p = Pipeline.create();
      p.source(MqttSource.decoded("in", config, MqttConnectorTest::number))
          .sink(Sinks.callback("seen", seen::add));
      try (Engine engine = Engine.create()) {
        Job job = engine.submit(p, "mqtt-drop");
        warmUp(in, 1, seen);
        for (int round = 0; round < 3; round++) {
          publish(in, 1, round * perRound, round * perRound + perRound);
          proxy.refuse(true); // the broker is "unreachable" for 300 ms; it queues for the session
          proxy.cut(); // mid-delivery: part of the round is still queued or in flight
          Thread.sleep(300);
          proxy.refuse(false);
          int expected = (round + 1) * perRound + 1;
          await(() -> seen.size() == expected, Duration.ofSeconds(40),
              expected + " distinct messages after round " + round);
        }
        assertThat(job.failure()).isEmpty();
        job.cancel();
      }
    }
    assertThat(seen).containsAll(IntStream.range(0, total).boxed().toList());
  }

  @Test
  void checkpointAcknowledgementAndRedeliveryAfterACrash() throws Exception {
    String in = unique("ckpt");
    MqttSource<MqttMessage> source = MqttSource.messages("in",
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in)
            .acknowledge(Acknowledge.ON_CHECKPOINT).receiveMaximum(400).build());
    MqttReader<MqttMessage> first = (MqttReader<MqttMessage>) source.createReader(0, 1);
    publish(in, 1, 0, 300);
    Collect a = new Collect();
    readUntil(first, a, 100);
    first.snapshotState(1);
    readUntil(first, a, 150);
    first.checkpointComplete(1);
    Thread.sleep(200); // let the 100 acknowledgements go out
    first.close(); // a crash: 100.. were received but never acknowledged

    SourceReader<MqttMessage> second = source.restoreReader(0, 1, List.of(new byte[0]));
    Collect b = new Collect();
    readUntil(second, b, 200);
    List<Integer> numbers = b.items.stream().map(m -> number(m.payload())).toList();
    assertThat(numbers).doesNotContainAnyElementsOf(IntStream.range(0, 100).boxed().toList());
    assertThat(numbers).containsAll(IntStream.range(100, 300).boxed().toList());
    second.close();
  }

  @Test
  void aSlowConsumerLeavesTheBacklogAtTheBroker() throws Exception {
    String in = unique("slow");
    MqttReader<MqttMessage> reader = (MqttReader<MqttMessage>) MqttSource.messages("in",
        MqttSourceConfig.builder(HOST, PORT, "sluice-test-" + UUID.randomUUID(), in)
            .acknowledge(Acknowledge.ON_CHECKPOINT).receiveMaximum(50).bufferCapacity(100)
            .build()).createReader(0, 1);
    publish(in, 1, 0, 500);
    Collect out = new Collect();
    long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    while (System.nanoTime() < deadline) {
      reader.read(out, 1000);
      assertThat(reader.buffered()).isLessThanOrEqualTo(100);
      Thread.sleep(5);
    }
    // unacknowledged: the broker stopped at the receive maximum and holds the rest
    assertThat(out.items.size() + reader.buffered()).isEqualTo(50);
    reader.snapshotState(1);
    reader.checkpointComplete(1);
    readUntil(reader, out, 100);
    reader.close();
  }

  @Test
  void badConfigurationFailsClearly() {
    assertThatThrownBy(() -> MqttSource.messages("in",
            MqttSourceConfig.builder("no-such-host.invalid", PORT, "c", "a/b").build()).createReader(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mqtt source 'in'")
        .hasMessageContaining("setting 'host'")
        .hasMessageContaining("cannot be resolved");
    assertThatThrownBy(() -> MqttSource.messages("in",
            MqttSourceConfig.builder(HOST, PORT, "c", "a/#/b").build()).createReader(0, 1))
        .hasMessageContaining("setting 'topicFilter'")
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> MqttSink.of("out",
            MqttSinkConfig.builder(HOST, PORT, "c", "a/+/b").build(), (String s) -> new byte[0])
            .createWriter(0, 1))
        .hasMessageContaining("mqtt sink 'out'")
        .hasMessageContaining("setting 'topic'");
    assertThatThrownBy(() -> MqttSourceConfig.builder(HOST, PORT, "c", "a").qos(3).build())
        .hasMessageContaining("qos");
  }
}
