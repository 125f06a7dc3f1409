package dev.sluice.core.internal.operators;

import dev.sluice.core.internal.state.LongKeyedStateTable;
import dev.sluice.core.state.ValueStateDescriptor;

/** What the runtime gives a {@link LongKeyedOperator} on a stage keyed by primitive longs. */
public interface LongKeyedContext {

  /** True if the stage is keyed by primitive longs, so {@link #longState} may be used. */
  boolean isLongKeyed();

  /** Value state keyed by primitive longs: no boxing of keys, no entry objects. */
  <S> LongKeyedStateTable<S> longState(ValueStateDescriptor<S> descriptor);
}
