package dev.sluice.cep.internal;

import dev.sluice.cep.AfterMatchSkipStrategy;
import dev.sluice.cep.Contiguity;
import dev.sluice.cep.EventCondition;
import dev.sluice.cep.IterativeCondition;
import dev.sluice.cep.Pattern;
import dev.sluice.cep.PatternStep;
import dev.sluice.cep.SimpleCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern compiled to a non-deterministic automaton. State 0 is the start: its edges are tried
 * on every event and open new partial matches. A state is a position in the pattern (a step and
 * how far it got: a count for loops, the set of elements taken for a conjunction); its edges are
 * every take that can come next, through steps that may be skipped (optional ones), each with
 * its contiguity and the negation guards it crosses. Loops are unrolled up to their bound (an
 * unbounded loop's last state loops on itself).
 *
 * <p>Immutable and shareable between threads; holds the pattern's conditions.
 */
public final class Nfa<T> {
  /** Most edges of a state (the alive mask of a partial match is an int). */
  static final int MAX_TRANSITIONS = 29;
  /** Alive-mask bit: a match waits for the time bound (trailing negation). */
  static final int PENDING_BIT = 1 << 29;
  /** Alive-mask bit: no event was skipped since the partial match's last event. */
  static final int FRESH_BIT = 1 << 30;

  final NfaState<T>[] states;
  final String[] bindings;
  final long withinMillis;
  final AfterMatchSkipStrategy skip;
  final int skipBinding;
  /** Every condition is simple and no edge is strict or a notNext: irrelevant events can go. */
  final boolean skipTolerant;
  /** All conditions of the pattern when {@link #skipTolerant}, else null. */
  final SimpleCondition<T>[] relevance;
  final Pattern<T> pattern;

  private Nfa(Pattern<T> pattern, NfaState<T>[] states, String[] bindings,
      SimpleCondition<T>[] relevance) {
    this.pattern = pattern;
    this.states = states;
    this.bindings = bindings;
    this.withinMillis = pattern.withinMillis();
    this.skip = pattern.skipStrategy();
    int sb = -1;
    for (int i = 0; i < bindings.length; i++) {
      if (bindings[i].equals(skip.name())) {
        sb = i;
      }
    }
    this.skipBinding = sb;
    this.relevance = relevance;
    this.skipTolerant = relevance != null;
  }

  /** The binding index of {@code name}, or -1. */
  int bindingOf(String name) {
    for (int i = 0; i < bindings.length; i++) {
      if (bindings[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The number of states, the start included. */
  public int stateCount() {
    return states.length;
  }

  /** A description of the states and edges, for debugging. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      NfaState<T> s = states[i];
      b.append(i).append(' ').append(s.label).append(s.accept ? " accept" : "")
          .append(s.pending ? " pending" : "").append('\n');
      for (Transition<T> t : s.transitions) {
        b.append("  -").append(bindings[t.binding]).append('/').append(t.contiguity)
            .append(t.greedy ? "/greedy" : "").append(t.notNext.length > 0 ? "/!next" : "")
            .append(t.notFollowed.length > 0 ? "/!followed" : "").append("-> ").append(t.target)
            .append('\n');
      }
    }
    return b.toString();
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException if the pattern is invalid or too large
   */
  public static <T> Nfa<T> compile(Pattern<T> pattern) {
    pattern.validate();
    return new Compiler<>(pattern).run();
  }

  private static final class Compiler<T> {
    private final Pattern<T> pattern;
    private final List<PatternStep<T>> positive = new ArrayList<>();
    private final List<List<PatternStep<T>>> negationsBefore = new ArrayList<>();
    private final List<PatternStep<T>> trailing = new ArrayList<>();
    private final List<String> bindings = new ArrayList<>();
    private final int[] firstBinding;
    private final Map<Long, Integer> ids = new HashMap<>();
    private final List<long[]> keys = new ArrayList<>();
    private boolean strictOrNotNext;

    Compiler(Pattern<T> pattern) {
      this.pattern = pattern;
      List<PatternStep<T>> negs = new ArrayList<>();
      for (PatternStep<T> s : pattern.steps()) {
        if (s.isNegation()) {
          negs.add(s);
          strictOrNotNext |= s.kind() == PatternStep.Kind.NOT_NEXT;
        } else {
          positive.add(s);
          negationsBefore.add(negs);
          negs = new ArrayList<>();
          if (positive.size() > 1 && s.contiguity() == Contiguity.STRICT) {
            strictOrNotNext = true;
          }
          if (s.isLoop() && s.innerContiguity() == Contiguity.STRICT) {
            strictOrNotNext = true;
          }
        }
      }
      trailing.addAll(negs);
      firstBinding = new int[positive.size()];
      for (int j = 0; j < positive.size(); j++) {
        firstBinding[j] = bindings.size();
        for (EventCondition<T> e : positive.get(j).elements()) {
          bindings.add(e.name());
        }
      }
    }

    /** Encodes (step, progress) as a state key; step -1 is the start. */
    private int id(int step, long progress) {
      long key = ((long) (step + 1) << 40) | progress;
      Integer id = ids.get(key);
      if (id == null) {
        id = keys.size();
        ids.put(key, id);
        keys.add(new long[] {step, progress});
      }
      return id;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Nfa<T> run() {
      id(-1, 0);
      List<NfaState<T>> states = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) { // keys grows as targets are discovered
        long[] k = keys.get(i);
        states.add(build((int) k[0], k[1]));
      }
      SimpleCondition<T>[] relevance = null;
      if (!strictOrNotNext) {
        List<SimpleCondition<T>> all = new ArrayList<>();
        boolean simple = true;
        for (PatternStep<T> s : pattern.steps()) {
          for (EventCondition<T> e : s.elements()) {
            SimpleCondition<T> c = e.condition().asSimple();
            simple &= c != null;
            all.add(c);
          }
          if (s.until() != null) {
            SimpleCondition<T> c = s.until().asSimple();
            simple &= c != null;
            all.add(c);
          }
        }
        if (simple) {
          relevance = all.toArray(new SimpleCondition[0]);
        }
      }
      return new Nfa<>(pattern, states.toArray(new NfaState[0]),
          bindings.toArray(new String[0]), relevance);
    }

    private final class Builder {
      final List<Transition<T>> edges = new ArrayList<>();
      boolean accept;
      boolean pending;
      List<IterativeCondition<T>> trailingNotNext = new ArrayList<>();
      List<IterativeCondition<T>> trailingNotFollowed = new ArrayList<>();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private NfaState<T> build(int step, long progress) {
      Builder b = new Builder();
      String label;
      if (step < 0) {
        label = "start";
        enter(b, 0, new ArrayList<>(), new ArrayList<>());
      } else {
        PatternStep<T> s = positive.get(step);
        label = s.name() + "#" + progress;
        boolean done;
        switch (s.kind()) {
          case EVENT -> {
            int c = (int) progress;
            int cap = s.maxTimes() == Integer.MAX_VALUE ? Math.max(s.minTimes(), 1) : s.maxTimes();
            if (s.maxTimes() == Integer.MAX_VALUE || c < s.maxTimes()) {
              IterativeCondition<T> cond = s.elements().get(0).condition();
              b.edges.add(new Transition<>(cond, s.until(), firstBinding[step],
                  id(step, Math.min(c + 1, cap)), s.innerContiguity(), s.greedy(),
                  none(), none()));
            }
            done = c >= s.minTimes();
          }
          case ALL_OF -> {
            int n = s.elements().size();
            long full = (1L << n) - 1;
            for (int i = 0; i < n; i++) {
              if ((progress & (1L << i)) == 0) {
                b.edges.add(new Transition<>(s.elements().get(i).condition(), null,
                    firstBinding[step] + i, id(step, progress | (1L << i)), Contiguity.RELAXED,
                    false, none(), none()));
              }
            }
            done = progress == full;
          }
          case ANY_OF -> done = true;
          default -> throw new IllegalStateException("negation as a positive step");
        }
        if (done) {
          enter(b, step + 1, new ArrayList<>(), new ArrayList<>());
        }
      }
      if (b.edges.size() > MAX_TRANSITIONS) {
        throw new IllegalArgumentException(
            "pattern " + pattern + ": state '" + label + "' has " + b.edges.size()
                + " possible next events, more than " + MAX_TRANSITIONS
                + " (too many optional steps or conjunction elements in a row)");
      }
      return new NfaState<>(label, b.edges.toArray(new Transition[0]), b.accept, b.pending,
          b.trailingNotNext.toArray(new IterativeCondition[0]),
          b.trailingNotFollowed.toArray(new IterativeCondition[0]));
    }

    /** Adds the edges that enter step {@code k} (and later ones through optional steps). */
    private void enter(Builder b, int k, List<IterativeCondition<T>> notNext,
        List<IterativeCondition<T>> notFollowed) {
      if (k == positive.size()) {
        for (PatternStep<T> n : trailing) {
          (n.kind() == PatternStep.Kind.NOT_NEXT ? notNext : notFollowed)
              .add(n.elements().get(0).condition());
        }
        if (notNext.isEmpty() && notFollowed.isEmpty()) {
          b.accept = true;
        } else {
          b.pending = true;
          b.trailingNotNext = notNext;
          b.trailingNotFollowed = notFollowed;
        }
        return;
      }
      List<IterativeCondition<T>> nn = new ArrayList<>(notNext);
      List<IterativeCondition<T>> nf = new ArrayList<>(notFollowed);
      for (PatternStep<T> n : negationsBefore.get(k)) {
        (n.kind() == PatternStep.Kind.NOT_NEXT ? nn : nf).add(n.elements().get(0).condition());
      }
      IterativeCondition<T>[] nnArray = nn.toArray(none());
      IterativeCondition<T>[] nfArray = nf.toArray(none());
      PatternStep<T> s = positive.get(k);
      switch (s.kind()) {
        case EVENT -> b.edges.add(new Transition<>(s.elements().get(0).condition(), s.until(),
            firstBinding[k], id(k, 1), s.contiguity(), false, nnArray, nfArray));
        case ALL_OF -> {
          for (int i = 0; i < s.elements().size(); i++) {
            b.edges.add(new Transition<>(s.elements().get(i).condition(), null,
                firstBinding[k] + i, id(k, 1L << i), s.contiguity(), false, nnArray, nfArray));
          }
        }
        case ANY_OF -> {
          for (int i = 0; i < s.elements().size(); i++) {
            b.edges.add(new Transition<>(s.elements().get(i).condition(), null,
                firstBinding[k] + i, id(k, 1), s.contiguity(), false, nnArray, nfArray));
          }
        }
        default -> throw new IllegalStateException("negation as a positive step");
      }
      if (s.kind() == PatternStep.Kind.EVENT && s.optional()) {
        enter(b, k + 1, nn, nf);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private IterativeCondition<T>[] none() {
      return new IterativeCondition[0];
    }
  }
}
