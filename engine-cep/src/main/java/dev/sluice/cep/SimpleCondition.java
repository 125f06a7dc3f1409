package dev.sluice.cep;

import java.io.Serializable;

/**
 * A condition on one event alone. Serializable (a lambda given where this type is expected is
 * serializable if what it captures is), so that patterns can be kept in broadcast state when
 * rules change at runtime.
 *
 * <p>Called on the operator's thread, once per candidate event and position; it must not block
 * and should not allocate. An exception fails the stage through its error policy, naming the
 * event.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface SimpleCondition<T> extends Serializable {
  /**
   * Whether {@code event} may be taken.
   *
   * @param event the candidate event, never null
   * @return true to accept it
   */
  boolean test(T event);
}
