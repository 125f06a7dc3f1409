package dev.sluice.cep;

import java.util.List;

/**
 * A complete match given to a {@link MatchFunction}: the matched events by pattern name.
 *
 * <p>The object is reused by the operator: it is valid only during the call that received it;
 * copy what you need (the lists {@link #events} returns are fresh and may be kept).
 * Single-threaded.
 *
 * @param <T> the event type
 */
public interface Match<T> {
  /**
   * The id of the rule (pattern) that matched.
   *
   * @return the rule id
   */
  String ruleId();

  /**
   * The events bound to {@code name}, oldest first (a fresh list).
   *
   * @param name a pattern name
   * @return the events; empty if the name took none in this match
   */
  List<T> events(String name);

  /**
   * The first event bound to {@code name}, or null; allocates nothing.
   *
   * @param name a pattern name
   * @return the event or null
   */
  T first(String name);

  /**
   * The last event bound to {@code name}, or null; allocates nothing.
   *
   * @param name a pattern name
   * @return the event or null
   */
  T last(String name);

  /**
   * The number of matched events.
   *
   * @return the size, at least 1
   */
  int size();

  /**
   * The {@code i}-th matched event in event-time order.
   *
   * @param i from 0 to {@code size() - 1}
   * @return the event
   */
  T event(int i);

  /**
   * The pattern name the {@code i}-th event is bound to.
   *
   * @param i from 0 to {@code size() - 1}
   * @return the name
   */
  String nameOf(int i);

  /**
   * The event time of the {@code i}-th event.
   *
   * @param i from 0 to {@code size() - 1}
   * @return epoch milliseconds
   */
  long timeOf(int i);
}
