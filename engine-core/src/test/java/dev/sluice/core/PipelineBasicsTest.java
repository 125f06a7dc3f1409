package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineBasicsTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
    assertThat(engine.liveThreads()).isEmpty();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void fusedStatelessChainProducesExpectedOutputAndCounts() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    p.source(Sources.fromIterable("numbers", range(1000)))
        .map(x -> x * 3)
        .named("triple")
        .filter(x -> x % 2 == 0)
        .named("even")
        .flatMap(x -> x % 4 == 0 ? List.of("a" + x, "b" + x) : List.of())
        .named("split")
        .sink(out);
    Plan plan = engine.plan(p);
    assertThat(plan.chains()).hasSize(1);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(20))).isEqualTo(JobStatus.COMPLETED);

    List<String> expected = new ArrayList<>();
    for (int x = 0; x < 1000; x++) {
      int y = x * 3;
      if (y % 2 == 0 && y % 4 == 0) {
        expected.add("a" + y);
        expected.add("b" + y);
      }
    }
    assertThat(out.items()).containsExactlyElementsOf(expected);
    assertThat(job.counts("even")).isEqualTo(new StageCounts("even", 1000, 500, 500, 0, 0, 0, 0));
    StageCounts split = job.counts("split");
    assertThat(split.in()).isEqualTo(500);
    assertThat(split.out()).isEqualTo(expected.size());
    assertThat(split.filtered()).isEqualTo(250);
    assertThat(split.expanded()).isEqualTo(250);
    job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
  }

  @Test
  void keyedRollingAggregateAcrossParallelInstances() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<KeyedValue<Integer, Long>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("numbers", range(10_000)))
        .keyBy(x -> x % 7)
        .rollingAggregate(AggregateOperations.counting())
        .parallelism(3)
        .sink(out);
    engine.submit(p).join(Duration.ofSeconds(20));
    Map<Integer, Long> last = new HashMap<>();
    Map<Integer, Long> seen = new HashMap<>();
    for (KeyedValue<Integer, Long> kv : out.items()) {
      long prev = last.getOrDefault(kv.key(), 0L);
      assertThat(kv.value()).as("rolling count of key %s", kv.key()).isEqualTo(prev + 1);
      last.put(kv.key(), kv.value());
      seen.merge(kv.key(), 1L, Long::sum);
    }
    Map<Integer, Long> expected =
        range(10_000).stream().collect(Collectors.groupingBy(x -> x % 7, Collectors.counting()));
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void unionFanOutAndRebalance() throws Exception {
    Pipeline p = Pipeline.create();
    Stage<Integer> a = p.source(Sources.fromIterable("a", range(500)));
    Stage<Integer> b = p.source(Sources.fromIterable("b", range(300)));
    Stage<Integer> merged = a.union(b).rebalance().parallelism(2).map(x -> x + 1);
    CollectSink<Integer> left = Sinks.collect("left");
    CollectSink<Integer> right = Sinks.collect("right");
    merged.filter(x -> x % 2 == 0).sink(left);
    merged.map(x -> -x).sink(right);
    engine.submit(p).join(Duration.ofSeconds(20));
    List<Integer> all = new ArrayList<>();
    range(500).forEach(x -> all.add(x + 1));
    range(300).forEach(x -> all.add(x + 1));
    assertThat(left.items())
        .containsExactlyInAnyOrderElementsOf(all.stream().filter(x -> x % 2 == 0).toList());
    assertThat(right.items()).containsExactlyInAnyOrderElementsOf(all.stream().map(x -> -x).toList());
  }

  @Test
  void failingFunctionFailsJobNamingStageAndEvent() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", range(100)))
        .map(x -> 10 / (x - 42))
        .named("divide")
        .sink(Sinks.discard("sink"));
    Job job = engine.submit(p);
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(20)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("stage 'divide'")
        .hasMessageContaining("event '42'")
        .hasCauseInstanceOf(ArithmeticException.class);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void validationNamesTheStage() {
    Pipeline p = Pipeline.create();
    Stage<Integer> s = p.source(Sources.fromIterable("numbers", range(3)));
    s.map(x -> x).named("dangling");
    s.sink(Sinks.discard("sink"));
    assertThatThrownBy(() -> engine.submit(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("stage 'dangling' (map) is not connected to a sink");
  }

  @Test
  void settingsAfterAttachingDownstreamAreRejected() {
    Pipeline p = Pipeline.create();
    Stage<Integer> s = p.source(Sources.fromIterable("numbers", range(3)));
    Stage<Integer> m = s.map(x -> x);
    m.sink(Sinks.discard("sink"));
    assertThatThrownBy(() -> m.parallelism(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a downstream stage ('sink')");
  }

  @Test
  void planPrintsChainsAndEdges() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", range(3)))
        .map(x -> x)
        .named("m")
        .keyBy(x -> x)
        .rollingReduce(Integer::sum)
        .named("sum")
        .parallelism(2)
        .sink(Sinks.discard("sink"));
    Plan plan = engine.plan(p);
    assertThat(plan.toText())
        .contains("chain 0 x1: source 'numbers' -> map 'm'")
        .contains("=> chain 1 HASH capacity=1024 BLOCK")
        .contains("chain 1 x2: keyed-operator 'sum' -> sink 'sink'");
    assertThat(plan.toDot()).startsWith("digraph plan {").contains("\"m\" -> \"sum\"");
  }
}
