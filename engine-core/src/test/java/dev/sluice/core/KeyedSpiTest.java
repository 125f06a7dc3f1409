package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keyed-operator SPI as a job runs it: key groups, managed state and timers. */
class KeyedSpiTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() throws Exception {
    engine.close();
  }

  record Reading(String device, long time, long value) {}

  record WindowSum(String device, long start, long sum) {}

  /**
   * A per-device tumbling-window sum: the window start is the namespace of both the state and the
   * timer, so one key holds several open windows at once.
   */
  static final class WindowSumOperator implements KeyedOperator<String, Reading, WindowSum> {
    private final long size;
    private NamespacedState<String, Long, Long> sums;
    private KeyedOperatorContext<String> context;

    WindowSumOperator(long size) {
      this.size = size;
    }

    @Override
    public void open(KeyedOperatorContext<String> context) {
      this.context = context;
      sums =
          context.namespacedState(
              new NamespacedStateDescriptor<>(
                  "sums", StateCodecs.longs(), StateCodecs.longs(), null));
    }

    @Override
    public void onEvent(String key, Reading r, long timestamp, Output<WindowSum> output) {
      long start = Math.floorDiv(timestamp, size) * size;
      Long old = sums.get(key, start);
      sums.put(key, start, (old == null ? 0 : old) + r.value());
      context.timers().registerEventTimeTimer(key, start, start + size - 1);
    }

    @Override
    public void onTimer(
        String key, Object namespace, long time, TimeDomain domain, Output<WindowSum> output) {
      long start = (Long) namespace;
      Long sum = sums.get(key, start);
      sums.remove(key, start);
      output.emit(new WindowSum(key, start, sum));
    }
  }

  static List<Reading> readings(long seed, int n, int devices) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Reading> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = i * 3L + random.nextInt(20); // out of order within 20 ms
      out.add(new Reading("d" + random.nextInt(devices), t, random.nextInt(100)));
    }
    return out;
  }

  static Map<String, Long> referenceSums(List<Reading> rs, long size) {
    Map<String, Long> m = new TreeMap<>();
    for (Reading r : rs) {
      m.merge(r.device() + "@" + Math.floorDiv(r.time(), size) * size, r.value(), Long::sum);
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void namespacedStateAndTimersGiveTheSameWindowsAtEveryParallelism(int parallelism) throws Exception {
    long seed = 7_000 + parallelism;
    List<Reading> input = readings(seed, 20_000, 37);
    CollectSink<WindowSum> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("readings", input))
        .withTimestamps(Reading::time, 20)
        .keyBy(Reading::device)
        .customOperator("window-sum", () -> new WindowSumOperator(100))
        .parallelism(parallelism)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(60));
    Map<String, Long> actual = new TreeMap<>();
    for (WindowSum w : out.items()) {
      assertThat(actual.put(w.device() + "@" + w.start(), w.sum()))
          .as("window %s@%d fired twice (seed %d)", w.device(), w.start(), seed)
          .isNull();
    }
    assertThat(actual).as("seed %d", seed).isEqualTo(referenceSums(input, 100));
  }

  /** Deletes another key's timer for the same time from inside onTimer. */
  static final class DeletingOperator implements KeyedOperator<String, String, String> {
    private KeyedOperatorContext<String> context;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      this.context = context;
    }

    @Override
    public void onEvent(String key, String event, long timestamp, Output<String> output) {
      context.timers().registerEventTimeTimer(key, 10);
    }

    @Override
    public void onTimer(String key, long time, Output<String> output) {
      output.emit("fired " + key);
      context.timers().deleteEventTimeTimer(key.equals("a") ? "b" : "a", 10);
    }
  }

  @Test
  void aTimerDeletedByAnotherTimerOfTheSameTimeDoesNotFire() throws Exception {
    CollectSink<String> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("keys", List.of("a", "b")))
        .withTimestamps(s -> 1, 0)
        .keyBy(s -> s)
        .customOperator("deleting", DeletingOperator::new)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    assertThat(out.items()).containsExactly("fired a");
  }

  /** Registers one timer per key, all at the same time, so one watermark makes them all due. */
  static final class OneTimerPerKey implements KeyedOperator<Long, Long, Long> {
    private KeyedOperatorContext<Long> context;

    @Override
    public void open(KeyedOperatorContext<Long> context) {
      this.context = context;
    }

    @Override
    public void onEvent(Long key, Long event, long timestamp, Output<Long> output) {
      context.timers().registerEventTimeTimer(key, 1_000);
    }

    @Override
    public void onTimer(Long key, long time, Output<Long> output) {
      output.emit(key);
    }
  }

  /** Counts events, and records how many it had seen when the first watermark of 1000+ came. */
  static final class WatermarkWitness implements Operator<Long, Long> {
    static final AtomicLong seenAtWatermark = new AtomicLong(-1);
    private long seen;

    @Override
    public void onEvent(Long event, long timestamp, Output<Long> output) {
      seen++;
      output.emit(event);
    }

    @Override
    public void onWatermark(long watermark, Output<Long> output) {
      if (watermark >= 1_000) {
        seenAtWatermark.compareAndSet(-1, seen);
      }
    }
  }

  @Test
  void aMillionDueTimersFireThroughASmallQueueAndTheWatermarkFollowsTheLast() throws Exception {
    int n = 1_000_000;
    CountingSink<Long> out = Sinks.counting("out");
    WatermarkWitness.seenAtWatermark.set(-1);
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("keys", () -> IntStream.range(0, n).mapToObj(i -> (long) i).iterator()))
        .withTimestamps(k -> 1, 0)
        .keyBy(k -> k)
        .customOperator("one-timer-per-key", OneTimerPerKey::new)
        .customOperator("witness", WatermarkWitness::new)
        .queueCapacity(16)
        .sink(out);
    engine.submit(p).join(Duration.ofMinutes(5));
    assertThat(out.count()).isEqualTo(n);
    assertThat(WatermarkWitness.seenAtWatermark.get()).isEqualTo(n);
  }

  /** Emits once per key from a processing-time timer registered on the key's first event. */
  static final class ProcessingTimeOperator implements KeyedOperator<String, String, String> {
    private KeyedOperatorContext<String> context;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      this.context = context;
    }

    @Override
    public void onEvent(String key, String event, long timestamp, Output<String> output) {
      context.timers().registerProcessingTimeTimer(key, context.timers().currentProcessingTime() + 20);
    }

    @Override
    public void onTimer(
        String key, Object namespace, long time, TimeDomain domain, Output<String> output) {
      output.emit(domain + " " + key);
    }
  }

  @Test
  void processingTimeTimersFireWhileTheJobRuns() throws Exception {
    PushSource<String> source = Sources.push("in", 16, BackpressureStrategy.BLOCK);
    CollectSink<String> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(source)
        .keyBy(s -> s)
        .customOperator("processing-time", ProcessingTimeOperator::new)
        .sink(out);
    Job job = engine.submit(p);
    source.offer("x");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (out.items().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(out.items()).containsExactly("PROCESSING_TIME x");
    source.complete();
    job.join(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void aKeyFunctionThatThrowsFollowsTheKeyedStagesErrorPolicyAtEveryParallelism(int parallelism) throws Exception {
    CollectSink<KeyedValue<String, Long>> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("words", List.of("a", "boom", "b", "a", "boom")))
        .keyBy(
            (String w) -> {
              if (w.equals("boom")) {
                throw new IllegalArgumentException("no key for " + w);
              }
              return w;
            })
        .rollingAggregate(AggregateOperations.counting())
        .named("count")
        .parallelism(parallelism)
        .onError(ErrorPolicy.SKIP)
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(30));
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.items())
        .containsExactlyInAnyOrder(
            new KeyedValue<>("a", 1L), new KeyedValue<>("b", 1L), new KeyedValue<>("a", 2L));
    StageCounts counts = job.counts("count");
    assertThat(counts.errors()).isEqualTo(2);
    assertThat(counts.in()).isEqualTo(5);
    assertThat(counts.balanced()).isTrue();
  }

  @Test
  void aKeyFunctionThatThrowsUnderFailNamesTheKeyedStageAndTheEvent() throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("words", List.of("a", "boom")))
        .keyBy(
            (String w) -> {
              if (w.equals("boom")) {
                throw new IllegalArgumentException("no key");
              }
              return w;
            })
        .rollingAggregate(AggregateOperations.counting())
        .named("count")
        .parallelism(2)
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.submit(p).join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("count")
        .hasMessageContaining("boom");
  }

  @Test
  void aParallelismAboveTheMaxParallelismIsRejected() throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("words", List.of("a")))
        .keyBy(w -> w)
        .maxParallelism(2)
        .rollingAggregate(AggregateOperations.counting())
        .parallelism(3)
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.submit(p).join(Duration.ofSeconds(30)))
        .hasStackTraceContaining("parallelism must be in 1..maxParallelism (2), was 3");
  }

  /** Each instance sees only keys of its key-group range. */
  static final class RangeRecorder implements KeyedOperator<Integer, Integer, String> {
    private OperatorContext context;
    private int max;

    @Override
    public void open(KeyedOperatorContext<Integer> context) {
      this.context = context;
      this.max = context.maxParallelism();
    }

    @Override
    public void onEvent(Integer key, Integer event, long timestamp, Output<String> output) {
      int group = KeyGroups.groupOf(key, max);
      output.emit(
          context.instanceIndex()
              + " "
              + KeyGroups.rangeFor(context.instanceIndex(), context.parallelism(), max)
                  .contains(group));
    }
  }

  @Test
  void keysReachTheInstanceOwningTheirKeyGroup() throws Exception {
    CollectSink<String> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("ints", IntStream.range(0, 5_000).boxed().toList()))
        .map(i -> i)
        .parallelism(2)
        .keyBy(i -> i % 500)
        .maxParallelism(64)
        .customOperator("ranges", RangeRecorder::new)
        .parallelism(3)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    assertThat(out.items()).hasSize(5_000).allMatch(s -> s.endsWith("true"));
    Map<String, Long> perInstance = new HashMap<>();
    out.items().forEach(s -> perInstance.merge(s.substring(0, 1), 1L, Long::sum));
    assertThat(perInstance).containsOnlyKeys("0", "1", "2");
  }

  @Test
  void randomKeyedRollingSumsMatchAReferenceAtParallelismOneToFour() throws Exception {
    long base = Long.getLong("sluice.seed", 20261201L);
    for (int trial = 0; trial < 12; trial++) {
      long seed = base + trial;
      SplittableRandom random = new SplittableRandom(seed);
      int parallelism = 1 + random.nextInt(4);
      int keys = 1 + random.nextInt(200);
      int n = random.nextInt(5_000);
      List<long[]> input = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        input.add(new long[] {random.nextInt(keys), random.nextInt(1000) - 500});
      }
      Map<Long, Long> expected = new HashMap<>();
      List<KeyedValue<Long, Long>> expectedOut = new ArrayList<>();
      for (long[] e : input) {
        long sum = expected.merge(e[0], e[1], Long::sum);
        expectedOut.add(new KeyedValue<>(e[0], sum));
      }
      CollectSink<KeyedValue<Long, Long>> out = Sinks.collect("out");
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("pairs", input))
          .keyBy(e -> e[0])
          .maxParallelism(1 + random.nextInt(64) + parallelism)
          .rollingAggregate(AggregateOperations.summingLong((long[] e) -> e[1]))
          .parallelism(parallelism)
          .sink(out);
      engine.submit(p).join(Duration.ofSeconds(60));
      // one source instance: per key, results arrive in input order
      Map<Long, List<Long>> perKeyExpected = new HashMap<>();
      for (KeyedValue<Long, Long> kv : expectedOut) {
        perKeyExpected.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
      }
      Map<Long, List<Long>> perKeyActual = new HashMap<>();
      for (KeyedValue<Long, Long> kv : out.items()) {
        perKeyActual.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
      }
      assertThat(perKeyActual)
          .as("trial %d, reproduce with -Dsluice.seed=%d (parallelism %d)", trial, seed, parallelism)
          .isEqualTo(perKeyExpected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void keyByLongGivesWhatKeyByGives(int parallelism) throws Exception {
    long seed = 99L + parallelism;
    SplittableRandom random = new SplittableRandom(seed);
    List<long[]> input = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      input.add(new long[] {random.nextInt(300) - 150, random.nextInt(10)});
    }
    CollectSink<KeyedValue<Long, Long>> byLong = Sinks.collect("by-long");
    CollectSink<KeyedValue<Long, Long>> byObject = Sinks.collect("by-object");
    Pipeline p = Pipeline.create();
    Stage<long[]> source = p.source(Sources.fromIterable("pairs", input));
    source
        .keyByLong(e -> e[0])
        .rollingAggregate(AggregateOperations.summingLong((long[] e) -> e[1]))
        .named("sum-long")
        .parallelism(parallelism)
        .sink(byLong);
    source
        .keyBy(e -> e[0])
        .rollingAggregate(AggregateOperations.summingLong((long[] e) -> e[1]))
        .named("sum-object")
        .parallelism(parallelism)
        .sink(byObject);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(60));
    assertThat(byLong.items())
        .as("seed %d", seed)
        .hasSize(input.size())
        .containsExactlyInAnyOrderElementsOf(byObject.items());
    assertThat(job.counts("sum-long").balanced()).isTrue();
  }
}
