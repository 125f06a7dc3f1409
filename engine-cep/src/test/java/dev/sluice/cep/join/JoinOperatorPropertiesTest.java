package dev.sluice.cep.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.join.JoinReference.Cell;
import dev.sluice.cep.join.JoinReference.Ev;
import dev.sluice.cep.join.internal.IntervalJoinOperator;
import dev.sluice.cep.join.internal.JoinSpec;
import dev.sluice.cep.join.internal.SessionJoinOperator;
import dev.sluice.cep.join.internal.WindowJoinOperator;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The join operators, driven deterministically by the operator test harness through random
 * scripts of both inputs' events (disordered, many of them late), watermarks, snapshots and
 * rescalings, produce exactly what a nested-loop reference computes from the same script; the
 * harness also restores every operator from a snapshot after every step and checks nothing
 * changes, and every script ends with no state left.
 */
class JoinOperatorPropertiesTest {

  sealed interface Step permits EventStep, WatermarkStep, RescaleStep, SnapshotStep {}

  record EventStep(boolean left, Ev event) implements Step {
    @Override
    public String toString() {
      return (left ? "L " : "R ") + event;
    }
  }

  record WatermarkStep(long watermark) implements Step {
    @Override
    public String toString() {
      return "wm " + watermark;
    }
  }

  record RescaleStep(int parallelism) implements Step {}

  record SnapshotStep() implements Step {}

  record Script(List<Step> steps) {}

  /** Keys 0..3; event times advance with disorder up to 25 ms; watermarks make some late. */
  static Script script(Generator g) {
    List<Step> steps = new ArrayList<>();
    long base = 1_000;
    long wm = Long.MIN_VALUE;
    int n = g.intBetween(0, 45);
    for (int i = 0; i < n; i++) {
      base += g.intBetween(0, 6);
      Ev e = new Ev(g.intBetween(0, 3), base - g.intBetween(0, 25), i);
      steps.add(new EventStep(g.bool(), e));
      if (g.chance(0.25)) {
        wm = Math.max(wm == Long.MIN_VALUE ? 0 : wm + 1, base - g.intBetween(0, 20));
        steps.add(new WatermarkStep(wm));
      }
      if (g.chance(0.04)) {
        // not down to 1: merged instances' equal-time timers fire in an order that depends on
        // when the harness restored them, and a single instance's output is compared in order
        steps.add(new RescaleStep(g.intBetween(2, 4)));
      } else if (g.chance(0.04)) {
        steps.add(new SnapshotStep());
      }
    }
    return new Script(steps);
  }

  static JoinSpec spec(JoinType type) {
    return new JoinSpec(
        type,
        (l, r) -> JoinReference.row((Ev) l, (Ev) r),
        StateCodecs.dynamic(),
        StateCodecs.dynamic(),
        Joins.LATE_LEFT,
        Joins.LATE_RIGHT);
  }

  /** Runs {@code script} through the harness; returns every emitted event as "row@timestamp". */
  static List<String> run(
      Script script, Supplier<? extends KeyedTwoInputOperator<Integer, ?, ?, ?>> operator) {
    OperatorTestHarness<Sided, String> h = Sided.harness(o -> ((Ev) o).key(), operator);
    for (Step s : script.steps()) {
      if (s instanceof EventStep e) {
        h.event(new Sided(e.left(), e.event()), e.event().time());
      } else if (s instanceof WatermarkStep w) {
        h.watermark(w.watermark());
      } else if (s instanceof RescaleStep r) {
        h.rescale(r.parallelism());
      } else {
        h.snapshotAndRestore();
      }
    }
    h.end().expectNoState();
    List<String> out = new ArrayList<>();
    for (List<Emitted<String>> step : h.verify()) {
      for (Emitted<String> e : step) {
        if (e instanceof Emitted.Event<String> ev) {
          out.add(ev.value() + "@" + ev.timestamp());
        }
      }
    }
    return out;
  }

  private static void checkWindowJoin(Generator g, JoinReference.Windows windows, WindowAssigner<Object> assigner) {
    Script s = script(g);
    for (JoinType type : JoinType.values()) {
      Map<List<Long>, Cell> cells = new HashMap<>();
      long wm = Long.MIN_VALUE;
      for (Step step : s.steps()) {
        if (step instanceof EventStep e) {
          JoinReference.addToWindows(cells, windows, e.event(), e.left(), wm);
        } else if (step instanceof WatermarkStep w) {
          wm = w.watermark();
        }
      }
      List<String> expected = JoinReference.windowRows(cells, type);
      List<String> actual = run(s, () -> new WindowJoinOperator<Integer>(assigner, spec(type)));
      assertThat(actual).as("%s join over %s", type, windows).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void tumblingWindowJoinsOfEveryTypeMatchTheReference() {
    SeededRuns.run(
        60,
        g -> {
          long size = g.intBetween(1, 40);
          checkWindowJoin(g, new JoinReference.Tumbling(size), TumblingWindows.ofMillis(size));
        });
  }

  @Test
  void slidingWindowJoinsOfEveryTypeMatchTheReference() {
    SeededRuns.run(
        60,
        g -> {
          long slide = g.intBetween(1, 15);
          long size = slide * g.intBetween(1, 4);
          checkWindowJoin(
              g, new JoinReference.Sliding(size, slide), SlidingWindows.ofMillis(size, slide));
        });
  }

  @Test
  void sessionWindowJoinsOfEveryTypeMatchTheReference() {
    SeededRuns.run(
        60,
        g -> {
          long gap = g.intBetween(1, 20);
          Script s = script(g);
          List<Ev> lefts = new ArrayList<>();
          List<Ev> rights = new ArrayList<>();
          long wm = Long.MIN_VALUE;
          for (Step step : s.steps()) {
            if (step instanceof EventStep e && e.event().time() > wm) {
              (e.left() ? lefts : rights).add(e.event());
            } else if (step instanceof WatermarkStep w) {
              wm = w.watermark();
            }
          }
          for (JoinType type : JoinType.values()) {
            List<String> expected =
                JoinReference.windowRows(JoinReference.sessions(lefts, rights, gap), type);
            List<String> actual =
                run(s, () -> new SessionJoinOperator<Integer>(SessionWindows.withGapMillis(gap), spec(type)));
            assertThat(actual).as("%s session join, gap %d", type, gap)
                .containsExactlyInAnyOrderElementsOf(expected);
          }
        });
  }

  @Test
  void intervalJoinsMatchTheReference() {
    SeededRuns.run(
        100,
        g -> {
          long lower = g.intBetween(-20, 20);
          long upper = lower + g.intBetween(0, 30);
          Script s = script(g);
          List<Ev> lefts = new ArrayList<>();
          List<Ev> rights = new ArrayList<>();
          long wm = Long.MIN_VALUE;
          for (Step step : s.steps()) {
            if (step instanceof EventStep e && e.event().time() > wm) {
              (e.left() ? lefts : rights).add(e.event());
            } else if (step instanceof WatermarkStep w) {
              wm = w.watermark();
            }
          }
          List<String> expected = JoinReference.intervalRows(lefts, rights, lower, upper);
          List<String> actual =
              run(s, () -> new IntervalJoinOperator<Integer>(lower, upper, spec(JoinType.INNER)));
          assertThat(actual).as("interval [%d, %d]", lower, upper)
              .containsExactlyInAnyOrderElementsOf(expected);
        });
  }
}
