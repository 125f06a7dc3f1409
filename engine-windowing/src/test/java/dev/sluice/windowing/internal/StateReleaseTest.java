package dev.sluice.windowing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.core.WatermarkPolicy;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.Evictor;
import dev.sluice.windowing.GlobalWindows;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole jobs at parallelism 1, 2 and 4: once the final watermark has passed, every window
 * operator instance holds no state and no timer — for each kind of window, with lateness and
 * early triggers. Each instance reports, after {@code onEnd}, what its managed state still holds,
 * and the most it held at a watermark before (so the check is not vacuous).
 */
class StateReleaseTest {
  static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** Reports the wrapped operator's state entries at the end and the most seen before. */
  static final class Reporting<K, I, O> implements KeyedOperator<K, I, O> {
    private final KeyedOperator<K, I, O> delegate;
    private final Queue<long[]> reports;
    private long most;

    Reporting(KeyedOperator<K, I, O> delegate, Queue<long[]> reports) {
      this.delegate = delegate;
      this.reports = reports;
    }

    @Override
    public void open(KeyedOperatorContext<K> context) throws Exception {
      delegate.open(context);
    }

    @Override
    public void onEvent(K key, I event, long timestamp, Output<O> output) throws Exception {
      delegate.onEvent(key, event, timestamp, output);
      most = Math.max(most, ((StateEntries) delegate).stateEntries());
    }

    @Override
    public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<O> output)
        throws Exception {
      delegate.onTimer(key, namespace, time, domain, output);
    }

    @Override
    public void onWatermark(long watermark, Output<O> output) throws Exception {
      delegate.onWatermark(watermark, output);
    }

    @Override
    public void onEnd(Output<O> output) throws Exception {
      delegate.onEnd(output);
      reports.add(new long[] {((StateEntries) delegate).stateEntries(), most});
    }

    @Override
    public void close() throws Exception {
      delegate.close();
    }
  }

  static WindowSpec<Ev> spec(dev.sluice.windowing.WindowAssigner<Object> assigner,
      dev.sluice.windowing.Trigger<Object> trigger, long lateness, boolean discarding) {
    return new WindowSpec<>(
        assigner, trigger, lateness, discarding, dev.sluice.windowing.Windowing.LATE_EVENTS);
  }

  @Test
  void everyWindowKindHoldsNoStateAfterTheFinalWatermark() throws Exception {
    Map<String, Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>>> kinds =
        new java.util.LinkedHashMap<>();
    kinds.put("tumbling, lateness, everyEvents", WindowOperators.aggregating(
        spec(TumblingWindows.ofMillis(10), Triggers.everyEvents(3), 25, false),
        CollectIds.deducting(), false));
    kinds.put("tumbling, processing-time trigger", WindowOperators.aggregating(
        spec(TumblingWindows.ofMillis(10), Triggers.everyProcessingTime(Duration.ofHours(1)), 5,
            true), CollectIds.deducting(), false));
    kinds.put("sliding slices, lateness", WindowOperators.aggregating(
        spec(SlidingWindows.ofMillis(12, 4), Triggers.onWatermark(), 30, false),
        CollectIds.deducting(), false));
    kinds.put("sliding, event-time trigger", WindowOperators.aggregating(
        spec(SlidingWindows.ofMillis(12, 4),
            Triggers.everyEventTime(Duration.ofMillis(3)), 7, true),
        CollectIds.plain(), false));
    kinds.put("sessions, lateness", WindowOperators.aggregating(
        spec(SessionWindows.withGapMillis(6), Triggers.everyEvents(2), 20, false),
        CollectIds.deducting(), false));
    kinds.put("global, everyEvents", WindowOperators.aggregating(
        spec(GlobalWindows.create(), Triggers.everyEvents(4), 0, true),
        CollectIds.plain(), false));
    kinds.put("process, count evictor", WindowOperators.processing(
        spec(TumblingWindows.ofMillis(10), Triggers.onWatermark(), 10, false),
        (k, w, kind, events) -> List.of((long) events.size()), Evictor.count(2),
        StateCodecs.dynamic(), false));
    kinds.put("count windows", WindowOperators.countAggregating(5, 2, CollectIds.plain(), false));

    List<StreamItem> stream = stream(new SplittableRandom(11));
    for (var kind : kinds.entrySet()) {
      for (int p : new int[] {1, 2, 4}) {
        Queue<long[]> reports = new ConcurrentLinkedQueue<>();
        Pipeline pipeline = Pipeline.create();
        Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> inner =
            kind.getValue();
        Stage<Ev> events =
            pipeline
                .source(new MarkerSource("stream", stream, null))
                .withTimestamps(StreamItem::ts, WatermarkPolicy.boundedOutOfOrderness(5))
                .filter(i -> !i.marker())
                .map(StreamItem::toEv);
        events
            .keyBy(Ev::key)
            .customOperator("window", () -> new Reporting<>(inner.get(), reports))
            .parallelism(p)
            .sink(Sinks.discard("out"));
        engine.submit(pipeline).join(Duration.ofMinutes(1));
        List<long[]> r = new ArrayList<>(reports);
        assertThat(r).as("%s at parallelism %d: one report per instance", kind.getKey(), p)
            .hasSize(p);
        long held = 0;
        for (long[] one : r) {
          assertThat(one[0]).as("%s at parallelism %d: entries left", kind.getKey(), p)
              .isZero();
          held = Math.max(held, one[1]);
        }
        assertThat(held).as("%s: state was held while running", kind.getKey()).isPositive();
      }
    }
  }

  static List<StreamItem> stream(SplittableRandom r) {
    List<StreamItem> items = new ArrayList<>();
    long m = 1000;
    items.add(StreamItem.marker(m));
    for (int id = 0; id < 600; id++) {
      if (r.nextInt(4) == 0) {
        m += 1 + r.nextInt(6);
        items.add(StreamItem.marker(m));
      }
      long ts = r.nextInt(6) == 0 ? m - 6 - r.nextInt(40) : m - r.nextInt(6);
      items.add(StreamItem.event("k" + r.nextInt(20), id, ts));
    }
    return items;
  }
}
