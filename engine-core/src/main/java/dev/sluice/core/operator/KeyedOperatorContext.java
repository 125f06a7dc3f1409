package dev.sluice.core.operator;

import java.util.function.Supplier;

/**
 * The context of a {@link KeyedOperator}: per-key state and event-time timers.
 *
 * <p><b>Threading:</b> use only from the operator's own callbacks.
 *
 * @param <K> key type
 */
public interface KeyedOperatorContext<K> extends OperatorContext {

  /**
   * The keyed state named {@code name}, created on first use. Call from {@code open}.
   *
   * @param name a name unique within the operator
   * @param initial creates the value for a key seen for the first time by {@link
   *     KeyedState#getOrCreate}
   * @param <S> state type
   */
  <S> KeyedState<K, S> state(String name, Supplier<S> initial);

  /** Event-time timers for this operator. */
  TimerService<K> timers();
}
