package dev.sluice.core.internal.operators;

import dev.sluice.core.operator.Output;

/**
 * A keyed operator that also takes primitive {@code long} keys without boxing, when its stage is
 * keyed with {@code keyByLong}. The runtime calls {@link #onEventLong} instead of {@code onEvent}
 * for such stages, after {@code open} with a context that is a {@link LongKeyedContext}.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface LongKeyedOperator<I, O> {

  /** Processes one event of the primitive key {@code key}. */
  void onEventLong(long key, I event, long timestamp, Output<O> output) throws Exception;
}
