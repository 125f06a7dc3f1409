package dev.sluice.cep.join;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.testing.OperatorTestHarness;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An event of either input of a two-input operator, for driving a {@link KeyedTwoInputOperator}
 * through the one-input {@link OperatorTestHarness}: {@link #adapt} turns the operator into a
 * keyed operator that sends {@code left} events to {@code onEvent1} and the others to {@code
 * onEvent2}, with the same context, state and timers.
 */
record Sided(boolean left, Object value) {

  static Sided left(Object value) {
    return new Sided(true, value);
  }

  static Sided right(Object value) {
    return new Sided(false, value);
  }

  @Override
  public String toString() {
    return (left ? "L:" : "R:") + value;
  }

  /** A harness for the two-input operators of {@code supplier}, keyed by {@code keyFn}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <K, O> OperatorTestHarness<Sided, O> harness(
      Function<Object, K> keyFn, Supplier<? extends KeyedTwoInputOperator<K, ?, ?, ?>> supplier) {
    Supplier<KeyedOperator<K, Sided, O>> adapted =
        () -> adapt((KeyedTwoInputOperator) supplier.get());
    return OperatorTestHarness.forKeyedOperator((Sided s) -> keyFn.apply(s.value()), adapted);
  }

  static <K, O> KeyedOperator<K, Sided, O> adapt(KeyedTwoInputOperator<K, Object, Object, O> op) {
    return new KeyedOperator<>() {
      @Override
      public void open(KeyedOperatorContext<K> context) throws Exception {
        op.open(context);
      }

      @Override
      public void onEvent(K key, Sided event, long timestamp, Output<O> output) throws Exception {
        if (event.left()) {
          op.onEvent1(key, event.value(), timestamp, output);
        } else {
          op.onEvent2(key, event.value(), timestamp, output);
        }
      }

      @Override
      public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<O> output)
          throws Exception {
        op.onTimer(key, namespace, time, domain, output);
      }

      @Override
      public void onWatermark(long watermark, Output<O> output) throws Exception {
        op.onWatermark(watermark, output);
      }

      @Override
      public void onEnd(Output<O> output) throws Exception {
        op.onEnd(output);
      }

      @Override
      public void close() throws Exception {
        op.close();
      }
    };
  }
}
