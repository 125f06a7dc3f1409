package dev.sluice.bench.connectors;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.sluice.connectors.mqtt.MqttSource;
import dev.sluice.connectors.mqtt.MqttSourceConfig;
import dev.sluice.connectors.nats.JetStreamSource;
import dev.sluice.connectors.nats.NatsSourceConfig;
import dev.sluice.connectors.redis.RedisSourceConfig;
import dev.sluice.connectors.redis.RedisStreamSource;
import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Source;
import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of each connector's source through the engine (source → counting sink) beside the
 * client library's own bare consumer doing the same work (fetch, acknowledge each message), in
 * the same run, against the real servers on 127.0.0.1.
 *
 * <p>A timed harness, not JMH: each figure is one whole consumption of a pre-filled backlog
 * (Redis, JetStream) or of a concurrent publisher's messages (MQTT, whose broker does not keep a
 * large backlog for a client), repeated {@code rounds} times; the best round is reported.
 *
 * <p>Usage: {@code java -cp engine-bench/target/benchmarks.jar
 * dev.sluice.bench.connectors.ConnectorThroughput [redis|nats|mqtt|all] [messages] [rounds]}.
 */
public final class ConnectorThroughput {

  private static final byte[] PAYLOAD =
      "{\"device\":\"d-0001\",\"temperature\":21.5,\"humidity\":40}"
          .getBytes(StandardCharsets.UTF_8);

  private ConnectorThroughput() {}

