package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TwoInputOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwoInputTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Tick(String side, long time) {}

  /** Labels events by input, records every watermark it hears. */
  static final class Labelling implements TwoInputOperator<Tick, Tick, String> {
    final List<Long> watermarks;

    Labelling(List<Long> watermarks) {
      this.watermarks = watermarks;
    }

    @Override
    public void onEvent1(Tick t, long ts, Output<String> out) {
      out.emit("1:" + t.side() + "@" + ts);
    }

    @Override
    public void onEvent2(Tick t, long ts, Output<String> out) {
      out.emit("2:" + t.side() + "@" + ts);
    }

    @Override
    public void onWatermark(long watermark, Output<String> out) {
      watermarks.add(watermark);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(2);
    }
  }

  @Test
  void eventsOfEachInputReachTheirCallbackAndAreCountedPerInput() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    Stage<Tick> a =
        p.source(Sources.fromIterable("a", IntStream.range(0, 300).mapToObj(i -> new Tick("a", i)).toList()));
    Stage<Tick> b =
        p.source(Sources.fromIterable("b", IntStream.range(0, 200).mapToObj(i -> new Tick("b", i)).toList()))
            .rebalance()
            .parallelism(3);
    a.connect(b).process("co", () -> new Labelling(new ArrayList<>())).parallelism(2).sink(out);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.items()).hasSize(500);
    assertThat(out.items().stream().filter(s -> s.startsWith("1:a")).count()).isEqualTo(300);
    assertThat(out.items().stream().filter(s -> s.startsWith("2:b")).count()).isEqualTo(200);
    StageCounts co = job.counts("co");
    assertThat(co.inputs()).containsExactly(new InputCounts(0, 300, 0), new InputCounts(1, 200, 0));
    assertThat(co.in()).isEqualTo(500);
    job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
  }

  @Test
  void theWatermarkIsTheMinimumOfBothInputs() throws Exception {
    PushSource<Tick> left = Sources.push("left", 64, BackpressureStrategy.BLOCK);
    PushSource<Tick> right = Sources.push("right", 64, BackpressureStrategy.BLOCK);
    List<Long> heard = new CopyOnWriteArrayList<>();
    Pipeline p = Pipeline.create();
    Stage<Tick> l = p.source(left).withTimestamps(Tick::time, 0);
    Stage<Tick> r = p.source(right).withTimestamps(Tick::time, 0);
    l.connect(r).process("co", () -> new Labelling(heard)).sink(Sinks.discard("out"));
    Job job = engine.submit(p);

    left.offer(new Tick("l", 1000)); // left at 999, right has none: the minimum is unknown
    right.offer(new Tick("r", 500)); // right at 499
    await(() -> heard.contains(499L), "watermark 499");
    right.offer(new Tick("r", 2000)); // right at 1999: the left's 999 is now the minimum
    await(() -> heard.contains(999L), "watermark 999");
    left.offer(new Tick("l", 3000)); // left at 2999: right's 1999
    await(() -> heard.contains(1999L), "watermark 1999");
    left.complete(); // an ended input no longer counts
    right.offer(new Tick("r", 2500));
    await(() -> heard.contains(2499L), "watermark 2499");
    right.complete();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(heard).containsExactly(499L, 999L, 1999L, 2499L, Long.MAX_VALUE);
  }

  @Test
  void anIdleInputIsLeftOutOfTheMinimum() throws Exception {
    PushSource<Tick> busy = Sources.push("busy", 64, BackpressureStrategy.BLOCK);
    PushSource<Tick> silent = Sources.push("silent", 64, BackpressureStrategy.BLOCK);
    List<Long> heard = new CopyOnWriteArrayList<>();
    WatermarkPolicy policy = WatermarkPolicy.boundedOutOfOrderness(0).withIdleTimeout(20);
    Pipeline p = Pipeline.create();
    Stage<Tick> a = p.source(busy).withTimestamps(Tick::time, policy);
    Stage<Tick> b = p.source(silent).withTimestamps(Tick::time, policy);
    a.connect(b).process("co", () -> new Labelling(heard)).sink(Sinks.discard("out"));
    Job job = engine.submit(p);
    long t = 1000;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (heard.isEmpty() && System.nanoTime() < deadline) {
      busy.offer(new Tick("x", t++)); // keeps the busy input active
      Thread.sleep(5);
    }
    // the silent input never sent anything: once idle, the busy input alone sets event time
    assertThat(heard).isNotEmpty();
    assertThat(heard.get(0)).isGreaterThanOrEqualTo(999L);
    busy.complete();
    silent.complete();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aStalledInputDoesNotStopTheOtherFromFloodingThroughASmallQueue() throws Exception {
    int n = 100_000;
    PushSource<Tick> stalled = Sources.push("stalled", 16, BackpressureStrategy.BLOCK);
    CountingSink<String> out = Sinks.counting("out");
    Pipeline p = Pipeline.create();
    Stage<Tick> flood =
        p.source(Sources.generator("flood", () -> new Tick("f", 0), n));
    flood.connect(p.source(stalled))
        .process("co", () -> new Labelling(new ArrayList<>()))
        .queueCapacity(4)
        .sink(out);
    Job job = engine.submit(p);
    await(() -> out.count() == n, "the flooding input to pass while the other is stalled");
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    stalled.complete();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.counts("co").inputs())
        .containsExactly(new InputCounts(0, n, 0), new InputCounts(1, 0, 0));
  }

  @Test
  void anInputBlockedByBackpressureDoesNotStopTheOther() throws Exception {
    int n = 50_000;
    SideOutputTest.Closed<Tick> closed = new SideOutputTest.Closed<>();
    CountingSink<String> out = Sinks.counting("out");
    Pipeline p = Pipeline.create();
    Stage<Tick> flood = p.source(Sources.generator("flood", () -> new Tick("f", 0), n));
    // the second input's source also feeds a sink that refuses everything: it blocks at once
    Stage<Tick> blocked = p.source(Sources.generator("blocked", () -> new Tick("b", 0), 10_000));
    blocked.sink(closed).queueCapacity(2);
    flood.connect(blocked)
        .process("co", () -> new Labelling(new ArrayList<>()))
        .queueCapacity(4)
        .sink(out);
    Job job = engine.submit(p);
    await(() -> out.count() >= n, "the free input to pass while the other is blocked");
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    closed.open = true;
    assertThat(job.join(Duration.ofSeconds(180))).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.count()).isEqualTo(n + 10_000);
    assertThat(job.counts("co").inputs())
        .containsExactly(new InputCounts(0, n, 0), new InputCounts(1, 10_000, 0));
  }

  /** Counts per key the events of each input; emits (key, count1, count2) at the end. */
  static final class CountBoth implements KeyedTwoInputOperator<Integer, Integer, Integer, String> {
    private KeyedState<Integer, long[]> counts;
    private KeyedOperatorContext<Integer> context;

    @Override
    public void open(KeyedOperatorContext<Integer> context) {
      this.context = context;
      this.counts = context.state("counts", () -> new long[2]);
    }

    @Override
    public void onEvent1(Integer key, Integer x, long ts, Output<String> out) {
      counts.getOrCreate(key)[0]++;
    }

    @Override
    public void onEvent2(Integer key, Integer x, long ts, Output<String> out) {
      counts.getOrCreate(key)[1]++;
      context.timers().registerEventTimeTimer(key, 1_000_000L);
    }

    @Override
    public void onTimer(Integer key, long time, Output<String> out) {
      out.emit("timer:" + key);
    }

    @Override
    public void onEnd(Output<String> out) {
      counts.forEach((k, c) -> out.emit(k + "=" + c[0] + "/" + c[1]));
    }
  }

  @Test
  void keyedInputsMeetPerKeyAtEveryParallelism() throws Exception {
    long seed = Long.getLong("sluice.seed", System.nanoTime());
    System.out.println("TwoInputTest.keyedInputsMeetPerKeyAtEveryParallelism seed: " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int parallelism = 1; parallelism <= 4; parallelism++) {
      List<Integer> left = new ArrayList<>();
      List<Integer> right = new ArrayList<>();
      for (int i = r.nextInt(0, 3000); i > 0; i--) {
        left.add(r.nextInt(0, 1000));
      }
      for (int i = r.nextInt(0, 3000); i > 0; i--) {
        right.add(r.nextInt(0, 1000));
      }
      Map<Integer, long[]> expected = new HashMap<>();
      left.forEach(x -> expected.computeIfAbsent(x % 37, k -> new long[2])[0]++);
      right.forEach(x -> expected.computeIfAbsent(x % 37, k -> new long[2])[1]++);
      List<String> expectedOut = new ArrayList<>();
      expected.forEach((k, c) -> expectedOut.add(k + "=" + c[0] + "/" + c[1]));
      expected.forEach((k, c) -> {
        if (c[1] > 0) {
          expectedOut.add("timer:" + k);
        }
      });

      Pipeline p = Pipeline.create();
      CollectSink<String> out = Sinks.collect("out");
      KeyedStage<Integer, Integer> l =
          p.source(Sources.fromIterable("left", left)).keyBy(x -> x % 37);
      KeyedStage<Integer, Integer> rr =
          p.source(Sources.fromIterable("right", right))
              .rebalance()
              .parallelism(1 + r.nextInt(4))
              .keyBy(x -> x % 37);
      l.connect(rr)
          .process("join", CountBoth::new)
          .parallelism(parallelism)
          .queueCapacity(1 + r.nextInt(256))
          .sink(out);
      Job job = engine.submit(p);
      assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
      assertThat(out.items())
          .as("seed %d, parallelism %d", seed, parallelism)
          .containsExactlyInAnyOrderElementsOf(expectedOut);
      StageCounts join = job.counts("join");
      assertThat(join.inputs())
          .containsExactly(
              new InputCounts(0, left.size(), 0), new InputCounts(1, right.size(), 0));
      job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
    }
  }

  @Test
  void dropsAreCountedOnTheInputWhoseEdgeDroppedThem() throws Exception {
    int n = 20_000;
    Pipeline p = Pipeline.create();
    CountingSink<String> out = Sinks.counting("out");
    Stage<Tick> a = p.source(Sources.generator("a", () -> new Tick("a", 0), n));
    Stage<Tick> b = p.source(Sources.generator("b", () -> new Tick("b", 0), n));
    a.connect(b)
        .process(
            "co",
            () ->
                new TwoInputOperator<Tick, Tick, String>() {
                  @Override
                  public void open(OperatorContext c) {}

                  @Override
                  public void onEvent1(Tick t, long ts, Output<String> o) {
                    Thread.onSpinWait();
                    o.emit("a");
                  }

                  @Override
                  public void onEvent2(Tick t, long ts, Output<String> o) {
                    Thread.onSpinWait();
                    o.emit("b");
                  }
                })
        .backpressure(BackpressureStrategy.DROP_NEWEST)
        .queueCapacity(2)
        .sink(out);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    StageCounts co = job.counts("co");
    assertThat(co.inputs()).hasSize(2);
    assertThat(co.inputs().get(0).in()).isEqualTo(n);
    assertThat(co.inputs().get(1).in()).isEqualTo(n);
    assertThat(co.inputs().get(0).dropped() + co.inputs().get(1).dropped()).isEqualTo(co.dropped());
    assertThat(co.in()).isEqualTo(2L * n);
    assertThat(co.balanced()).as(co.toString()).isTrue();
    assertThat(out.count()).isEqualTo(2L * n - co.dropped());
  }
}
