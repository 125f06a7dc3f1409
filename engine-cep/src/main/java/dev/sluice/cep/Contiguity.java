package dev.sluice.cep;

/**
 * How the events of a pattern may be separated by events that are not part of the match.
 *
 * <ul>
 *   <li>{@link #STRICT}: the next matched event is the very next event of the key ({@code next},
 *       {@code consecutive}).
 *   <li>{@link #RELAXED}: events in between are skipped, but only those that cannot be taken at
 *       that position: the next matched event is the first one that satisfies the position's
 *       condition ({@code followedBy}, the default inside loops). "Skip till next".
 *   <li>{@link #ANY}: any events in between are skipped, also those that could be taken, so one
 *       partial match branches at every candidate ({@code followedByAny}, {@code
 *       allowCombinations}). "Skip till any".
 * </ul>
 */
public enum Contiguity {
  /** The next event of the key must be taken. */
  STRICT,
  /** Skip till next: events that do not satisfy the position's condition are skipped. */
  RELAXED,
  /** Skip till any: every event may be skipped. */
  ANY
}
