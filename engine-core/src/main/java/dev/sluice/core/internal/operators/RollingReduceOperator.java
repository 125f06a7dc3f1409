package dev.sluice.core.internal.operators;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import java.util.function.BinaryOperator;

/** Per key, reduces every event into the running value and emits it. */
public final class RollingReduceOperator<K, T> implements KeyedOperator<K, T, T> {
  private final BinaryOperator<T> reducer;
  private KeyedState<K, T> state;

  /** Creates the operator. */
  public RollingReduceOperator(BinaryOperator<T> reducer) {
    this.reducer = reducer;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    state = context.state("reduced");
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<T> output) {
    T current = state.get(key);
    T next = current == null ? event : reducer.apply(current, event);
    state.put(key, next);
    output.emit(next);
  }
}
