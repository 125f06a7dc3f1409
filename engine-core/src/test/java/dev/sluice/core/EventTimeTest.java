package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimeTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Reading(String sensor, long time) {}

  @Test
  void harnessChecksTimersAndForwardedWatermarksAtEveryStep() {
    Supplier<TumblingCountOperator<String>> op = () -> new TumblingCountOperator<>(10);
    OperatorTestHarness.forKeyedOperator((Reading r) -> r.sensor(), op)
        .event(new Reading("a", 1), 1)
        .expectNothing()
        .event(new Reading("a", 5), 5)
        .expectNothing()
        .event(new Reading("b", 12), 12)
        .expectNothing()
        .watermark(8)
        .expect(List.of(Emitted.watermark(8)))
        .watermark(9)
        .expect(
            List.of(
                Emitted.event(new TumblingCountOperator.WindowCount<>("a", 0, 2), 9),
                Emitted.watermark(9)))
        .event(new Reading("a", 3), 3)
        .expectNothing()
        .end()
        .expect(
            List.of(
                Emitted.event(new TumblingCountOperator.WindowCount<>("b", 10, 1), 19),
                Emitted.watermark(Long.MAX_VALUE)))
        .verify();
  }

  @Test
  void harnessReportsTheStepThatDiffers() {
    Supplier<TumblingCountOperator<String>> op = () -> new TumblingCountOperator<>(10);
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator((Reading r) -> r.sensor(), op)
                    .event(new Reading("a", 1), 1)
                    .watermark(9)
                    .expect(List.of(Emitted.watermark(9)))
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("step 1 (watermark 9)");
  }

  @Test
  void harnessDetectsSharedStateBetweenInstances() {
    TumblingCountOperator<String> shared = new TumblingCountOperator<>(10);
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator((Reading r) -> r.sensor(), () -> shared)
                    .event(new Reading("a", 1), 1)
                    .end()
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("share mutable state");
  }

  private static List<Reading> readings(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Reading> out = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(5);
      // bounded disorder: at most 50 ms behind the highest timestamp
      out.add(new Reading("s" + r.nextInt(20), Math.max(0, t - r.nextInt(50))));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void tumblingCountIsTheSameAtEveryParallelism(int parallelism) throws Exception {
    List<Reading> input = readings(20_000, 7);
    Map<String, Long> expected = new TreeMap<>();
    for (Reading r : input) {
      expected.merge(r.sensor() + "@" + (r.time() / 100) * 100, 1L, Long::sum);
    }
    Pipeline p = Pipeline.create();
    CollectSink<TumblingCountOperator.WindowCount<String>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("readings", input))
        .withTimestamps(Reading::time, 60)
        .keyBy(Reading::sensor)
        .customOperator("tumbling-count", () -> new TumblingCountOperator<String>(100))
        .parallelism(parallelism)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    Map<String, Long> actual = new TreeMap<>();
    for (TumblingCountOperator.WindowCount<String> w : out.items()) {
      assertThat(actual.put(w.key() + "@" + w.windowStart(), w.count())).isNull();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void idleInputDoesNotHoldBackEventTime() throws Exception {
    PushSource<Reading> busy = Sources.push("busy", 1024, BackpressureStrategy.BLOCK);
    PushSource<Reading> silent = Sources.push("silent", 1024, BackpressureStrategy.BLOCK);
    Pipeline p = Pipeline.create();
    WatermarkPolicy policy = WatermarkPolicy.boundedOutOfOrderness(0).withIdleTimeout(20);
    Stage<Reading> a = p.source(busy).withTimestamps(Reading::time, policy);
    Stage<Reading> b = p.source(silent).withTimestamps(Reading::time, policy);
    CollectSink<TumblingCountOperator.WindowCount<String>> out = Sinks.collect("out");
    a.union(b)
        .keyBy(Reading::sensor)
        .customOperator("count", () -> new TumblingCountOperator<String>(100))
        .sink(out);
    Job job = engine.submit(p);
    busy.offer(new Reading("x", 10));
    silent.offer(new Reading("y", 20));
    busy.offer(new Reading("x", 50));
    busy.offer(new Reading("x", 250)); // watermark 249 on the busy input: closes [0,100)
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (out.items().size() < 2 && System.nanoTime() < deadline) {
      busy.offer(new Reading("x", 250));
      Thread.sleep(5);
    }
    // the silent input became idle, so the window [0,100) of both keys fired without it
    assertThat(out.items())
        .extracting(w -> w.key() + "@" + w.windowStart() + "=" + w.count())
        .contains("x@0=2", "y@0=1");
    busy.complete();
    silent.complete();
    assertThat(job.join(Duration.ofSeconds(20))).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void timersFireInTimeOrderAcrossKeys() {
    List<Emitted<TumblingCountOperator.WindowCount<String>>> all = new ArrayList<>();
    OperatorTestHarness.forKeyedOperator(
            (Reading r) -> r.sensor(), () -> new TumblingCountOperator<String>(10))
        .event(new Reading("b", 25), 25)
        .event(new Reading("a", 15), 15)
        .event(new Reading("c", 5), 5)
        .end()
        .verify()
        .forEach(all::addAll);
    List<Long> times =
        all.stream()
            .filter(e -> e instanceof Emitted.Event)
            .map(e -> ((Emitted.Event<?>) e).timestamp())
            .toList();
    assertThat(times).isSortedAccordingTo(Comparator.naturalOrder()).containsExactly(9L, 19L, 29L);
  }
}
