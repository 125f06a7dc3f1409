package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fault.DeadLetter;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random side-output pipelines, checked against a sequential reference: an operator at
 * parallelism 1–4 emits a random number of copies of each event to its main output, to a
 * connected side output and to an unconnected one, and fails on random events under a random
 * error policy; queues are 1–256 events and the side consumer runs at parallelism 1–4, behind a
 * forward, rebalancing or keyed edge; dead letters go to the pipeline-wide output or, in half
 * the DEAD_LETTER trials, to the stage's own dead-letter port. Under BLOCK, every sink gets exactly the reference's
 * events, the producer's counters say how many went where, and every stage balances. Seeded: a
 * failure names the seed; rerun one with {@code -Dsluice.seed=...}.
 */
class SideOutputPropertiesTest {
  static final OutputTag<Integer> SIDE = OutputTag.of("side", Integer.class);
  static final OutputTag<Integer> LOST = OutputTag.of("lost", Integer.class);
  static final int END_MARK = -1;

  private static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withBatchSize(64));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** What the operator does with each event: derived from the event and the trial's salt. */
  record Shape(long salt) {
    private int mix(int x, int k) {
      long h = (x * 0x9E3779B97F4A7C15L) ^ (salt + k * 0xC2B2AE3D27D4EB4FL);
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
      return (int) ((h ^ (h >>> 32)) & 0x7fffffff);
    }

    int main(int x) {
      return mix(x, 1) % 3; // 0, 1 or 2 copies
    }

    int side(int x) {
      return mix(x, 2) % 3;
    }

    int lost(int x) {
      return mix(x, 3) % 2;
    }

    boolean fails(int x) {
      return mix(x, 4) % 11 == 0;
    }
  }

  static final class Splitting implements Operator<Integer, Integer> {
    private final Shape shape;
    private Output<Integer> side;
    private Output<Integer> lost;

    Splitting(Shape shape) {
      this.shape = shape;
    }

    @Override
    public void open(OperatorContext context) {
      side = context.sideOutput(SIDE);
      lost = context.sideOutput(LOST);
    }

    @Override
    public void onEvent(Integer x, long timestamp, Output<Integer> output) {
      for (int i = shape.main(x); i > 0; i--) {
        output.emit(x);
      }
      for (int i = shape.side(x); i > 0; i--) {
        side.emit(x);
      }
      for (int i = shape.lost(x); i > 0; i--) {
        lost.emit(x);
      }
      if (shape.fails(x)) {
        throw new IllegalStateException("injected failure on " + x);
      }
    }

    @Override
    public void onEnd(Output<Integer> output) {
      side.emit(END_MARK); // one per instance, counted as expanded
    }
  }

  @Test
  void countsAndAccountingHoldUnderRandomFailureAndParallelism() throws Exception {
    long base = Long.getLong("sluice.seed", System.nanoTime());
    System.out.println("SideOutputPropertiesTest seed: " + base);
    SplittableRandom seeds = new SplittableRandom(base);
    for (int trial = 0; trial < 30; trial++) {
      long seed = seeds.nextLong();
      try {
        runTrial(seed);
      } catch (Throwable t) {
        throw new AssertionError(
            "trial " + trial + " failed; reproduce with -Dsluice.seed=" + base + " (trial seed "
                + seed + ")",
            t);
      }
    }
  }

  private static void runTrial(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int n = r.nextInt(0, 3000);
    int producerParallelism = r.nextInt(1, 5);
    int sideParallelism = r.nextInt(1, 5);
    int sideCapacity = r.nextInt(1, 257);
    int mainCapacity = r.nextInt(1, 257);
    String sideEdge = List.of("forward", "rebalance", "keyed").get(r.nextInt(3));
    ErrorPolicy policy =
        List.of(ErrorPolicy.SKIP, ErrorPolicy.replaceWith(-2), ErrorPolicy.DEAD_LETTER)
            .get(r.nextInt(3));
    Shape shape = new Shape(r.nextLong());

    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      input.add(i);
    }
    Pipeline p = Pipeline.create();
    CollectSink<Integer> main = Sinks.collect("main");
    CollectSink<Integer> side = Sinks.collect("side");
    CollectSink<DeadLetter> dead = Sinks.collect("dead");
    Stage<Integer> split =
        p.source(Sources.fromIterable("src", input))
            .customOperator("split", () -> new Splitting(shape))
            .parallelism(producerParallelism)
            .onError(policy);
    split.sink(main).queueCapacity(mainCapacity);
    Stage<Integer> sideStage = split.sideOutput(SIDE).queueCapacity(sideCapacity);
    Stage<Integer> consumer =
        switch (sideEdge) {
          case "forward" -> sideStage.map(x -> x);
          case "rebalance" -> sideStage.rebalance().parallelism(sideParallelism);
          default -> sideStage.keyBy(x -> x % 7).partition().parallelism(sideParallelism);
        };
    consumer.sink(side);
    p.deadLetters().sink(dead);
    // under DEAD_LETTER, half the trials connect the stage's own dead-letter port: then every
    // dead letter goes there, none to the pipeline-wide output
    boolean ownPort = policy.kind() == ErrorPolicy.Kind.DEAD_LETTER && r.nextBoolean();
    CollectSink<DeadLetter> ownDead = Sinks.collect("own-dead");
    if (ownPort) {
      split
          .deadLetters()
          .queueCapacity(r.nextInt(1, 257))
          .parallelism(r.nextInt(1, 5))
          .sink(ownDead);
    }

    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);

    Map<Integer, Integer> expectedMain = new HashMap<>();
    Map<Integer, Integer> expectedSide = new HashMap<>();
    long mainCount = 0;
    long sideCount = 0;
    long lostCount = 0;
    long failures = 0;
    for (int x : input) {
      int m = shape.main(x);
      int s = shape.side(x);
      if (m > 0) {
        expectedMain.merge(x, m, Integer::sum);
      }
      if (s > 0) {
        expectedSide.merge(x, s, Integer::sum);
      }
      mainCount += m;
      sideCount += s;
      lostCount += shape.lost(x);
      if (shape.fails(x)) {
        failures++;
        if (policy.kind() == ErrorPolicy.Kind.REPLACE) {
          expectedMain.merge(-2, 1, Integer::sum);
          mainCount++;
        }
      }
    }
    expectedSide.put(END_MARK, producerParallelism);
    sideCount += producerParallelism;

    assertThat(multiset(main.items())).isEqualTo(expectedMain);
    assertThat(multiset(side.items())).isEqualTo(expectedSide);
    boolean deadLetters = policy.kind() == ErrorPolicy.Kind.DEAD_LETTER;
    assertThat((long) dead.items().size()).isEqualTo(deadLetters && !ownPort ? failures : 0);
    assertThat((long) ownDead.items().size()).isEqualTo(ownPort ? failures : 0);
    for (DeadLetter d : ownDead.items()) {
      assertThat(shape.fails((Integer) d.event())).as("dead letter %s", d).isTrue();
    }
    if (ownPort) {
      assertThat(job.counts("split.dead-letters").in()).isEqualTo(failures);
      assertThat(job.counts("split").deadLettered()).isEqualTo(failures);
    }

    StageCounts c = job.counts("split");
    assertThat(c.in()).isEqualTo(n);
    assertThat(c.out()).isEqualTo(mainCount);
    assertThat(c.sideOutput()).isEqualTo(sideCount);
    assertThat(c.sideOutputDropped()).isEqualTo(lostCount);
    assertThat(c.dropped()).isEqualTo(lostCount);
    assertThat(c.errors()).isEqualTo(failures);
    assertThat(job.counts("split.side").in()).isEqualTo(sideCount);
    for (StageCounts s : job.counts()) {
      assertThat(s.balanced()).as(s.toString()).isTrue();
    }
  }

  private static Map<Integer, Integer> multiset(List<Integer> xs) {
    Map<Integer, Integer> m = new HashMap<>();
    xs.forEach(x -> m.merge(x, 1, Integer::sum));
    return m;
  }
}
