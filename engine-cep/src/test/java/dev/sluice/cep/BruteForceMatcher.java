package dev.sluice.cep;

import dev.sluice.cep.PatternSpec.Cond;
import dev.sluice.cep.PatternSpec.Kind;
import dev.sluice.cep.PatternSpec.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The reference: enumerates, for one key's events in event-time order, every assignment of events
 * to pattern positions and keeps those satisfying the pattern's semantics, each checked over the
 * whole gap between two matched events (not incrementally, as the NFA does):
 *
 * <ul>
 *   <li>each matched event satisfies its position's condition (evaluated on the events matched
 *       before it) and not its loop's until condition;
 *   <li>between two matched events x and y, every skipped event z respects y's position: none for
 *       strict contiguity; z does not satisfy y's condition for relaxed contiguity; anything for
 *       skip-till-any; z does not satisfy y's until condition;
 *   <li>negations crossed between x and y: notNext — the event right after x does not satisfy
 *       it; notFollowedBy — no event after x up to and including y satisfies it;
 *   <li>greedy loop containing x: the first event after x the loop could take must be taken by
 *       it (it is y, as the loop's next event);
 *   <li>the last event is less than {@code within} after the first;
 *   <li>a match ending before trailing negations completes if, among the events after its last
 *       one and less than {@code within} after its first, no event violates them (and none is
 *       forced into a greedy loop it ends in).
 * </ul>
 *
 * Then the after-match skip strategy filters the matches in emission order.
 */
final class BruteForceMatcher {
  private final PatternSpec spec;
  private final List<Step> positive = new ArrayList<>();
  private final List<List<Step>> negationsBefore = new ArrayList<>();
  private final List<Step> trailing = new ArrayList<>();

  BruteForceMatcher(PatternSpec spec) {
    this.spec = spec;
    List<Step> negs = new ArrayList<>();
    for (Step s : spec.steps()) {
      if (s.negation()) {
        negs.add(s);
      } else {
        positive.add(s);
        negationsBefore.add(negs);
        negs = new ArrayList<>();
      }
    }
    trailing.addAll(negs);
  }

  /** A match: event indices (into the key's ordered events) and the names they are bound to. */
  record Found(int[] idx, String[] names) {}

  private record Move(int step, long progress, String name, Cond cond, Cond until,
      Contiguity contiguity, boolean continuation, List<Cond> notNext, List<Cond> notFollowed) {}

  private record End(List<Cond> notNext, List<Cond> notFollowed) {}

  private List<Ev> evs;
  private long[] ts;
  private final List<Found> found = new ArrayList<>();

  /** The matches among {@code events} (one key, event-time order), after the skip strategy. */
  List<Found> matches(List<Ev> events, long[] times) {
    this.evs = events;
    this.ts = times;
    found.clear();
    for (Move m : moves(-1, 0)) {
      for (int b = 0; b < evs.size(); b++) {
        if (takes(m, b, List.of(), List.of())) {
          step(new int[] {b}, new String[] {m.name}, m.step, m.progress, b);
        }
      }
    }
    return skip(new ArrayList<>(found));
  }

  private void step(int[] idx, String[] names, int j, long progress, int a) {
    End end = end(j, progress);
    if (end != null) {
      if (end.notNext.isEmpty() && end.notFollowed.isEmpty()) {
        found.add(new Found(idx, names));
      } else if (pendingHolds(idx, names, j, progress, end)) {
        found.add(new Found(idx, names));
      }
    }
    List<String> prefixNames = Arrays.asList(names);
    List<Ev> prefix = events(idx);
    int start = idx[0];
    for (Move m : moves(j, progress)) {
      for (int b = a + 1; b < evs.size(); b++) {
        if (spec.within() != Pattern.NO_WITHIN && ts[b] - ts[start] >= spec.within()) {
          break;
        }
        if (!gapAllows(m, a, b, prefixNames, prefix)) {
          continue;
        }
        if (!guardsAllow(m, a, b, prefixNames, prefix)) {
          continue;
        }
        if (greedyForces(j, progress, a, b, prefixNames, prefix, m.continuation)) {
          continue;
        }
        if (!takes(m, b, prefixNames, prefix)) {
          continue;
        }
        int[] idx2 = Arrays.copyOf(idx, idx.length + 1);
        idx2[idx.length] = b;
        String[] n2 = Arrays.copyOf(names, names.length + 1);
        n2[names.length] = m.name;
        step(idx2, n2, m.step, m.progress, b);
      }
    }
  }

  private List<Ev> events(int[] idx) {
    List<Ev> l = new ArrayList<>();
    for (int i : idx) {
      l.add(evs.get(i));
    }
    return l;
  }

  private boolean takes(Move m, int b, List<String> names, List<Ev> prefix) {
    Ev e = evs.get(b);
    return (m.until == null || !m.until.test(e, names, prefix)) && m.cond.test(e, names, prefix);
  }

  /** Every skipped event in (a, b) must leave y's position open. */
  private boolean gapAllows(Move m, int a, int b, List<String> names, List<Ev> prefix) {
    for (int z = a + 1; z < b; z++) {
      Ev e = evs.get(z);
      if (m.until != null && m.until.test(e, names, prefix)) {
        return false;
      }
      switch (m.contiguity) {
        case STRICT -> {
          return false;
        }
        case RELAXED -> {
          if (m.cond.test(e, names, prefix)) {
            return false;
          }
        }
        case ANY -> { }
      }
    }
    return true;
  }

  private boolean guardsAllow(Move m, int a, int b, List<String> names, List<Ev> prefix) {
    for (Cond c : m.notNext) {
      if (c.test(evs.get(a + 1), names, prefix)) {
        return false;
      }
    }
    for (Cond c : m.notFollowed) {
      for (int z = a + 1; z <= b; z++) {
        if (c.test(evs.get(z), names, prefix)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the greedy loop of position (j, progress) takes an event in (a, b] other than b as
   * its own next event (which forbids the move).
   */
  private boolean greedyForces(int j, long progress, int a, int b, List<String> names,
      List<Ev> prefix, boolean continuation) {
    int z = greedyTake(j, progress, a, b, names, prefix);
    return z >= 0 && !(z == b && continuation);
  }

  /** The first event in (a, last] the greedy loop at (j, progress) must take, or -1. */
  private int greedyTake(int j, long progress, int a, int last, List<String> names,
      List<Ev> prefix) {
    if (j < 0) {
      return -1;
    }
    Step s = positive.get(j);
    if (s.kind() != Kind.EVENT || !s.greedy() || (s.max() != PatternSpec.UNBOUNDED
        && progress >= s.max())) {
      return -1;
    }
    Cond c = s.conds().get(0);
    for (int z = a + 1; z <= last; z++) {
      Ev e = evs.get(z);
      boolean stop = s.until() != null && s.until().test(e, names, prefix);
      if (!stop && c.test(e, names, prefix)) {
        return z;
      }
      if (stop || s.inner() == Contiguity.STRICT) {
        return -1; // the loop is closed from here on
      }
      // relaxed: z does not satisfy the loop, so it stays open; any: it stays open
    }
    return -1;
  }

  private boolean pendingHolds(int[] idx, String[] names, int j, long progress, End end) {
    List<String> n = Arrays.asList(names);
    List<Ev> prefix = events(idx);
    int a = idx[idx.length - 1];
    long limit = ts[idx[0]] + spec.within();
    int first = a + 1;
    for (int z = a + 1; z < evs.size() && ts[z] < limit; z++) {
      Ev e = evs.get(z);
      for (Cond c : end.notFollowed) {
        if (c.test(e, n, prefix)) {
          return false;
        }
      }
      if (z == first) {
        for (Cond c : end.notNext) {
          if (c.test(e, n, prefix)) {
            return false;
          }
        }
        if (end.notFollowed.isEmpty()) {
          return true; // decided by the next event
        }
      }
      if (greedyTake(j, progress, z - 1, z, n, prefix) == z
          && greedyOpen(j, progress, a, z, n, prefix)) {
        return false; // the loop takes z: the partial match moves on without completing
      }
    }
    return true;
  }

  /** Whether the greedy loop is still open just before z (no until or strict break before). */
  private boolean greedyOpen(int j, long progress, int a, int z, List<String> names,
      List<Ev> prefix) {
    return greedyTake(j, progress, a, z, names, prefix) == z;
  }

  /** Whether position (j, progress) can end the pattern, and under which trailing negations. */
  private End end(int j, long progress) {
    if (!done(j, progress)) {
      return null;
    }
    List<Cond> nn = new ArrayList<>();
    List<Cond> nf = new ArrayList<>();
    for (int k = j + 1; k < positive.size(); k++) {
      addNegations(negationsBefore.get(k), nn, nf);
      if (!positive.get(k).optional()) {
        return null;
      }
    }
    addNegations(trailing, nn, nf);
    return new End(nn, nf);
  }

  private static void addNegations(List<Step> negs, List<Cond> nn, List<Cond> nf) {
    for (Step s : negs) {
      (s.kind() == Kind.NOT_NEXT ? nn : nf).add(s.conds().get(0));
    }
  }

  private boolean done(int j, long progress) {
    if (j < 0) {
      return true;
    }
    Step s = positive.get(j);
    return switch (s.kind()) {
      case EVENT -> progress >= s.min();
      case ALL_OF -> progress == (1L << s.names().size()) - 1;
      default -> true;
    };
  }

  /** Every position an event may take next from (j, progress). */
  private List<Move> moves(int j, long progress) {
    List<Move> out = new ArrayList<>();
    if (j >= 0) {
      Step s = positive.get(j);
      if (s.kind() == Kind.EVENT && (s.max() == PatternSpec.UNBOUNDED || progress < s.max())) {
        out.add(new Move(j, progress + 1, s.names().get(0), s.conds().get(0), s.until(),
            s.inner(), true, List.of(), List.of()));
      }
      if (s.kind() == Kind.ALL_OF) {
        for (int i = 0; i < s.names().size(); i++) {
          if ((progress & (1L << i)) == 0) {
            out.add(new Move(j, progress | (1L << i), s.names().get(i), s.conds().get(i), null,
                Contiguity.RELAXED, true, List.of(), List.of()));
          }
        }
      }
    }
    if (!done(j, progress)) {
      return out;
    }
    List<Cond> nn = new ArrayList<>();
    List<Cond> nf = new ArrayList<>();
    for (int k = j + 1; k < positive.size(); k++) {
      addNegations(negationsBefore.get(k), nn, nf);
      Step s = positive.get(k);
      for (int i = 0; i < s.names().size(); i++) {
        long p = switch (s.kind()) {
          case EVENT, ANY_OF -> 1;
          default -> 1L << i;
        };
        out.add(new Move(k, p, s.names().get(i), s.conds().get(i),
            s.kind() == Kind.EVENT ? s.until() : null, s.contiguity(), false,
            List.copyOf(nn), List.copyOf(nf)));
      }
      if (!(s.kind() == Kind.EVENT && s.optional())) {
        break;
      }
    }
    return out;
  }

  /** Applies the skip strategy in emission order (last event, then the events' order). */
  private List<Found> skip(List<Found> all) {
    Comparator<Found> order = Comparator.<Found>comparingInt(f -> f.idx[f.idx.length - 1])
        .thenComparing((x, y) -> Arrays.compare(x.idx, y.idx));
    all.sort(order);
    AfterMatchSkipStrategy s = spec.skip();
    if (s.kind() == AfterMatchSkipStrategy.Kind.NO_SKIP) {
      return all;
    }
    List<Found> emitted = new ArrayList<>();
    for (Found m : all) {
      boolean pruned = false;
      for (Found e : emitted) {
        pruned |= prunes(s, e, m.idx[0]);
      }
      if (!pruned) {
        emitted.add(m);
      }
    }
    return emitted;
  }

  private static boolean prunes(AfterMatchSkipStrategy s, Found e, int start) {
    switch (s.kind()) {
      case SKIP_TO_NEXT:
        return start <= e.idx[0];
      case SKIP_PAST_LAST_EVENT:
        return start <= e.idx[e.idx.length - 1];
      default:
        int first = -1;
        int last = -1;
        for (int i = 0; i < e.idx.length; i++) {
          if (e.names[i].equals(s.name())) {
            last = e.idx[i];
            if (first < 0) {
              first = e.idx[i];
            }
          }
        }
        if (first < 0) {
          return false;
        }
        return start < (s.kind() == AfterMatchSkipStrategy.Kind.SKIP_TO_FIRST ? first : last);
    }
  }
}
