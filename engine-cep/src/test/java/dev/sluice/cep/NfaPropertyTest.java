package dev.sluice.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.PatternSpec.Feature;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NFA against {@link BruteForceMatcher} on random short streams: one property per pattern
 * operator and one per after-match skip strategy, each at parallelism 1, 2 and 4 (through the
 * operator test harness, which also restores the operator from a snapshot after every step and
 * checks that no state is left after the final watermark).
 */
class NfaPropertyTest {

  /** What the select function emits: the key and "name:seq" per matched event. */
  record Found(int key, List<String> items) {}

  /** One try: a pattern, a script of events and watermarks, a parallelism. */
  record Case(PatternSpec pattern, List<Object> script, int parallelism) {
    @Override
    public String toString() {
      return "pattern " + pattern.steps() + " within " + pattern.within() + " skip "
          + pattern.skip() + "\n  parallelism " + parallelism + "\n  script " + script;
    }
  }

  record At(Ev event, long time) {
    @Override
    public String toString() {
      return event + "@" + time;
    }
  }

  record Wm(long watermark) {
    @Override
    public String toString() {
      return "W" + watermark;
    }
  }

  private static final int TRIES = 40;
  /** Tries whose reference found at least one match, so that a property is never vacuous. */
  private static final AtomicLong TRIES_WITH_MATCHES = new AtomicLong();

  @ParameterizedTest
  @EnumSource(Feature.class)
  void operatorMatchesTheBruteForce(Feature feature) {
    TRIES_WITH_MATCHES.set(0);
    for (int p : new int[] {1, 2, 4}) {
      SeededRuns.forAll(TRIES, g -> draw(g, feature, AfterMatchSkipStrategy.Kind.NO_SKIP, true, p),
          NfaPropertyTest::check);
    }
    assertThat(TRIES_WITH_MATCHES.get()).as("tries with a match").isGreaterThan(TRIES / 4);
  }

  @ParameterizedTest
  @EnumSource(AfterMatchSkipStrategy.Kind.class)
  void skipStrategyMatchesTheBruteForce(AfterMatchSkipStrategy.Kind kind) {
    TRIES_WITH_MATCHES.set(0);
    for (int p : new int[] {1, 2, 4}) {
      SeededRuns.forAll(TRIES * 2, g -> draw(g, null, kind, false, p), NfaPropertyTest::check);
    }
    assertThat(TRIES_WITH_MATCHES.get()).as("tries with a match").isGreaterThan(TRIES / 2);
  }

  static Case draw(Generator g, Feature f, AfterMatchSkipStrategy.Kind skip,
      boolean trailingNegation, int parallelism) {
    PatternSpec spec = PatternSpec.generate(g, f, skip, trailingNegation);
    int keys = g.intBetween(1, 3);
    int n = g.intBetween(0, 9 * keys);
    List<Object> script = new ArrayList<>();
    long now = 0;
    long watermark = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      now += g.intBetween(0, 2);
      long t = now - g.intBetween(0, 3);
      Ev e = new Ev(g.intBetween(0, keys - 1), g.pick('a', 'b', 'c', 'd'), g.intBetween(0, 3), i);
      script.add(new At(e, t));
      if (g.chance(0.2)) {
        long w = now - g.intBetween(0, 4);
        if (w > watermark) {
          script.add(new Wm(w));
          watermark = w;
        }
      }
    }
    return new Case(spec, script, parallelism);
  }

  static void check(Case c) {
    Pattern<Ev> pattern = c.pattern.toPattern();
    MatchFunction<Integer, Ev, Found> select = (key, m) -> {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        items.add(m.nameOf(i) + ":" + m.event(i).seq());
      }
      return new Found(key, items);
    };
    OperatorTestHarness<Ev, Found> h = OperatorTestHarness.forKeyedOperator(
        Ev::key, Cep.operator(Map.of("r", pattern), select, StateCodecs.<Ev>dynamic(),
            new CepMetrics()));
    if (c.parallelism > 1) {
      h.rescale(c.parallelism);
    }
    // the reference sees, per key, the events that were not late, in event-time order
    Map<Integer, List<At>> byKey = new TreeMap<>();
    long watermark = Long.MIN_VALUE;
    for (Object o : c.script) {
      if (o instanceof At at) {
        h.event(at.event, at.time);
        if (at.time > watermark) {
          byKey.computeIfAbsent(at.event.key(), k -> new ArrayList<>()).add(at);
        }
      } else {
        Wm w = (Wm) o;
        h.watermark(w.watermark);
        watermark = w.watermark;
      }
    }
    h.end().expectNoState();
    List<String> actual = new ArrayList<>();
    for (List<Emitted<Found>> step : h.verify()) {
      for (Emitted<Found> e : step) {
        if (e instanceof Emitted.Event<Found> ev) {
          actual.add(ev.value().key() + " " + ev.value().items());
        }
      }
    }
    List<String> expected = new ArrayList<>();
    BruteForceMatcher reference = new BruteForceMatcher(c.pattern);
    for (Map.Entry<Integer, List<At>> e : byKey.entrySet()) {
      List<At> events = new ArrayList<>(e.getValue());
      events.sort(Comparator.comparingLong(At::time)); // stable: arrival order among equal times
      List<Ev> evs = new ArrayList<>();
      long[] ts = new long[events.size()];
      for (int i = 0; i < events.size(); i++) {
        evs.add(events.get(i).event);
        ts[i] = events.get(i).time;
      }
      for (BruteForceMatcher.Found f : reference.matches(evs, ts)) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < f.idx().length; i++) {
          items.add(f.names()[i] + ":" + evs.get(f.idx()[i]).seq());
        }
        expected.add(e.getKey() + " " + items);
      }
    }
    actual.sort(null);
    expected.sort(null);
    TRIES_WITH_MATCHES.addAndGet(expected.isEmpty() ? 0 : 1);
    assertThat(actual).isEqualTo(expected);
  }
}
