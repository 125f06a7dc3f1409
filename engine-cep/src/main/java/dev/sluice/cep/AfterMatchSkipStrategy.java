package dev.sluice.cep;

import java.io.Serializable;
import java.util.Objects;

/**
 * What happens to the other partial matches of a key when a match is emitted (Flink CEP's
 * after-match skip strategies). Partial matches are compared by their first event: every
 * strategy but {@link #noSkip()} discards those whose first event comes before a point of the
 * emitted match (in the key's event-time order). Matches completed by the same event are
 * emitted in order of their first event, then of their later events, and a match discarded by
 * an earlier one of the same event is not emitted.
 *
 * <ul>
 *   <li>{@link #noSkip()}: every match is emitted.
 *   <li>{@link #skipToNext()}: partial matches that started with the match's first event (or
 *       before it) are discarded: at most one match per start event.
 *   <li>{@link #skipPastLastEvent()}: partial matches that started at or before the match's
 *       last event are discarded: matches do not overlap.
 *   <li>{@link #skipToFirst(String)}: partial matches that started before the first event bound
 *       to the name are discarded.
 *   <li>{@link #skipToLast(String)}: partial matches that started before the last event bound to
 *       the name are discarded.
 * </ul>
 *
 * <p>With {@code skipToFirst}/{@code skipToLast}, a match that holds no event of the name
 * discards nothing. Immutable.
 */
public final class AfterMatchSkipStrategy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of strategy. */
  public enum Kind {
    /** Keep every partial match. */
    NO_SKIP,
    /** Discard partial matches that started at or before the match's first event. */
    SKIP_TO_NEXT,
    /** Discard partial matches that started at or before the match's last event. */
    SKIP_PAST_LAST_EVENT,
    /** Discard partial matches that started before the first event of a name. */
    SKIP_TO_FIRST,
    /** Discard partial matches that started before the last event of a name. */
    SKIP_TO_LAST
  }

  private static final AfterMatchSkipStrategy NO_SKIP =
      new AfterMatchSkipStrategy(Kind.NO_SKIP, null);
  private static final AfterMatchSkipStrategy SKIP_TO_NEXT =
      new AfterMatchSkipStrategy(Kind.SKIP_TO_NEXT, null);
  private static final AfterMatchSkipStrategy SKIP_PAST_LAST =
      new AfterMatchSkipStrategy(Kind.SKIP_PAST_LAST_EVENT, null);

  private final Kind kind;
  private final String name;

  private AfterMatchSkipStrategy(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** Every match is emitted (the default). */
  public static AfterMatchSkipStrategy noSkip() {
    return NO_SKIP;
  }

  /** At most one match per start event. */
  public static AfterMatchSkipStrategy skipToNext() {
    return SKIP_TO_NEXT;
  }

  /** Matches do not overlap: the next match starts after this one's last event. */
  public static AfterMatchSkipStrategy skipPastLastEvent() {
    return SKIP_PAST_LAST;
  }

  /**
   * The next match starts at or after the first event bound to {@code name}.
   *
   * @param name a pattern name (checked against the pattern when it is set)
   * @return the strategy
   */
  public static AfterMatchSkipStrategy skipToFirst(String name) {
    return new AfterMatchSkipStrategy(Kind.SKIP_TO_FIRST, Objects.requireNonNull(name, "name"));
  }

  /**
   * The next match starts at or after the last event bound to {@code name}.
   *
   * @param name a pattern name (checked against the pattern when it is set)
   * @return the strategy
   */
  public static AfterMatchSkipStrategy skipToLast(String name) {
    return new AfterMatchSkipStrategy(Kind.SKIP_TO_LAST, Objects.requireNonNull(name, "name"));
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The pattern name of {@code SKIP_TO_FIRST}/{@code SKIP_TO_LAST}, else null. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AfterMatchSkipStrategy s && s.kind == kind && Objects.equals(s.name, name);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Objects.hashCode(name);
  }

  @Override
  public String toString() {
    return name == null ? kind.toString() : kind + "(" + name + ")";
  }
}
