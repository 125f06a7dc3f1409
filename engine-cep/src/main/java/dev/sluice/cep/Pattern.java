package dev.sluice.cep;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pattern over the events of one key, built fluently as in Flink CEP:
 *
 * <pre>{@code
 * Pattern<Txn> p = Pattern.<Txn>begin("login").where(t -> t.isLogin() && t.country().equals("US"))
 *     .followedBy("foreign").where(t -> t.isPayment() && !t.country().equals("US"))
 *     .within(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>A pattern is a sequence of steps (see {@link PatternStep}). The last step added is the
 * "current" one: {@code where}, {@code or}, {@code until} and the quantifiers ({@code times},
 * {@code oneOrMore}, {@code timesOrMore}, {@code optional}, {@code greedy}, {@code consecutive},
 * {@code allowCombinations}) apply to it. Conjunction ({@link #beginAllOf}, {@link
 * #followedByAllOf}) and disjunction ({@link #beginAnyOf}, {@link #followedByAnyOf}) are steps
 * of their own. {@link #within} bounds the whole match in event time; {@link #afterMatch} sets
 * the after-match skip strategy. The semantics of every operator are in {@code docs/cep.md}.
 *
 * <p>Immutable and serializable (if its conditions are): every method returns a new pattern.
 * Mistakes (a quantifier on a negation, a duplicate name, a second quantifier, ...) throw
 * {@link IllegalArgumentException} or {@link IllegalStateException} naming the step at once;
 * whole-pattern checks (a trailing negation without {@code within}, a skip strategy naming an
 * unknown step) run when the pattern is compiled and throw {@link IllegalArgumentException}.
 *
 * @param <T> the event type
 */
public final class Pattern<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most events a bounded quantifier may ask for (loops are unrolled up to this). */
  public static final int MAX_TIMES = 64;

  /** Most elements of a conjunction (its compiled states grow as 2^n). */
  public static final int MAX_ALL_OF = 6;

  /** No time bound. */
  public static final long NO_WITHIN = Long.MAX_VALUE;

  private final List<PatternStep<T>> steps;
  private final long withinMillis;
  private final AfterMatchSkipStrategy skip;

  private Pattern(List<PatternStep<T>> steps, long withinMillis, AfterMatchSkipStrategy skip) {
    this.steps = List.copyOf(steps);
    this.withinMillis = withinMillis;
    this.skip = skip;
  }

  // ---- starting ----

  /**
   * A pattern whose first step takes one event bound to {@code name} (any event, until a
   * {@code where} says otherwise).
   *
   * @param name the pattern name, not blank
   * @param <T> the event type
   * @return the pattern
   */
  public static <T> Pattern<T> begin(String name) {
    return new Pattern<T>(List.of(), NO_WITHIN, AfterMatchSkipStrategy.noSkip())
        .add(PatternStep.Kind.EVENT, Contiguity.RELAXED, List.of(event(name)));
  }

  /**
   * A pattern starting with a conjunction: one event for each element, in any order, with
   * relaxed contiguity between them.
   *
   * @param elements two to {@value #MAX_ALL_OF} named conditions
   * @param <T> the event type
   * @return the pattern
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <T> Pattern<T> beginAllOf(EventCondition<T>... elements) {
    return new Pattern<T>(List.of(), NO_WITHIN, AfterMatchSkipStrategy.noSkip())
        .add(PatternStep.Kind.ALL_OF, Contiguity.RELAXED, copy(elements));
  }

  /**
   * A pattern starting with a disjunction: one event that satisfies any element, bound to the
   * name of each element it satisfies (one match per satisfied element).
   *
   * @param elements two or more named conditions
   * @param <T> the event type
   * @return the pattern
   */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public static <T> Pattern<T> beginAnyOf(EventCondition<T>... elements) {
    return new Pattern<T>(List.of(), NO_WITHIN, AfterMatchSkipStrategy.noSkip())
        .add(PatternStep.Kind.ANY_OF, Contiguity.RELAXED, copy(elements));
  }

  /**
   * A named condition, an element of {@code allOf}/{@code anyOf} steps.
   *
   * @param name the pattern name, not blank
   * @param <T> the event type
   * @return an element accepting every event, until {@code where} narrows it
   */
  public static <T> EventCondition<T> event(String name) {
    return new EventCondition<>(name, Conditions.always());
  }

  // ---- sequencing ----

  /** Next step, strict contiguity: its event must come right after the previous step's. */
  public Pattern<T> next(String name) {
    return add(PatternStep.Kind.EVENT, Contiguity.STRICT, List.of(event(name)));
  }

  /** Next step, relaxed contiguity (skip till next). */
  public Pattern<T> followedBy(String name) {
    return add(PatternStep.Kind.EVENT, Contiguity.RELAXED, List.of(event(name)));
  }

  /** Next step, non-deterministic relaxed contiguity (skip till any). */
  public Pattern<T> followedByAny(String name) {
    return add(PatternStep.Kind.EVENT, Contiguity.ANY, List.of(event(name)));
  }

  /**
   * A negation: the event right after the previous step must not satisfy this step's condition
   * (given with {@code where}). At the end of a pattern it needs {@link #within}: the match is
   * then emitted when the next event does not satisfy the condition, or when the time bound
   * expires with no next event.
   */
  public Pattern<T> notNext(String name) {
    return add(PatternStep.Kind.NOT_NEXT, Contiguity.STRICT, List.of(event(name)));
  }

  /**
   * A negation: no event between the previous step and the next one may satisfy this step's
   * condition. At the end of a pattern it needs {@link #within}: the match is emitted when the
   * time bound expires without such an event.
   */
  public Pattern<T> notFollowedBy(String name) {
    return add(PatternStep.Kind.NOT_FOLLOWED_BY, Contiguity.RELAXED, List.of(event(name)));
  }

  /** A conjunction right after the previous step (its first event strictly contiguous). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final Pattern<T> nextAllOf(EventCondition<T>... elements) {
    return add(PatternStep.Kind.ALL_OF, Contiguity.STRICT, copy(elements));
  }

  /** A conjunction after the previous step (relaxed contiguity). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final Pattern<T> followedByAllOf(EventCondition<T>... elements) {
    return add(PatternStep.Kind.ALL_OF, Contiguity.RELAXED, copy(elements));
  }

  /** A disjunction right after the previous step (strict contiguity). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final Pattern<T> nextAnyOf(EventCondition<T>... elements) {
    return add(PatternStep.Kind.ANY_OF, Contiguity.STRICT, copy(elements));
  }

  /** A disjunction after the previous step (relaxed contiguity). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final Pattern<T> followedByAnyOf(EventCondition<T>... elements) {
    return add(PatternStep.Kind.ANY_OF, Contiguity.RELAXED, copy(elements));
  }

  /** A disjunction after the previous step (skip till any). */
  @SafeVarargs
  @SuppressWarnings("varargs")
  public final Pattern<T> followedByAnyAnyOf(EventCondition<T>... elements) {
    return add(PatternStep.Kind.ANY_OF, Contiguity.ANY, copy(elements));
  }

  // ---- conditions of the current step ----

  /** Adds a condition to the current step (and-ed with earlier ones). */
  public Pattern<T> where(SimpleCondition<T> condition) {
    return where(Conditions.simple(condition));
  }

  /** Adds an iterative condition to the current step (and-ed with earlier ones). */
  public Pattern<T> where(IterativeCondition<T> condition) {
    Objects.requireNonNull(condition, "condition");
    PatternStep<T> s = current("where");
    if (s.elements().size() != 1) {
      throw new IllegalStateException(
          "step '" + s.name() + "' is a conjunction or disjunction: give conditions to its"
              + " elements (Pattern.event(name).where(...))");
    }
    EventCondition<T> e = s.elements().get(0);
    return replace(
        s.withElements(
            List.of(new EventCondition<>(e.name(), Conditions.and(e.condition(), condition)))));
  }

  /** Or-s a condition into the current step's condition. */
  public Pattern<T> or(SimpleCondition<T> condition) {
    return or(Conditions.simple(condition));
  }

  /** Or-s an iterative condition into the current step's condition. */
  public Pattern<T> or(IterativeCondition<T> condition) {
    Objects.requireNonNull(condition, "condition");
    PatternStep<T> s = current("or");
    if (s.elements().size() != 1) {
      throw new IllegalStateException("step '" + s.name() + "': or(...) needs a single event step");
    }
    EventCondition<T> e = s.elements().get(0);
    return replace(
        s.withElements(
            List.of(new EventCondition<>(e.name(), Conditions.or(e.condition(), condition)))));
  }

  /**
   * Stop condition of the current loop: an event satisfying it is not taken by the loop, and the
   * loop takes no event after it (the pattern may go on with its next step).
   */
  public Pattern<T> until(SimpleCondition<T> condition) {
    return until(Conditions.simple(condition));
  }

  /** Iterative stop condition of the current loop; see {@link #until(SimpleCondition)}. */
  public Pattern<T> until(IterativeCondition<T> condition) {
    Objects.requireNonNull(condition, "condition");
    PatternStep<T> s = loop("until");
    if (s.until() != null) {
      throw new IllegalStateException("step '" + s.name() + "' already has an until condition");
    }
    return replace(s.withUntil(condition));
  }

  // ---- quantifiers of the current step ----

  /** The current step takes exactly {@code n} events (1 to {@value #MAX_TIMES}). */
  public Pattern<T> times(int n) {
    return times(n, n);
  }

  /** The current step takes {@code min} to {@code max} events (1 ≤ min ≤ max ≤ 64). */
  public Pattern<T> times(int min, int max) {
    if (min < 1 || max < min || max > MAX_TIMES) {
      throw new IllegalArgumentException(
          "times(" + min + ", " + max + "): need 1 <= min <= max <= " + MAX_TIMES);
    }
    return quantify("times", min, max);
  }

  /** The current step takes one or more events (a loop). */
  public Pattern<T> oneOrMore() {
    return quantify("oneOrMore", 1, Integer.MAX_VALUE);
  }

  /** The current step takes {@code n} or more events (1 to {@value #MAX_TIMES}). */
  public Pattern<T> timesOrMore(int n) {
    if (n < 1 || n > MAX_TIMES) {
      throw new IllegalArgumentException("timesOrMore(" + n + "): need 1 <= n <= " + MAX_TIMES);
    }
    return quantify("timesOrMore", n, Integer.MAX_VALUE);
  }

  /**
   * The current step may take no event at all (with a quantifier: none, or as many as the
   * quantifier says, so {@code times(2, 3).optional()} takes 0, 2 or 3 events).
   */
  public Pattern<T> optional() {
    PatternStep<T> s = single("optional");
    if (s.optional()) {
      throw new IllegalStateException("step '" + s.name() + "' is already optional");
    }
    return replace(s.withOptional());
  }

  /**
   * The current loop is greedy: while it can take an event (the event satisfies its condition
   * and it has not reached its maximum), it must, and the pattern does not go on with that
   * event.
   */
  public Pattern<T> greedy() {
    PatternStep<T> s = loop("greedy");
    return replace(s.withGreedy());
  }

  /** The events of the current loop must be contiguous (strict inner contiguity). */
  public Pattern<T> consecutive() {
    PatternStep<T> s = loop("consecutive");
    return replace(s.withInner(Contiguity.STRICT));
  }

  /** The events of the current loop are combined non-deterministically (skip till any inside). */
  public Pattern<T> allowCombinations() {
    PatternStep<T> s = loop("allowCombinations");
    return replace(s.withInner(Contiguity.ANY));
  }

  // ---- the whole pattern ----

  /**
   * Bounds the match in event time: its last event must be less than {@code duration} after its
   * first. Partial matches that can no longer complete are pruned when the watermark passes
   * their bound (and reported as timed out).
   *
   * @param duration at least one millisecond
   * @return the pattern
   */
  public Pattern<T> within(Duration duration) {
    long ms = Objects.requireNonNull(duration, "duration").toMillis();
    if (ms < 1) {
      throw new IllegalArgumentException("within(" + duration + "): need at least 1 ms");
    }
    return new Pattern<>(steps, ms, skip);
  }

  /** Sets the after-match skip strategy (default {@link AfterMatchSkipStrategy#noSkip()}). */
  public Pattern<T> afterMatch(AfterMatchSkipStrategy strategy) {
    return new Pattern<>(steps, withinMillis, Objects.requireNonNull(strategy, "strategy"));
  }

  /** The steps, first to last. */
  public List<PatternStep<T>> steps() {
    return steps;
  }

  /** The time bound in milliseconds, or {@link #NO_WITHIN}. */
  public long withinMillis() {
    return withinMillis;
  }

  /** The after-match skip strategy. */
  public AfterMatchSkipStrategy skipStrategy() {
    return skip;
  }

  /** The names of the positive steps' events, in pattern order (negations left out). */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (PatternStep<T> s : steps) {
      if (!s.isNegation()) {
        for (EventCondition<T> e : s.elements()) {
          names.add(e.name());
        }
      }
    }
    return names;
  }

  /**
   * Checks what only a whole pattern can tell: at least one required positive step, a time bound
   * after a trailing negation, a skip strategy naming a known step.
   *
   * @throws IllegalArgumentException describing the first problem
   */
  public void validate() {
    boolean required = false;
    for (PatternStep<T> s : steps) {
      required |= !s.isNegation() && !s.optional();
    }
    if (!required) {
      throw new IllegalArgumentException("pattern " + this + " requires no event");
    }
    for (int i = steps.size() - 1; i >= 0; i--) {
      PatternStep<T> s = steps.get(i);
      if (!s.isNegation() && !s.optional()) {
        break;
      }
      if (s.isNegation() && withinMillis == NO_WITHIN) {
        throw new IllegalArgumentException(
            "pattern " + this + ": negation '" + s.name() + "' may end a match (only optional"
                + " steps follow it), so the pattern needs within(...)");
      }
    }
    if (skip.name() != null && !names().contains(skip.name())) {
      throw new IllegalArgumentException(
          "after-match strategy " + skip + " names no step of pattern " + this);
    }
  }

  private Pattern<T> add(PatternStep.Kind kind, Contiguity c, List<EventCondition<T>> elements) {
    for (EventCondition<T> e : elements) {
      Objects.requireNonNull(e, "element");
    }
    if ((kind == PatternStep.Kind.ALL_OF || kind == PatternStep.Kind.ANY_OF)
        && elements.size() < 2) {
      throw new IllegalArgumentException(kind + " needs at least two elements, got " + elements);
    }
    if (kind == PatternStep.Kind.ALL_OF && elements.size() > MAX_ALL_OF) {
      throw new IllegalArgumentException(
          "ALL_OF takes at most " + MAX_ALL_OF + " elements, got " + elements.size());
    }
    Set<String> names = new HashSet<>();
    for (PatternStep<T> s : steps) {
      for (EventCondition<T> e : s.elements()) {
        names.add(e.name());
      }
    }
    for (EventCondition<T> e : elements) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("pattern name '" + e.name() + "' is used twice");
      }
    }
    if (steps.isEmpty() && (kind == PatternStep.Kind.NOT_NEXT
        || kind == PatternStep.Kind.NOT_FOLLOWED_BY)) {
      throw new IllegalArgumentException("a pattern cannot begin with a negation");
    }
    List<PatternStep<T>> next = new ArrayList<>(steps);
    next.add(new PatternStep<>(kind, c, elements, 1, 1, false, false, Contiguity.RELAXED, null));
    return new Pattern<>(next, withinMillis, skip);
  }

  private static <T> List<EventCondition<T>> copy(EventCondition<T>[] elements) {
    List<EventCondition<T>> l = new ArrayList<>(elements.length);
    for (EventCondition<T> e : elements) {
      l.add(e);
    }
    return l;
  }

  private PatternStep<T> current(String what) {
    return steps.get(steps.size() - 1);
  }

  private PatternStep<T> single(String what) {
    PatternStep<T> s = current(what);
    if (s.kind() != PatternStep.Kind.EVENT) {
      throw new IllegalStateException(
          what + "(): step '" + s.name() + "' is a " + s.kind() + " step; quantifiers apply to"
              + " single-event steps only");
    }
    return s;
  }

  private PatternStep<T> loop(String what) {
    PatternStep<T> s = single(what);
    if (!s.isLoop()) {
      throw new IllegalStateException(
          what + "(): step '" + s.name() + "' is not a loop (use times, oneOrMore or timesOrMore"
              + " first)");
    }
    return s;
  }

  private Pattern<T> quantify(String what, int min, int max) {
    PatternStep<T> s = single(what);
    if (s.minTimes() != 1 || s.maxTimes() != 1) {
      throw new IllegalStateException(
          what + "(): step '" + s.name() + "' already has a quantifier");
    }
    return replace(s.withTimes(min, max));
  }

  private Pattern<T> replace(PatternStep<T> s) {
    List<PatternStep<T>> next = new ArrayList<>(steps);
    next.set(next.size() - 1, s);
    return new Pattern<>(next, withinMillis, skip);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (PatternStep<T> s : steps) {
      if (b.length() > 0) {
        b.append(switch (s.kind()) {
          case NOT_NEXT -> " !next ";
          case NOT_FOLLOWED_BY -> " !followedBy ";
          default -> switch (s.contiguity()) {
            case STRICT -> " next ";
            case RELAXED -> " followedBy ";
            case ANY -> " followedByAny ";
          };
        });
      }
      b.append(s.kind() == PatternStep.Kind.ALL_OF ? "allOf(" : s.kind() == PatternStep.Kind.ANY_OF ? "anyOf(" : "")
          .append(s.name())
          .append(s.kind() == PatternStep.Kind.ALL_OF || s.kind() == PatternStep.Kind.ANY_OF ? ")" : "");
      if (s.optional()) {
        b.append('?');
      }
      if (s.minTimes() != 1 || s.maxTimes() != 1) {
        b.append('{').append(s.minTimes()).append(',')
            .append(s.maxTimes() == Integer.MAX_VALUE ? "" : String.valueOf(s.maxTimes())).append('}');
      }
      if (s.greedy()) {
        b.append(" greedy");
      }
    }
    if (withinMillis != NO_WITHIN) {
      b.append(" within ").append(withinMillis).append("ms");
    }
    return b.toString();
  }
}
