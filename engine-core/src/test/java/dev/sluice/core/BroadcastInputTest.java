package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.operator.BroadcastOperator;
import dev.sluice.core.operator.KeyedBroadcastOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BroadcastInputTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Reading(int sensor, long time, double value) {}

  record Rule(String name, long time, double threshold) {}

  /** Per key: counts readings above the latest threshold; reports rules seen per instance. */
  static final class Thresholds implements KeyedBroadcastOperator<Integer, Reading, Rule, String> {
    private KeyedState<Integer, long[]> above;
    private KeyedOperatorContext<Integer> context;
    private double threshold = Double.MAX_VALUE;
    private int rules;

    @Override
    public void open(KeyedOperatorContext<Integer> context) {
      this.context = context;
      this.above = context.state("above", () -> new long[1]);
    }

    @Override
    public void onEvent(Integer key, Reading r, long ts, Output<String> out) {
      if (r.value() > threshold) {
        above.getOrCreate(key)[0]++;
      }
    }

    @Override
    public void onBroadcast(Rule rule, long ts, Output<String> out) {
      rules++;
      threshold = rule.threshold();
    }

    @Override
    public void onEnd(Output<String> out) {
      out.emit("instance " + context.instanceIndex() + " saw " + rules + " rules");
    }
  }

  @Test
  void everyInstanceReceivesEveryBroadcastEvent() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    Stage<Reading> readings =
        p.source(
            Sources.fromIterable(
                "readings",
                IntStream.range(0, 1000).mapToObj(i -> new Reading(i % 10, i, i)).toList()));
    Stage<Rule> rules =
        p.source(
            Sources.fromIterable(
                "rules",
                List.of(new Rule("a", 0, 10), new Rule("b", 0, 20), new Rule("c", 0, 30))));
    readings
        .keyBy(Reading::sensor)
        .withBroadcast(rules)
        .process("thresholds", Thresholds::new)
        .parallelism(3)
        .sink(out);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.items())
        .containsExactlyInAnyOrder(
            "instance 0 saw 3 rules", "instance 1 saw 3 rules", "instance 2 saw 3 rules");
    StageCounts c = job.counts("thresholds");
    // each of the 3 rules reached each of the 3 instances
    assertThat(c.inputs()).containsExactly(new InputCounts(0, 1000, 0), new InputCounts(1, 9, 0));
    job.counts().forEach(s -> assertThat(s.balanced()).as(s.toString()).isTrue());
  }

  /** Records the watermarks it hears and the broadcast events, in order. */
  static final class Recording implements BroadcastOperator<Reading, Rule, String> {
    final List<String> heard;

    Recording(List<String> heard) {
      this.heard = heard;
    }

    @Override
    public void open(OperatorContext context) {}

    @Override
    public void onEvent(Reading r, long ts, Output<String> out) {
      heard.add("event@" + ts);
    }

    @Override
    public void onBroadcast(Rule rule, long ts, Output<String> out) {
      heard.add("rule " + rule.name());
    }

    @Override
    public void onWatermark(long watermark, Output<String> out) {
      heard.add("W" + watermark);
    }
  }

  @Test
  void theBroadcastInputDoesNotHoldBackOrAdvanceEventTime() throws Exception {
    PushSource<Reading> data = Sources.push("data", 64, BackpressureStrategy.BLOCK);
    PushSource<Rule> rules = Sources.push("rules", 64, BackpressureStrategy.BLOCK);
    List<String> heard = new CopyOnWriteArrayList<>();
    Pipeline p = Pipeline.create();
    Stage<Reading> d = p.source(data).withTimestamps(Reading::time, 0);
    Stage<Rule> r = p.source(rules).withTimestamps(Rule::time, 0);
    d.withBroadcast(r).process("co", () -> new Recording(heard)).sink(Sinks.discard("out"));
    Job job = engine.submit(p);

    rules.offer(new Rule("far-ahead", 1_000_000, 1)); // its watermark 999999 must not count
    data.offer(new Reading(1, 1000, 1)); // data at 999: the stage's watermark, rules or not
    await(() -> heard.contains("W999"), "watermark 999 from the data input alone");
    data.complete(); // the data input ended: the final watermark, though rules are still open
    await(() -> heard.contains("W" + Long.MAX_VALUE), "the final watermark");
    assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
    rules.offer(new Rule("late", 2_000_000, 2)); // still delivered after the final watermark
    rules.complete();
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(heard.stream().filter(s -> s.startsWith("W")).toList())
        .containsExactly("W999", "W" + Long.MAX_VALUE);
    assertThat(heard).contains("rule far-ahead", "rule late", "event@1000");
  }

  private static void await(java.util.function.BooleanSupplier c, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(2);
    }
  }
}
