package dev.sluice.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// ---- the example of docs/core.md, "Example: a stateful operator", verbatim ----

record Reading(String device, long time, long value) {}

record Total(String device, long windowStart, long sum) {}

/** Sums each device's readings per minute of event time; late readings go to a side output. */
final class MinuteSums implements KeyedOperator<String, Reading, Total> {
  static final OutputTag<Reading> LATE = OutputTag.of("late", Reading.class);
  private static final long MINUTE = 60_000;

  private NamespacedState<String, Long, long[]> sums; // (device, window start) -> {sum}
  private TimerService<String> timers;
  private Output<Reading> late;

  @Override
  public void open(KeyedOperatorContext<String> context) {
    sums = context.namespacedState(
        NamespacedStateDescriptor.of("sums", StateCodecs.longs(), StateCodecs.longArrays())
            .withInitial(() -> new long[1]));
    timers = context.timers();
    late = context.sideOutput(LATE); // once, in open
  }

  @Override
  public void onEvent(String device, Reading r, long timestamp, Output<Total> out) {
    long start = Math.floorDiv(timestamp, MINUTE) * MINUTE;
    long end = start + MINUTE - 1;
    if (end <= timers.currentWatermark()) { // its window has fired already
      late.emit(r);                         // to the side output (counted as sideOutput)
      return;
    }
    sums.getOrCreate(device, start)[0] += r.value(); // read for update: mutated in place
    timers.registerEventTimeTimer(device, start, end); // namespace = the window; no duplicates
  }

  @Override
  public void onTimer(String device, Object window, long time, TimeDomain domain,
      Output<Total> out) {
    long start = (Long) window;
    long sum = sums.get(device, start)[0]; // read for inspection: not mutated
    out.emit(new Total(device, start, sum));
    sums.remove(device, start);            // state released with the window
  }
}

// ---- end of the example ----

/** The stateful-operator example of docs/core.md compiles and does what the guide says. */
class CoreGuideExampleTest {

  @Test
  void theHarnessShowsWindowsLateReadingsRescalingAndReleasedState() {
    OperatorTestHarness.forKeyedOperator(Reading::device, MinuteSums::new)
        .event(new Reading("a", 1_000, 5), 1_000)
        .event(new Reading("b", 2_000, 7), 2_000)
        .event(new Reading("a", 59_000, 1), 59_000)
        .expectNothing()
        .rescale(3) // state and timers move with their key groups
        .event(new Reading("a", 61_000, 4), 61_000)
        .watermark(60_000)
        .expect(
            List.of(
                Emitted.event(new Total("a", 0, 6), 59_999),
                Emitted.event(new Total("b", 0, 7), 59_999),
                Emitted.watermark(60_000)))
        .expectSideOutput(MinuteSums.LATE, List.of(Emitted.watermark(60_000)))
        .event(new Reading("b", 30_000, 9), 30_000) // its window fired: late
        .expectNothing()
        .expectSideOutput(
            MinuteSums.LATE, List.of(Emitted.event(new Reading("b", 30_000, 9), 30_000)))
        .end()
        .expect(
            List.of(
                Emitted.event(new Total("a", 60_000, 4), 119_999),
                Emitted.watermark(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void inAPipelineEveryReadingIsInOneTotalOrLate(int parallelism) throws Exception {
    SplittableRandom random = new SplittableRandom(7 + parallelism);
    List<Reading> input = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < 5_000; i++) {
      long t = i * 100L - (random.nextInt(10) == 0 ? random.nextInt(120_000) : 0);
      Reading r = new Reading("d" + random.nextInt(7), Math.max(0, t), random.nextInt(100));
      input.add(r);
      total += r.value();
    }
    CollectSink<Total> totals = Sinks.collect("totals");
    CollectSink<Reading> lateReadings = Sinks.collect("late");
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      Pipeline pipeline = Pipeline.create();
      Stage<Reading> readings = pipeline.source(Sources.fromIterable("readings", input));
      // as in the guide
      Stage<Total> sums =
          readings
              .withTimestamps(Reading::time, 5_000)
              .keyBy(Reading::device)
              .customOperator("minute-sums", MinuteSums::new)
              .parallelism(parallelism)
              .uid("minute-sums");
      sums.sink(totals);
      sums.sideOutput(MinuteSums.LATE).sink(lateReadings);
      Job job = engine.submit(pipeline);
      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);

      Set<String> windows = new HashSet<>();
      long summed = 0;
      for (Total t : totals.items()) {
        assertThat(windows.add(t.device() + "@" + t.windowStart())).as("fired once").isTrue();
        summed += t.sum();
      }
      for (Reading r : lateReadings.items()) {
        summed += r.value();
      }
      assertThat(summed).isEqualTo(total);
      assertThat(lateReadings.items()).as("readings set back by up to two minutes").isNotEmpty();
      assertThat(job.counts("minute-sums").sideOutput()).isEqualTo(lateReadings.items().size());
      job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
    }
  }
}