  /** Runs the harness; prints one line per measurement. */
  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "all";
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (which.equals("redis") || which.equals("all")) {
      redis(messages, rounds);
    }
    if (which.equals("nats") || which.equals("all")) {
      nats(messages, rounds);
    }
    if (which.equals("mqtt") || which.equals("all")) {
      mqtt(messages, rounds);
    }
  }

  private static void report(String what, int messages, long nanos) {
    System.out.printf(
        "%-32s %,12.0f msg/s  (%,d messages in %,d ms)%n",
        what, messages * 1e9 / nanos, messages, TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private static long engine(Source<?> source, int messages) throws Exception {
    CountingSink<Object> count = Sinks.counting("count");
    Pipeline p = Pipeline.create();
    p.source(source).sink(count);
    try (Engine engine = Engine.create()) {
      Job job = engine.submit(p, "throughput");
      // timed from the first event, so that connecting and creating the group are not counted
      // (the bare consumers are connected before they are timed, too)
      long first;
      while ((first = count.count()) == 0) {
        Thread.sleep(0, 100_000);
      }
      long start = System.nanoTime();
      while (count.count() < messages) {
        if (job.failure().isPresent()) {
          throw new IllegalStateException("job failed", job.failure().get());
        }
        Thread.sleep(1);
      }
      long nanos = System.nanoTime() - start;
      job.cancel();
      return nanos * messages / (messages - first); // as if all had been read at that rate
    }
  }

  // ---------------------------------------------------------------- Redis Streams

  private static void redis(int messages, int rounds) throws Exception {
    String uri = "redis://127.0.0.1:6379";
    String stream = "sluice-bench-" + UUID.randomUUID();
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> sync = c.sync();
      List<RedisFuture<String>> sent = new ArrayList<>();
      String payload = new String(PAYLOAD, StandardCharsets.UTF_8);
      for (int i = 0; i < messages; i++) {
        sent.add(c.async().xadd(stream, Map.of("payload", payload)));
        if (sent.size() == 10_000) {
          LettuceFutures.awaitAll(Duration.ofMinutes(1), sent.toArray(new RedisFuture<?>[0]));
          sent.clear();
        }
      }
      LettuceFutures.awaitAll(Duration.ofMinutes(1), sent.toArray(new RedisFuture<?>[0]));
      long bestBare = Long.MAX_VALUE;
      long bestEngine = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        String bareGroup = "bare-" + r;
        sync.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), bareGroup, new XGroupCreateArgs());
        bestBare = Math.min(bestBare, bareRedis(c, stream, bareGroup, messages));
        RedisSourceConfig config = RedisSourceConfig.builder(uri, stream, "engine-" + r).startId("0").build();
        bestEngine = Math.min(bestEngine, engine(RedisStreamSource.entries("redis", config), messages));
      }
      report("redis bare Lettuce XREADGROUP", messages, bestBare);
      report("redis engine RedisStreamSource", messages, bestEngine);
      System.out.printf("redis engine/bare %.2f%n", (double) bestBare / bestEngine);
      sync.del(stream);
    } finally {
      client.shutdown();
    }
  }

  /** The same work as the source without the engine: XREADGROUP 256, XACK each batch. */
  @SuppressWarnings("unchecked")
  private static long bareRedis(
      StatefulRedisConnection<String, String> c, String stream, String group, int messages)
      throws Exception {
    RedisCommands<String, String> sync = c.sync();
    Consumer<String> consumer = Consumer.from(group, "bare");
    long start = System.nanoTime();
    long read = 0;
    long checksum = 0;
    while (read < messages) {
      List<StreamMessage<String, String>> got =
          sync.xreadgroup(consumer, XReadArgs.Builder.count(256), XReadArgs.StreamOffset.lastConsumed(stream));
      String[] ids = new String[got.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = got.get(i).getId();
        checksum += got.get(i).getBody().size();
      }
      if (ids.length > 0) {
        c.async().xack(stream, group, ids);
      }
      read += ids.length;
    }
    long nanos = System.nanoTime() - start;
    if (checksum < 0) {
      throw new AssertionError();
    }
    return nanos;
  }

  // ---------------------------------------------------------------- NATS JetStream

  private static void nats(int messages, int rounds) throws Exception {
    String url = "nats://127.0.0.1:4222";
    String stream = "sluice_bench_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection nc = Nats.connect(url)) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
          .storageType(StorageType.File).build());
      JetStream js = nc.jetStream();
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        sent.add(js.publishAsync(stream + ".in", PAYLOAD));
        if (sent.size() == 5_000) {
          CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(1, TimeUnit.MINUTES);
          sent.clear();
        }
      }
      CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).get(1, TimeUnit.MINUTES);
      long bestBare = Long.MAX_VALUE;
      long bestEngine = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        bestBare = Math.min(bestBare, bareNats(nc, jsm, stream, "bare" + r, messages));
        NatsSourceConfig config = NatsSourceConfig.builder(url, stream, stream + ".>", "engine" + r).build();
        bestEngine = Math.min(bestEngine, engine(JetStreamSource.messages("nats", config), messages));
      }
      report("nats bare jnats consume+ack", messages, bestBare);
      report("nats engine JetStreamSource", messages, bestEngine);
      System.out.printf("nats engine/bare %.2f%n", (double) bestBare / bestEngine);
      jsm.deleteStream(stream);
    }
  }

  /** The same work without the engine: jnats' simplified consume, ack per message. */
  private static long bareNats(
      Connection nc, JetStreamManagement jsm, String stream, String durable, int messages)
      throws Exception {
    jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(durable)
        .ackPolicy(AckPolicy.Explicit).maxAckPending(1024).filterSubject(stream + ".>").build());
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong count = new AtomicLong();
    long start = System.nanoTime();
    MessageConsumer mc =
        nc.getStreamContext(stream).getConsumerContext(durable).consume(
            ConsumeOptions.builder().batchSize(256).build(),
            m -> {
              m.ack();
              if (count.incrementAndGet() == messages) {
                done.countDown();
              }
            });
    done.await(5, TimeUnit.MINUTES);
    long nanos = System.nanoTime() - start;
    mc.stop();
    return nanos;
  }

  // ---------------------------------------------------------------- MQTT

  /**
   * MQTT: a publisher sends {@code messages} at QoS 1 as fast as the broker acknowledges; the
   * consumer's rate is what it received divided by the time from the first publish to the last
   * message received. Mosquitto queues at most 1,000 messages per client by default and drops
   * the rest, so a consumer slower than the publisher receives fewer than were sent: both
   * figures are printed.
   */
  private static void mqtt(int messages, int rounds) throws Exception {
    double bestBare = 0;
    double bestEngine = 0;
    for (int r = 0; r < rounds; r++) {
      String topic = "sluice-bench/" + UUID.randomUUID();
      bestBare = Math.max(bestBare, bareMqtt(topic, messages));
      String engineTopic = "sluice-bench/" + UUID.randomUUID();
      MqttSourceConfig config =
          MqttSourceConfig.builder("127.0.0.1", 1883, "sluice-bench-" + UUID.randomUUID(), engineTopic)
              .sessionExpiry(Duration.ZERO).build();
      CountingSink<Object> count = Sinks.counting("count");
      Pipeline p = Pipeline.create();
      p.source(MqttSource.messages("mqtt", config)).sink(count);
      try (Engine engine = Engine.create()) {
        Job job = engine.submit(p, "throughput");
        Thread.sleep(1000); // subscribed
        long start = System.nanoTime();
        publishAll(engineTopic, messages);
        double rate = drained(count::count, start, messages, "mqtt engine MqttSource");
        bestEngine = Math.max(bestEngine, rate);
        job.cancel();
      }
    }
    System.out.printf("mqtt best: bare %,.0f msg/s, engine %,.0f msg/s, engine/bare %.2f%n",
        bestBare, bestEngine, bestEngine / bestBare);
  }

  /** Waits until {@code count} reaches {@code messages} or stops growing for 2 s; the rate. */
  private static double drained(
      java.util.function.LongSupplier count, long start, int messages, String what)
      throws InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long c = count.getAsLong();
      long now = System.nanoTime();
      if (c != last) {
        last = c;
        lastChange = now;
      }
      if (c >= messages || now - lastChange > 2_000_000_000L) {
        break;
      }
      Thread.sleep(1);
    }
    long nanos = lastChange - start;
    double rate = last * 1e9 / nanos;
    System.out.printf("%-32s %,12.0f msg/s  (%,d of %,d received in %,d ms)%n",
        what, rate, last, messages, TimeUnit.NANOSECONDS.toMillis(nanos));
    return rate;
  }

  /** The same work without the engine: a manual-ack subscriber acknowledging each message. */
  private static double bareMqtt(String topic, int messages) throws Exception {
    Mqtt5AsyncClient sub = MqttClient.builder().useMqttVersion5()
        .identifier("sluice-bench-bare-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(1883)
        .addDisconnectedListener(c -> System.err.println("bare subscriber disconnected: " + c.getCause()))
        .buildAsync();
    AtomicLong count = new AtomicLong();
    sub.publishes(MqttGlobalPublishFilter.SUBSCRIBED, m -> {
      m.acknowledge();
      count.incrementAndGet();
    }, true);
    sub.connectWith().restrictions().receiveMaximum(256).applyRestrictions().send().get();
    sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send().get();
    long start = System.nanoTime();
    publishAll(topic, messages);
    double rate = drained(count::get, start, messages, "mqtt bare HiveMQ subscriber");
    sub.disconnect().exceptionally(e -> null).get();
    return rate;
  }

  /** Publishes QoS 1 with up to 1,000 in flight. */
  private static void publishAll(String topic, int messages) throws Exception {
    Mqtt5AsyncClient pub = MqttClient.builder().useMqttVersion5()
        .identifier("sluice-bench-pub-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(1883)
        .addDisconnectedListener(c -> System.err.println("publisher disconnected: " + c.getCause()))
        .buildAsync();
    pub.connect().get();
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(1000);
    for (int i = 0; i < messages; i++) {
      window.acquire();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(PAYLOAD).send()
          .whenComplete((ok, e) -> window.release());
    }
    window.acquire(1000);
    pub.disconnect().get();
  }
}
