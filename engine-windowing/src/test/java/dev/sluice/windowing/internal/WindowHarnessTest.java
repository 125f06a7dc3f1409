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
        new WindowSpec<>(
            assigner, trigger, lateness, discarding, dev.sluice.windowing.Windowing.LATE_EVENTS);
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

  static Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> tumbling(
      long size, Trigger<Object> trigger, long lateness, boolean discarding) {
    return op(TumblingWindows.ofMillis(size), trigger, lateness, discarding,
        CollectIds.deducting());
  }

  static Ev ev(String key, long id) {
    return new Ev(key, id);
  }

  @Test
  void lateEventsWithinLatenessFireLateWithTheWholeWindowWhenAccumulating() {
    harness(tumbling(10, Triggers.onWatermark(), 5, false))
        .event(ev("a", 1), 2).expectNothing()
        .watermark(9).expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L), wm(9)))
        .snapshotAndRestore()
        .event(ev("a", 2), 4).expect(List.of(result("a", 0, 10, FiringKind.LATE, 1L, 2L)))
        .rescale(3)
        .event(ev("a", 3), 9).expect(List.of(result("a", 0, 10, FiringKind.LATE, 1L, 2L, 3L)))
        .watermark(13).expectNothing()
        .event(ev("a", 4), 5).expect(List.of(result("a", 0, 10, FiringKind.LATE, 1L, 2L, 3L, 4L)))
        .watermark(14).expectNothing() // 9 + 5: released
        .event(ev("a", 5), 5).expectNothing() // beyond the lateness: to the late output
        .event(ev("b", 6), 1).expectNothing() // a window that never had data: released too
        .end().expectNoState()
        .verify();
  }

  @Test
  void lateEventsWithinLatenessFireOnlyThemselvesWhenDiscarding() {
    harness(tumbling(10, Triggers.onWatermark(), 5, true))
        .event(ev("a", 1), 2).expectNothing()
        .event(ev("a", 2), 3).expectNothing()
        .watermark(9).expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L, 2L), wm(9)))
        .event(ev("a", 3), 4).expect(List.of(result("a", 0, 10, FiringKind.LATE, 3L)))
        .rescale(2)
        .event(ev("b", 4), 4).expect(List.of(result("b", 0, 10, FiringKind.LATE, 4L)))
        .event(ev("a", 5), 11).expectNothing()
        .watermark(14).expectNothing()
        .event(ev("a", 6), 4).expectNothing()
        .end().expect(List.of(result("a", 10, 20, FiringKind.ON_TIME, 5L), wm(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void everyEventsFiresEarlyThenOnTime() {
    harness(tumbling(100, Triggers.everyEvents(2), 0, false))
        .event(ev("a", 1), 2).expectNothing()
        .event(ev("a", 2), 3).expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L, 2L)))
        .event(ev("a", 3), 4).expectNothing()
        .rescale(2)
        .event(ev("a", 4), 5)
        .expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L, 2L, 3L, 4L)))
        .event(ev("a", 5), 6).expectNothing()
        .watermark(99)
        .expect(List.of(result("a", 0, 100, FiringKind.ON_TIME, 1L, 2L, 3L, 4L, 5L), wm(99)))
        .end().expectNoState()
        .verify();
  }

  @Test
  void everyEventsInDiscardingModeEmitsDisjointPanes() {
    harness(tumbling(100, Triggers.everyEvents(2), 0, true))
        .event(ev("a", 1), 2).expectNothing()
        .event(ev("a", 2), 3).expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L, 2L)))
        .snapshotAndRestore()
        .watermark(50).expectNothing()
        .event(ev("a", 3), 60).expectNothing()
        .watermark(99).expect(List.of(result("a", 0, 100, FiringKind.ON_TIME, 3L), wm(99)))
        .event(ev("b", 4), 101).expectNothing()
        .event(ev("b", 5), 102)
        .expect(List.of(result("b", 100, 200, FiringKind.EARLY, 4L, 5L)))
        .watermark(199).expectNothing() // nothing new since the early firing
        .end().expectNoState()
        .verify();
  }

  @Test
  void everyEventTimeFiresAtIntervalsOnlyWithNewEvents() {
    harness(tumbling(100, Triggers.everyEventTime(java.time.Duration.ofMillis(30)), 0, false))
        .event(ev("a", 1), 5).expectNothing()
        .watermark(28).expectNothing()
        .watermark(29).expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L), wm(29)))
        .watermark(59).expectNothing() // nothing new since the last firing
        .event(ev("a", 2), 61).expectNothing()
        .rescale(3)
        .watermark(95) // passes 89
        .expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L, 2L), wm(95)))
        .event(ev("a", 3), 97).expectNothing()
        .watermark(200) // passes the end: no early firing, only the on-time one
        .expect(List.of(result("a", 0, 100, FiringKind.ON_TIME, 1L, 2L, 3L), wm(200)))
        .end().expectNoState()
        .verify();
  }

  @Test
  void onEventTriggerFiresOnMarkedEvents() {
    Trigger<Object> marked = Triggers.onEvent(e -> ((Ev) e).id() % 10 == 0);
    harness(tumbling(100, marked, 0, false))
        .event(ev("a", 1), 5).expectNothing()
        .event(ev("a", 10), 6).expect(List.of(result("a", 0, 100, FiringKind.EARLY, 1L, 10L)))
        .end()
        .expect(List.of(result("a", 0, 100, FiringKind.ON_TIME, 1L, 10L), wm(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void processingTimeTimersOfAWindowAreReleasedWithIt() {
    // an hour never passes in this test: the early processing-time timer must be deleted when the
    // window fires on time, or state would remain
    harness(tumbling(10, Triggers.everyProcessingTime(java.time.Duration.ofHours(1)), 0, false))
        .event(ev("a", 1), 5).expectNothing()
        .rescale(2)
        .event(ev("a", 2), 6).expectNothing()
        .watermark(9).expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L, 2L), wm(9)))
        .expectNoState()
        .end().expectNoState()
        .verify();
  }

  @Test
  void slidingSlicesCombineDeductAndFireLate() {
    for (AggregateOperation<Ev, java.util.ArrayList<Long>, List<Long>> agg :
        List.of(CollectIds.deducting(), CollectIds.plain())) {
      harness(op(SlidingWindows.ofMillis(10, 5), Triggers.onWatermark(), 5, false, agg))
          .event(ev("a", 1), 1).expectNothing()
          .event(ev("a", 2), 7).expectNothing()
          .watermark(4).expect(List.of(result("a", -5, 5, FiringKind.ON_TIME, 1L), wm(4)))
          .event(ev("a", 3), 12).expectNothing()
          .rescale(2)
          .watermark(9).expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L, 2L), wm(9)))
          .event(ev("a", 4), 3) // [-5,5) released at 4 + 5; [0,10) fired and kept
          .expect(List.of(result("a", 0, 10, FiringKind.LATE, 1L, 2L, 4L)))
          .watermark(14)
          .expect(List.of(result("a", 5, 15, FiringKind.ON_TIME, 2L, 3L), wm(14)))
          .event(ev("a", 5), 8) // [0,10) released at 14; [5,15) fired and kept
          .expect(List.of(result("a", 5, 15, FiringKind.LATE, 2L, 3L, 5L)))
          .snapshotAndRestore()
          .end()
          .expect(List.of(result("a", 10, 20, FiringKind.ON_TIME, 3L), wm(Long.MAX_VALUE)))
          .expectNoState()
          .verify();
    }
  }

  @Test
  void slidingDiscardingLateFiringsCarryOnlyTheLateEvent() {
    harness(op(SlidingWindows.ofMillis(10, 5), Triggers.onWatermark(), 20, true,
            CollectIds.deducting()))
        .event(ev("a", 1), 6).expectNothing()
        .watermark(14)
        .expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 1L),
            result("a", 5, 15, FiringKind.ON_TIME, 1L), wm(14)))
        .event(ev("a", 2), 7)
        .expect(List.of(result("a", 0, 10, FiringKind.LATE, 2L),
            result("a", 5, 15, FiringKind.LATE, 2L)))
        .end().expectNoState()
        .verify();
  }

  @Test
  void sessionsMergeAndALateBridgeFiresTheMergedSessionLate() {
    harness(op(SessionWindows.withGapMillis(5), Triggers.onWatermark(), 20, false,
            CollectIds.deducting()))
        .event(ev("a", 1), 0).expectNothing()
        .event(ev("a", 2), 3).expectNothing() // [0, 8)
        .event(ev("a", 3), 12).expectNothing() // [12, 17)
        .rescale(2)
        .watermark(16)
        .expect(List.of(result("a", 0, 8, FiringKind.ON_TIME, 1L, 2L),
            result("a", 12, 17, FiringKind.ON_TIME, 3L), wm(16)))
        .event(ev("a", 4), 8) // [8, 13) touches both: merged [0, 17), already past
        .expect(List.of(result("a", 0, 17, FiringKind.LATE, 1L, 2L, 3L, 4L)))
        .event(ev("a", 5), 14) // extends to [0, 19): fires late when the watermark gets there
        .expectNothing()
        .watermark(18)
        .expect(List.of(result("a", 0, 19, FiringKind.LATE, 1L, 2L, 3L, 4L, 5L), wm(18)))
        .watermark(38).expectNothing() // released at 18 + 20
        .event(ev("a", 6), 1).expectNothing() // late
        .end().expectNoState()
        .verify();
  }

  @Test
  void globalWindowWithACountTriggerInDiscardingMode() {
    harness(op(dev.sluice.windowing.GlobalWindows.create(), Triggers.everyEvents(2), 0, true,
            CollectIds.plain()))
        .event(ev("a", 1), 5).expectNothing()
        .event(ev("a", 2), 6)
        .expect(List.of(event(new WindowResult<>("a", Long.MIN_VALUE, Long.MAX_VALUE,
            List.of(1L, 2L), FiringKind.EARLY), Long.MAX_VALUE - 1)))
        .watermark(1_000_000).expectNothing()
        .rescale(4)
        .event(ev("a", 3), 7).expectNothing()
        .end()
        .expect(List.of(event(new WindowResult<>("a", Long.MIN_VALUE, Long.MAX_VALUE,
            List.of(3L), FiringKind.ON_TIME), Long.MAX_VALUE - 1), wm(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void countWindowsSurviveRescalingMidWindow() {
    Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> s =
        WindowOperators.countAggregating(4, 2, CollectIds.plain(), false);
    harness(s)
        .event(ev("a", 1), 10).expectNothing()
        .event(ev("a", 2), 11)
        .expect(List.of(event(new WindowResult<>("a", 0, 2, List.of(1L, 2L),
            FiringKind.ON_TIME), 11)))
        .event(ev("a", 3), 12).expectNothing()
        .rescale(3)
        .event(ev("a", 4), 13)
        .expect(List.of(event(new WindowResult<>("a", 0, 4, List.of(1L, 2L, 3L, 4L),
            FiringKind.ON_TIME), 13)))
        .event(ev("a", 5), 14).expectNothing()
        .end()
        .expect(List.of(event(new WindowResult<>("a", 2, 5, List.of(3L, 4L, 5L),
            FiringKind.ON_TIME), 14), wm(Long.MAX_VALUE)))
        .expectNoState()
        .verify();
  }

  @Test
  void processWithACountEvictorSeesTheLastEvents() {
    WindowSpec<Ev> spec = new WindowSpec<>(TumblingWindows.ofMillis(10), Triggers.everyEvents(3),
        0, false, dev.sluice.windowing.Windowing.LATE_EVENTS);
    Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> s =
        WindowOperators.processing(spec, (key, w, kind, events) -> {
          List<Long> ids = new java.util.ArrayList<>();
          for (Ev e : events) {
            ids.add(e.id());
          }
          return ids;
        }, dev.sluice.windowing.Evictor.count(2), dev.sluice.core.state.StateCodecs.dynamic(),
            false);
    harness(s)
        .event(ev("a", 1), 1).expectNothing()
        .event(ev("a", 2), 2).expectNothing()
        .event(ev("a", 3), 3).expect(List.of(result("a", 0, 10, FiringKind.EARLY, 2L, 3L)))
        .snapshotAndRestore()
        .event(ev("a", 4), 4).expectNothing()
        .watermark(9).expect(List.of(result("a", 0, 10, FiringKind.ON_TIME, 3L, 4L), wm(9)))
        .end().expectNoState()
        .verify();
  }

  @Test
  void processWithATimeEvictorKeepsRecentEvents() {
    WindowSpec<Ev> spec = new WindowSpec<>(TumblingWindows.ofMillis(100), Triggers.onWatermark(),
        0, false, dev.sluice.windowing.Windowing.LATE_EVENTS);
    Supplier<KeyedOperator<String, Ev, WindowResult<String, List<Long>>>> s =
        WindowOperators.processing(spec, (key, w, kind, events) -> {
          List<Long> ids = new java.util.ArrayList<>();
          for (Ev e : events) {
            ids.add(e.id());
          }
          return ids;
        }, dev.sluice.windowing.Evictor.time(java.time.Duration.ofMillis(10)),
            dev.sluice.core.state.StateCodecs.dynamic(), false);
    harness(s)
        .event(ev("a", 1), 50).expectNothing()
        .event(ev("a", 2), 85).expectNothing()
        .event(ev("a", 3), 80).expectNothing()
        .event(ev("a", 4), 75).expectNothing()
        .watermark(99).expect(List.of(result("a", 0, 100, FiringKind.ON_TIME, 2L, 3L, 4L),
            wm(99)))
        .end().expectNoState()
        .verify();
  }
}
