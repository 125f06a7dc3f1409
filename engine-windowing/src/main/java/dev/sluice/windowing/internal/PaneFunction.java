package dev.sluice.windowing.internal;

import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;

/**
 * What a window operator does with a window's contents: an incremental aggregate ({@link
 * AggregatePaneFunction}) or a buffer of events handed to a window function ({@link
 * ProcessPaneFunction}). Implementations are immutable; accumulators belong to one (key, window).
 *
 * @param <K> key type
 * @param <T> event type
 * @param <A> accumulator type
 * @param <R> result type
 */
interface PaneFunction<K, T, A, R> {

  A create();

  void accumulate(A acc, T event, long timestamp);

  /** Adds {@code other} to {@code acc}; {@code other} is not modified. */
  void combine(A acc, A other);

  boolean canDeduct();

  void deduct(A acc, A other);

  /** The result of a firing, or null for none; may change {@code acc} (eviction). */
  R result(K key, TimeWindow window, FiringKind kind, A acc) throws Exception;

  StateCodec<A> codec();
}
