package dev.sluice.cep;

import java.io.Serializable;

/**
 * A condition that also sees the events the partial match took so far (through {@link
 * MatchContext}), for patterns such as "a price higher than the previous one". Serializable, as
 * {@link SimpleCondition}.
 *
 * <p>Called on the operator's thread; it must not block. The context is valid during the call
 * only. An exception fails the stage through its error policy.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface IterativeCondition<T> extends Serializable {
  /**
   * Whether {@code event} may be taken by the partial match described by {@code context}.
   *
   * @param event the candidate event, never null
   * @param context the events taken so far by this partial match
   * @return true to accept it
   */
  boolean test(T event, MatchContext<T> context);

  /**
   * This condition as a {@link SimpleCondition} if it never reads the match context, else null.
   * Conditions built from simple ones by {@code where}/{@code or} return their simple form; the
   * CEP operator uses it to drop, on arrival, events no simple pattern can use.
   *
   * @return the simple form or null
   */
  default SimpleCondition<T> asSimple() {
    return null;
  }
}
