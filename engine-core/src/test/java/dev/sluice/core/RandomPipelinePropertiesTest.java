package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;

/**
 * Random pipelines — random shapes of stateless stages and repartitioning edges, parallelism
 * 1–4, queue capacities 1–1024, every backpressure strategy — checked against a sequential
 * reference: under BLOCK nothing is lost or duplicated; under dropping strategies every stage
 * balances and nothing appears that the reference would not produce; keyed results do not
 * depend on parallelism.
 */
class RandomPipelinePropertiesTest {
  private static Engine engine;

  @BeforeContainer
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterContainer
  static void stop() {
    engine.close();
    assertThat(engine.liveThreads()).isEmpty();
  }

  /** One step of a random pipeline. */
  sealed interface Op {}

  record MapAdd(int k) implements Op {}

  record FilterNotMultiple(int m) implements Op {}

  record Duplicate() implements Op {}

  record Edge(String kind, int parallelism, int capacity, BackpressureStrategy strategy)
      implements Op {}

  @Provide
  Arbitrary<List<Op>> shapes() {
    Arbitrary<BackpressureStrategy> strategies =
        Arbitraries.of(
            BackpressureStrategy.BLOCK,
            BackpressureStrategy.DROP_NEWEST,
            BackpressureStrategy.DROP_OLDEST,
            BackpressureStrategy.sample(0.5));
    Arbitrary<Op> edge =
        Combinators.combine(
                Arbitraries.of("rebalance", "keyed", "forward"),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 1024),
                strategies)
            .as(Edge::new);
    Arbitrary<Op> op =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 5).map(MapAdd::new),
            Arbitraries.integers().between(2, 5).map(FilterNotMultiple::new),
            Arbitraries.just(new Duplicate()),
            edge);
    return op.list().ofMinSize(1).ofMaxSize(6);
  }

  private static List<Integer> reference(List<Integer> input, List<Op> ops) {
    List<Integer> xs = input;
    for (Op op : ops) {
      List<Integer> next = new ArrayList<>();
      for (int x : xs) {
        if (op instanceof MapAdd m) {
          next.add(x + m.k());
        } else if (op instanceof FilterNotMultiple f) {
          if (x % f.m() != 0) {
            next.add(x);
          }
        } else if (op instanceof Duplicate) {
          next.add(x);
          next.add(x);
        } else {
          next.add(x);
        }
      }
      xs = next;
    }
    return xs;
  }

  private static Map<Integer, Integer> multiset(List<Integer> xs) {
    Map<Integer, Integer> m = new HashMap<>();
    xs.forEach(x -> m.merge(x, 1, Integer::sum));
    return m;
  }

  private static Stage<Integer> build(Stage<Integer> s, List<Op> ops, boolean forceBlock) {
    for (Op op : ops) {
      if (op instanceof MapAdd m) {
        s = s.map(x -> x + m.k());
      } else if (op instanceof FilterNotMultiple f) {
        s = s.filter(x -> x % f.m() != 0);
      } else if (op instanceof Duplicate) {
        s = s.mapMulti((Integer x, java.util.function.Consumer<Integer> out) -> {
          out.accept(x);
          out.accept(x);
        });
      } else if (op instanceof Edge e) {
        Stage<Integer> next =
            switch (e.kind()) {
              case "rebalance" -> s.rebalance();
              case "keyed" -> s.keyBy(x -> Math.floorMod(x, 13)).partition();
              default -> s.map(x -> x);
            };
        next.parallelism(e.parallelism()).queueCapacity(e.capacity());
        next.backpressure(forceBlock ? BackpressureStrategy.BLOCK : e.strategy());
        s = next;
      }
    }
    return s;
  }

  @Property(tries = 60)
  void underBlockNothingIsLostOrDuplicated(
      @ForAll("shapes") List<Op> ops, @ForAll @IntRange(min = 0, max = 3000) int n)
      throws Exception {
    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      input.add(i);
    }
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    build(p.source(Sources.fromIterable("src", input)), ops, true).sink(out);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(multiset(out.items())).isEqualTo(multiset(reference(input, ops)));
    for (StageCounts c : job.counts()) {
      assertThat(c.dropped()).as(c.toString()).isZero();
      assertThat(c.balanced()).as(c.toString()).isTrue();
    }
  }

  @Property(tries = 60)
  void underDroppingStrategiesEveryStageBalances(
      @ForAll("shapes") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 64) int sinkCapacity)
      throws Exception {
    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      input.add(i);
    }
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    // a slow sink behind a dropping edge makes drops happen
    build(p.source(Sources.fromIterable("src", input)), ops, false)
        .map(x -> {
          Thread.onSpinWait();
          return x;
        })
        .sink(out)
        .backpressure(BackpressureStrategy.DROP_NEWEST)
        .queueCapacity(sinkCapacity);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    Map<Integer, Integer> allowed = multiset(reference(input, ops));
    multiset(out.items())
        .forEach((x, count) -> assertThat(count).as("copies of %s", x).isLessThanOrEqualTo(
            allowed.getOrDefault(x, 0)));
    long droppedTotal = 0;
    for (StageCounts c : job.counts()) {
      assertThat(c.balanced()).as(c.toString()).isTrue();
      droppedTotal += c.dropped();
    }
    assertThat((long) out.items().size())
        .isLessThanOrEqualTo(allowed.values().stream().mapToLong(Integer::longValue).sum());
    Statistics.label("drops happened").collect(droppedTotal > 0);
    assertThat(job.counts("out").out()).isEqualTo(out.items().size());
  }

  @Property(tries = 30)
  void keyedResultsAreTheSameAtEveryParallelism(
      @ForAll @IntRange(min = 1, max = 4) int parallelism,
      @ForAll @IntRange(min = 1, max = 1024) int capacity,
      @ForAll @IntRange(min = 0, max = 5000) int n)
      throws Exception {
    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      input.add(i * 7919 % 1000);
    }
    Pipeline p = Pipeline.create();
    CollectSink<KeyedValue<Integer, Long>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("src", input))
        .keyBy(x -> x % 17)
        .rollingAggregate(AggregateOperations.summingLong(x -> x))
        .parallelism(parallelism)
        .queueCapacity(capacity)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(30));
    Map<Integer, Long> expectedFinal = new HashMap<>();
    input.forEach(x -> expectedFinal.merge(x % 17, (long) x, Long::sum));
    Map<Integer, Long> actualFinal = new HashMap<>();
    Map<Integer, List<Long>> perKey = new HashMap<>();
    for (KeyedValue<Integer, Long> kv : out.items()) {
      perKey.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
      actualFinal.put(kv.key(), kv.value());
    }
    assertThat(actualFinal).isEqualTo(expectedFinal);
    // per key, the rolling sums follow the input order exactly, at any parallelism
    Map<Integer, List<Long>> expectedPerKey = new HashMap<>();
    Map<Integer, Long> running = new HashMap<>();
    for (int x : input) {
      long v = running.merge(x % 17, (long) x, Long::sum);
      expectedPerKey.computeIfAbsent(x % 17, k -> new ArrayList<>()).add(v);
    }
    assertThat(perKey).isEqualTo(expectedPerKey);
  }
}
