package dev.sluice.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.core.operator.KeyedState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness records side outputs per tag, with timestamps and the watermarks reaching them. */
class HarnessSideOutputTest {
  static final OutputTag<Integer> ODD = OutputTag.of("odd", Integer.class);
  static final OutputTag<String> MARKS = OutputTag.of("marks", String.class);

  /** Evens to the main output; odds to "odd" at timestamp + 1; "wm:W" to "marks" on watermarks. */
  static final class Splitter implements Operator<Integer, Integer> {
    private Output<Integer> odd;
    private Output<String> marks;

    @Override
    public void open(OperatorContext context) {
      odd = context.sideOutput(ODD);
      marks = context.sideOutput(MARKS);
    }

    @Override
    public void onEvent(Integer x, long timestamp, Output<Integer> output) {
      if (x % 2 == 0) {
        output.emit(x);
      } else {
        odd.emit(x, timestamp + 1);
      }
    }

    @Override
    public void onWatermark(long watermark, Output<Integer> output) {
      marks.emit("wm:" + watermark);
    }
  }

  @Test
  void sideEventsAndWatermarksAreRecordedPerTagAndStep() {
    OperatorTestHarness<Integer, Integer> h =
        OperatorTestHarness.<Integer, Integer>forOperator(Splitter::new)
            .event(2, 10)
            .expect(List.of(Emitted.event(2, 10)))
            .expectSideOutput(ODD, List.of())
            .event(3, 20)
            .expectNothing()
            .expectSideOutput(ODD, List.of(Emitted.event(3, 21)))
            .watermark(25)
            .expectNothing()
            // the marker emitted in onWatermark precedes the watermark on its side output
            .expectSideOutput(MARKS, List.of(Emitted.event("wm:25", 25), Emitted.watermark(25)))
            .expectSideOutput(ODD, List.of(Emitted.watermark(25)))
            .end()
            .expectSideOutput(
                MARKS,
                List.of(
                    Emitted.event("wm:" + Long.MAX_VALUE, Long.MAX_VALUE),
                    Emitted.watermark(Long.MAX_VALUE)));
    h.verify();
    assertThat(h.sideOutput(ODD))
        .containsExactly(
            List.of(),
            List.of(Emitted.event(3, 21)),
            List.of(Emitted.watermark(25)),
            List.of(Emitted.watermark(Long.MAX_VALUE)));
    assertThat(h.sideOutput(MARKS).get(1)).isEmpty();
    assertThat(h.sideOutput(OutputTag.of("never-asked-for", Integer.class)))
        .hasSize(4)
        .allMatch(List::isEmpty);
  }

  @Test
  void aWrongSideExpectationNamesTheStepAndTheTag() {
    OperatorTestHarness<Integer, Integer> h =
        OperatorTestHarness.<Integer, Integer>forOperator(Splitter::new)
            .event(3, 20)
            .expectSideOutput(ODD, List.of(Emitted.event(3, 20)));
    assertThatThrownBy(h::verify)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("step 0")
        .hasMessageContaining("side output 'odd'")
        .hasMessageContaining("Event[value=3, timestamp=21]");
  }

  @Test
  void sideOutputsAreReadableOnlyAfterVerify() {
    OperatorTestHarness<Integer, Integer> h =
        OperatorTestHarness.<Integer, Integer>forOperator(Splitter::new).event(1, 1);
    assertThatThrownBy(() -> h.sideOutput(ODD)).isInstanceOf(IllegalStateException.class);
  }

  /** Sends every third event to a side output, counting in a field: wrong after a restore. */
  static final class FieldCounting implements Operator<Integer, Integer> {
    private Output<Integer> odd;
    private int seen; // state in a field: lost by a snapshot and restore

    @Override
    public void open(OperatorContext context) {
      odd = context.sideOutput(ODD);
    }

    @Override
    public void onEvent(Integer x, long timestamp, Output<Integer> output) {
      if (++seen % 3 == 0) {
        odd.emit(x);
      } else {
        output.emit(x);
      }
    }
  }

  @Test
  void stateKeptInAFieldShowsOnTheSideOutputAfterARestore() {
    OperatorTestHarness<Integer, Integer> h =
        OperatorTestHarness.<Integer, Integer>forOperator(FieldCounting::new)
            .event(1, 1)
            .event(2, 2)
            .event(3, 3)
            .expectNothing()
            .expectSideOutput(ODD, List.of(Emitted.event(3, 3)));
    assertThatThrownBy(h::verify)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("after a snapshot and restore")
        .hasMessageContaining("fields instead of the context's managed state");
  }

  /**
   * Keyed: counts per key in managed state; on the count's timer (at 100 per key) the count goes
   * to the main output, and every event after the key's timer fired goes to "odd" as late.
   */
  static final class LateCounter implements KeyedOperator<Integer, Integer, String> {
    private KeyedState<Integer, Long> counts;
    private KeyedOperatorContext<Integer> context;
    private Output<Integer> late;

    @Override
    public void open(KeyedOperatorContext<Integer> context) {
      this.context = context;
      counts =
          context.state(ValueStateDescriptor.of("counts", StateCodecs.longs()).withInitial(() -> 0L));
      late = context.sideOutput(ODD);
    }

    @Override
    public void onEvent(Integer key, Integer x, long timestamp, Output<String> output) {
      if (context.currentWatermark() >= 100) {
        late.emit(x);
        return;
      }
      counts.put(key, counts.getOrCreate(key) + 1);
      context.timers().registerEventTimeTimer(key, 100);
    }

    @Override
    public void onTimer(
        Integer key, Object namespace, long time, TimeDomain domain, Output<String> output) {
      output.emit(key + "=" + counts.get(key));
      counts.remove(key);
    }
  }

  @Test
  void keyedSideOutputsAcrossARescaleAreComparedAsAMultisetWithOneWatermark() {
    OperatorTestHarness<Integer, String> h =
        OperatorTestHarness.<Integer, Integer, String>forKeyedOperator(x -> x % 5, LateCounter::new)
            .event(0, 1)
            .event(1, 2)
            .event(6, 3)
            .rescale(3)
            .watermark(100)
            .expect(
                List.of(Emitted.event("0=1", 100), Emitted.event("1=2", 100), Emitted.watermark(100)))
            .expectSideOutput(ODD, List.of(Emitted.watermark(100)))
            .event(11, 150)
            .expectNothing()
            .expectSideOutput(ODD, List.of(Emitted.event(11, 150)))
            .event(12, 151)
            .expectSideOutput(ODD, List.of(Emitted.event(12, 151)))
            .end()
            .expectSideOutput(ODD, List.of(Emitted.watermark(Long.MAX_VALUE)))
            .expectNoState();
    h.verify();
    assertThat(h.sideOutput(ODD).stream().flatMap(List::stream).toList())
        .containsExactly(
            Emitted.watermark(100),
            Emitted.event(11, 150),
            Emitted.event(12, 151),
            Emitted.watermark(Long.MAX_VALUE));
  }
}
