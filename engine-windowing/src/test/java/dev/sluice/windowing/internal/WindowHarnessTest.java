package dev.sluice.windowing.internal;

import static dev.sluice.core.testing.Emitted.event;
import static dev.sluice.core.testing.Emitted.watermark;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.Trigger;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowResult;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Operator-harness tests of every trigger and lateness path, with deterministic watermarks. */
class WindowHarnessTest {

  static <A> Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> op(
      WindowAssigner<Object> assigner,
      Trigger<Object> trigger,
      long lateness,
      boolean discarding,
      AggregateOperation<Ev, A, List<Long>> agg) {
    WindowSpec<Ev> spec =
        new WindowSpec<>(assigner, trigger, lateness, discarding, new LateOutputs.Tag(null));
    return WindowOperators.aggregating(spec, agg, false);
  }

  static OperatorTestHarness<Ev, WindowResult<String, List<Long>>> harness(
      Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> s) {
    return OperatorTestHarness.forKeyedOperator(Ev::key, s);
  }

  static Emitted<WindowResult<String, List<Long>>> result(
      String key, long start, long end, FiringKind kind, Long... ids) {
    return event(new WindowResult<>(key, start, end, List.of(ids), kind), end - 1);
  }

  static Emitted<WindowResult<String, List<Long>>> wm(long w) {
    return watermark(w);
  }

  @Test
  void tumblingFiresOnTimeAndReleasesState() {
    harness(op(TumblingWindows.ofMillis(10), Triggers.onWatermark(), 0, false,
            CollectIds.deducting()))
        .event(new Ev("a", 1), 1).expectNothing()
        .event(new Ev("b", 2), 5).expectNothing()
        .event(new Ev("a", 3), 12).expectNothing()
        .watermark(8).expectNothing()
        .rescale(2)
        .watermark(9)
        .expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L),
            result("b", 0, 10, FiringKind.ON_TIME, 2L), wm(9)))
        .event(new Ev("a", 4), 3).expect(List.of()) // late: window released, nothing fires
        .end()
        .expect(List.of(result("a", 10, 20, FiringKind.ON_TIME, 3L), wm(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }
}
