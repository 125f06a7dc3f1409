package dev.sluice.cep;

import dev.sluice.testsupport.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test-side description of a pattern: the generator draws it, {@link #toPattern()} builds the
 * same pattern through the public API, and {@link BruteForceMatcher} interprets it directly.
 */
record PatternSpec(List<Step> steps, long within, AfterMatchSkipStrategy skip) {

  enum Kind { EVENT, ALL_OF, ANY_OF, NOT_NEXT, NOT_FOLLOWED_BY }

  static final int UNBOUNDED = Integer.MAX_VALUE;

  /** A condition: the event's type is one of {@code types}; if {@code ref} is set, its value is
   * at least that of the last event bound to {@code ref} so far (iterative). */
  record Cond(String types, String ref) {
    boolean test(Ev e, List<String> names, List<Ev> events) {
      if (types.indexOf(e.type()) < 0) {
        return false;
      }
      if (ref == null) {
        return true;
      }
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equals(ref)) {
          return e.value() >= events.get(i).value();
        }
      }
      return true;
    }

    IterativeCondition<Ev> toCondition() {
      String t = types;
      String r = ref;
      if (r == null) {
        SimpleCondition<Ev> s = e -> t.indexOf(e.type()) >= 0;
        return new IterativeCondition<>() {
          private static final long serialVersionUID = 1L;

          @Override
          public boolean test(Ev e, MatchContext<Ev> ctx) {
            return s.test(e);
          }

          @Override
          public SimpleCondition<Ev> asSimple() {
            return s;
          }
        };
      }
      return (e, ctx) -> {
        if (t.indexOf(e.type()) < 0) {
          return false;
        }
        Ev last = ctx.last(r);
        return last == null || e.value() >= last.value();
      };
    }

    @Override
    public String toString() {
      return "[" + types + "]" + (ref == null ? "" : ">=" + ref);
    }
  }

  record Step(Kind kind, Contiguity contiguity, List<String> names, List<Cond> conds, int min,
      int max, boolean optional, boolean greedy, Contiguity inner, Cond until) {
    boolean negation() {
      return kind == Kind.NOT_NEXT || kind == Kind.NOT_FOLLOWED_BY;
    }

    boolean loop() {
      return kind == Kind.EVENT && max > 1;
    }

    @Override
    public String toString() {
      String q = min == 1 && max == 1 ? "" : "{" + min + "," + (max == UNBOUNDED ? "" : max) + "}";
      return kind + "/" + contiguity + " " + names + conds + q + (optional ? "?" : "")
          + (greedy ? " greedy" : "")
          + (loop() ? " inner=" + inner : "") + (until == null ? "" : " until" + until);
    }
  }

  Pattern<Ev> toPattern() {
    Pattern<Ev> p = null;
    for (Step s : steps) {
      List<EventCondition<Ev>> els = new ArrayList<>();
      for (int i = 0; i < s.names.size(); i++) {
        els.add(Pattern.<Ev>event(s.names.get(i)).where(s.conds.get(i).toCondition()));
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      EventCondition<Ev>[] a = els.toArray(new EventCondition[0]);
      String n = s.names.get(0);
      if (p == null) {
        p = switch (s.kind) {
          case EVENT -> Pattern.<Ev>begin(n);
          case ALL_OF -> Pattern.beginAllOf(a);
          case ANY_OF -> Pattern.beginAnyOf(a);
          default -> throw new IllegalStateException();
        };
      } else {
        p = switch (s.kind) {
          case EVENT -> switch (s.contiguity) {
            case STRICT -> p.next(n);
            case RELAXED -> p.followedBy(n);
            case ANY -> p.followedByAny(n);
          };
          case ALL_OF -> s.contiguity == Contiguity.STRICT ? p.nextAllOf(a) : p.followedByAllOf(a);
          case ANY_OF -> switch (s.contiguity) {
            case STRICT -> p.nextAnyOf(a);
            case RELAXED -> p.followedByAnyOf(a);
            case ANY -> p.followedByAnyAnyOf(a);
          };
          case NOT_NEXT -> p.notNext(n);
          case NOT_FOLLOWED_BY -> p.notFollowedBy(n);
        };
      }
      if (s.kind == Kind.EVENT || s.negation()) {
        p = p.where(s.conds.get(0).toCondition());
      }
      if (s.kind == Kind.EVENT) {
        if (s.max == UNBOUNDED) {
          p = s.min == 1 ? p.oneOrMore() : p.timesOrMore(s.min);
        } else if (s.max > 1) {
          p = p.times(s.min, s.max);
        }
        if (s.optional) {
          p = p.optional();
        }
        if (s.loop()) {
          if (s.inner == Contiguity.STRICT) {
            p = p.consecutive();
          } else if (s.inner == Contiguity.ANY) {
            p = p.allowCombinations();
          }
          if (s.greedy) {
            p = p.greedy();
          }
          if (s.until != null) {
            p = p.until(s.until.toCondition());
          }
        }
      }
    }
    if (within != Pattern.NO_WITHIN) {
      p = p.within(Duration.ofMillis(within));
    }
    return p.afterMatch(skip);
  }

  // ---- generation ----

  /** Features a property test can insist on. */
  enum Feature {
    NEXT, FOLLOWED_BY, FOLLOWED_BY_ANY, NOT_NEXT, NOT_FOLLOWED_BY, NOT_FOLLOWED_BY_AT_END,
    NOT_NEXT_AT_END, TIMES, TIMES_RANGE, ONE_OR_MORE, TIMES_OR_MORE, OPTIONAL, GREEDY,
    CONSECUTIVE, ALLOW_COMBINATIONS, UNTIL, ALL_OF, ANY_OF, WITHIN, ITERATIVE
  }

  private static final String TYPES = "abcd";

  static Cond cond(Generator g, List<String> earlier, boolean allowIterative) {
    String types = g.chance(0.7) ? String.valueOf(g.pick('a', 'b', 'c', 'd'))
        : g.stringOf(TYPES, 2, 2);
    String ref = allowIterative && !earlier.isEmpty() && g.chance(0.25) ? g.pick(earlier) : null;
    return new Cond(types, ref);
  }

  /** A random pattern holding {@code feature} (null: any), with the given skip strategy. */
  static PatternSpec generate(Generator g, Feature feature, AfterMatchSkipStrategy.Kind skipKind,
      boolean allowTrailingNegation) {
    while (true) {
      PatternSpec p = attempt(g, feature, skipKind, allowTrailingNegation);
      if (p != null) {
        return p;
      }
    }
  }

  private static PatternSpec attempt(Generator g, Feature f, AfterMatchSkipStrategy.Kind skipKind,
      boolean allowTrailingNegation) {
    int positives = g.intBetween(1, 3);
    int featureAt = g.intBetween(0, positives - 1);
    List<Step> steps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean iterative = f == Feature.ITERATIVE;
    int nameCounter = 0;
    for (int i = 0; i < positives; i++) {
      boolean here = i == featureAt;
      boolean first = i == 0;
      // a negation before this step?
      if (!first && (g.chance(0.15) || (here && (f == Feature.NOT_NEXT || f == Feature.NOT_FOLLOWED_BY)))) {
        Kind nk = here && f == Feature.NOT_NEXT ? Kind.NOT_NEXT
            : here && f == Feature.NOT_FOLLOWED_BY ? Kind.NOT_FOLLOWED_BY
            : g.bool() ? Kind.NOT_NEXT : Kind.NOT_FOLLOWED_BY;
        String n = "n" + nameCounter++;
        steps.add(new Step(nk, Contiguity.RELAXED, List.of(n), List.of(cond(g, List.of(), false)),
            1, 1, false, false, Contiguity.RELAXED, null));
      }
      Kind kind = here && f == Feature.ALL_OF ? Kind.ALL_OF
          : here && f == Feature.ANY_OF ? Kind.ANY_OF
          : g.chance(0.8) ? Kind.EVENT : g.bool() ? Kind.ALL_OF : Kind.ANY_OF;
      Contiguity c = here && f == Feature.NEXT ? Contiguity.STRICT
          : here && f == Feature.FOLLOWED_BY ? Contiguity.RELAXED
          : here && f == Feature.FOLLOWED_BY_ANY ? Contiguity.ANY
          : g.pick(Contiguity.STRICT, Contiguity.RELAXED, Contiguity.RELAXED, Contiguity.ANY);
      if (kind == Kind.ALL_OF && c == Contiguity.ANY) {
        c = Contiguity.RELAXED;
      }
      if (here && first && (f == Feature.NEXT || f == Feature.FOLLOWED_BY
          || f == Feature.FOLLOWED_BY_ANY)) {
        return null; // contiguity needs a previous step
      }
      int elements = kind == Kind.EVENT ? 1 : g.intBetween(2, 3);
      List<String> ns = new ArrayList<>();
      List<Cond> cs = new ArrayList<>();
      for (int e = 0; e < elements; e++) {
        ns.add("p" + nameCounter++);
        cs.add(cond(g, names, iterative || g.chance(0.2)));
      }
      int min = 1;
      int max = 1;
      boolean greedy = false;
      boolean optional = false;
      Contiguity inner = Contiguity.RELAXED;
      Cond until = null;
      if (kind == Kind.EVENT) {
        Feature q = here ? f : null;
        int roll = g.intBetween(0, 9);
        if (q == Feature.TIMES || (q == null && roll == 0)) {
          min = max = g.intBetween(2, 3);
        } else if (q == Feature.TIMES_RANGE || (q == null && roll == 1)) {
          min = g.intBetween(1, 2);
          max = min + g.intBetween(1, 2);
        } else if (q == Feature.ONE_OR_MORE || (q == null && roll == 2)) {
          min = 1;
          max = UNBOUNDED;
        } else if (q == Feature.TIMES_OR_MORE || (q == null && roll == 3)) {
          min = g.intBetween(2, 3);
          max = UNBOUNDED;
        } else if (q == Feature.GREEDY || q == Feature.CONSECUTIVE || q == Feature.UNTIL
            || q == Feature.ALLOW_COMBINATIONS) {
          min = g.intBetween(1, 2);
          max = g.bool() ? UNBOUNDED : min + 1;
        }
        optional = q == Feature.OPTIONAL || (q == null && g.chance(0.15));
        if (max > 1) {
          inner = q == Feature.CONSECUTIVE ? Contiguity.STRICT
              : q == Feature.ALLOW_COMBINATIONS ? Contiguity.ANY
              : g.pick(Contiguity.RELAXED, Contiguity.RELAXED, Contiguity.STRICT, Contiguity.ANY);
          greedy = q == Feature.GREEDY || g.chance(0.15);
          if (q == Feature.UNTIL || g.chance(0.15)) {
            until = cond(g, List.of(), false);
          }
        }
      } else if (here && f != Feature.ALL_OF && f != Feature.ANY_OF && f != null
          && f != Feature.ITERATIVE && f != Feature.WITHIN && f != Feature.NOT_NEXT
          && f != Feature.NOT_FOLLOWED_BY && f != Feature.NEXT && f != Feature.FOLLOWED_BY
          && f != Feature.FOLLOWED_BY_ANY && f != Feature.NOT_FOLLOWED_BY_AT_END
          && f != Feature.NOT_NEXT_AT_END) {
        return null;
      }
      steps.add(new Step(kind, c, ns, cs, min, max, optional, greedy, inner, until));
      names.addAll(ns);
    }
    boolean trailing = f == Feature.NOT_FOLLOWED_BY_AT_END || f == Feature.NOT_NEXT_AT_END
        || (allowTrailingNegation && f == null && g.chance(0.1));
    if (trailing) {
      Kind nk = f == Feature.NOT_NEXT_AT_END ? Kind.NOT_NEXT
          : f == Feature.NOT_FOLLOWED_BY_AT_END ? Kind.NOT_FOLLOWED_BY
          : g.bool() ? Kind.NOT_NEXT : Kind.NOT_FOLLOWED_BY;
      steps.add(new Step(nk, Contiguity.RELAXED, List.of("n" + nameCounter++),
          List.of(cond(g, List.of(), false)), 1, 1, false, false, Contiguity.RELAXED, null));
    }
    long within = f == Feature.WITHIN || trailing || g.chance(0.4) ? g.intBetween(2, 12)
        : Pattern.NO_WITHIN;
    // a negation followed only by optional steps ends a match: it needs within
    boolean required = false;
    boolean needsWithin = false;
    for (int i = steps.size() - 1; i >= 0 && !required; i--) {
      Step s = steps.get(i);
      required = !s.negation() && !s.optional();
      needsWithin |= s.negation() && !required;
    }
    boolean anyRequired = steps.stream().anyMatch(s -> !s.negation() && !s.optional());
    if (!anyRequired) {
      return null;
    }
    if (needsWithin && within == Pattern.NO_WITHIN) {
      if (!allowTrailingNegation && f != Feature.WITHIN) {
        return null;
      }
      within = g.intBetween(2, 12);
    }
    if (!allowTrailingNegation && needsWithin) {
      return null;
    }
    AfterMatchSkipStrategy skip = switch (skipKind) {
      case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
      case SKIP_TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
      case SKIP_PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
      case SKIP_TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(g.pick(names));
      case SKIP_TO_LAST -> AfterMatchSkipStrategy.skipToLast(g.pick(names));
    };
    return new PatternSpec(steps, within, skip);
  }

  static final Set<Character> TYPE_SET = Set.of('a', 'b', 'c', 'd');
}
