package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.internal.operators.RollingAggregateOperator;
import dev.sluice.core.internal.operators.RollingReduceOperator;
import dev.sluice.core.internal.operators.StatefulMapOperator;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The harness's snapshot, restore and rescale steps, on the core's stateful operators. */
class HarnessSnapshotTest {

  record Sale(String shop, long amount) {}

  static final class Counter {
    long n;

    static final dev.sluice.core.state.StateCodec<Counter> CODEC =
        new dev.sluice.core.state.StateCodec<>() {
          @Override
          public void encode(Counter value, java.io.DataOutput out) throws java.io.IOException {
            out.writeLong(value.n);
          }

          @Override
          public Counter decode(java.io.DataInput in) throws java.io.IOException {
            Counter c = new Counter();
            c.n = in.readLong();
            return c;
          }
        };

    @Override
    public String toString() {
      return Long.toString(n);
    }
  }

  @Test
  void rollingAggregatesSurviveSnapshotsAndRescalingToAnyParallelism() {
    long seed = Long.getLong("sluice.seed", 424242L);
    SplittableRandom random = new SplittableRandom(seed);
    Supplier<KeyedOperator<String, Sale, KeyedValue<String, Long>>> op =
        () -> new RollingAggregateOperator<>(AggregateOperations.summingLong(Sale::amount));
    OperatorTestHarness<Sale, KeyedValue<String, Long>> h =
        OperatorTestHarness.forKeyedOperator(Sale::shop, op);
    Map<String, Long> sums = new HashMap<>();
    int[] parallelisms = {3, 1, 4, 2};
    for (int i = 0; i < 400; i++) {
      Sale s = new Sale("shop-" + random.nextInt(23), random.nextInt(50));
      long sum = sums.merge(s.shop(), s.amount(), Long::sum);
      h.event(s, i).expect(List.of(Emitted.event(new KeyedValue<>(s.shop(), sum), i)));
      if (i % 100 == 99) {
        h.rescale(parallelisms[i / 100]);
      }
    }
    h.end().verify();
  }

  @Test
  void rollingReduceAndStatefulMapRestoreTheirState() {
    OperatorTestHarness.forKeyedOperator(
            (Sale s) -> s.shop(),
            () -> new RollingReduceOperator<String, Sale>((a, b) -> new Sale(a.shop(), a.amount() + b.amount())))
        .event(new Sale("a", 1), 1)
        .snapshotAndRestore()
        .event(new Sale("a", 2), 2)
        .expect(List.of(Emitted.event(new Sale("a", 3), 2)))
        .rescale(3)
        .event(new Sale("a", 4), 3)
        .expect(List.of(Emitted.event(new Sale("a", 7), 3)))
        .verify();

    KeyedStage.StatefulMapper<Counter, String, Sale, String> mapper =
        (c, key, sale) -> key + "#" + (++c.n);
    OperatorTestHarness.forKeyedOperator(
            (Sale s) -> s.shop(),
            () ->
                new StatefulMapOperator<String, Sale, Counter, String>(
                    Counter.CODEC, Counter::new, mapper))
        .event(new Sale("a", 1), 1)
        .event(new Sale("b", 1), 2)
        .rescale(2)
        .event(new Sale("a", 1), 3)
        .expect(List.of(Emitted.event("a#2", 3)))
        .event(new Sale("b", 1), 4)
        .expect(List.of(Emitted.event("b#2", 4)))
        .verify();
  }

  /** Wrong on purpose: keeps its count in a field, which no snapshot covers. */
  static final class FieldCounter implements KeyedOperator<String, Sale, Long> {
    private long count;

    @Override
    public void onEvent(String key, Sale event, long timestamp, Output<Long> output) {
      output.emit(++count);
    }
  }

  @Test
  void stateKeptInFieldsIsCaughtByTheRestoreAfterEveryStep() {
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator((Sale s) -> s.shop(), FieldCounter::new)
                    .event(new Sale("a", 1), 1)
                    .event(new Sale("a", 1), 2)
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("step 1")
        .hasMessageContaining("keep state in fields");
  }

  /** A non-keyed operator with list state: numbers each event within its instance. */
  static final class Numbering implements Operator<String, String> {
    private ListState<Long> next;

    @Override
    public void open(OperatorContext context) {
      next = context.listState(new ListStateDescriptor<>("next", StateCodecs.longs()));
    }

    @Override
    public void onEvent(String event, long timestamp, Output<String> output) {
      long n = next.size() == 0 ? 0 : next.get().get(0);
      next.update(List.of(n + 1));
      output.emit(event + n);
    }
  }

  @Test
  void operatorListStateSurvivesSnapshots() {
    OperatorTestHarness.<String, String>forOperator(Numbering::new)
        .event("x", 1)
        .expect(List.of(Emitted.event("x0", 1)))
        .snapshotAndRestore()
        .event("y", 2)
        .expect(List.of(Emitted.event("y1", 2)))
        .verify();
  }

  /** Registers a timer per event and holds a value per key until it fires. */
  static final class HoldUntilWatermark implements KeyedOperator<String, Sale, Sale> {
    private KeyedOperatorContext<String> context;
    private dev.sluice.core.operator.KeyedState<String, Long> held;

    @Override
    public void open(KeyedOperatorContext<String> context) {
      this.context = context;
      held =
          context.state(
              dev.sluice.core.state.ValueStateDescriptor.of("held", StateCodecs.longs()));
    }

    @Override
    public void onEvent(String key, Sale event, long timestamp, Output<Sale> output) {
      Long old = held.get(key);
      held.put(key, (old == null ? 0 : old) + event.amount());
      context.timers().registerEventTimeTimer(key, 100);
    }

    @Override
    public void onTimer(String key, long time, Output<Sale> output) {
      output.emit(new Sale(key, held.get(key)));
      held.remove(key);
    }
  }

  @Test
  void timersAndStateMoveWithTheirKeyGroupsAndAreReleased() {
    List<Emitted<Sale>> atWatermark = new ArrayList<>();
    atWatermark.add(Emitted.event(new Sale("a", 3), 100));
    atWatermark.add(Emitted.event(new Sale("b", 5), 100));
    atWatermark.add(Emitted.event(new Sale("c", 7), 100));
    atWatermark.add(Emitted.watermark(100));
    OperatorTestHarness.forKeyedOperator((Sale s) -> s.shop(), HoldUntilWatermark::new)
        .event(new Sale("a", 1), 1)
        .event(new Sale("b", 5), 2)
        .rescale(4)
        .event(new Sale("a", 2), 3)
        .event(new Sale("c", 7), 4)
        .rescale(2)
        .watermark(100)
        .expect(atWatermark)
        .expectNoState()
        .end()
        .verify();
  }

  @Test
  void expectNoStateFailsWhenStateRemains() {
    assertThatThrownBy(
            () ->
                OperatorTestHarness.forKeyedOperator(
                        (Sale s) -> s.shop(),
                        () ->
                            new RollingAggregateOperator<String, Sale, dev.sluice.core.aggregate.LongAccumulator, Long>(
                                AggregateOperations.counting()))
                    .event(new Sale("a", 1), 1)
                    .end()
                    .expectNoState()
                    .verify())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected no managed state but the operator holds 1 entries");
  }

  @Test
  void onlyKeyedOperatorsRescale() {
    assertThat(OperatorTestHarness.<String, String>forOperator(Numbering::new)).isNotNull();
    assertThatThrownBy(() -> OperatorTestHarness.<String, String>forOperator(Numbering::new).rescale(2))
        .isInstanceOf(IllegalStateException.class);
  }
}
