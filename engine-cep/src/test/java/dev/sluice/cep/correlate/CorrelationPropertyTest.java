package dev.sluice.cep.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized property tests of correlation: real jobs at parallelism 1, 2 and 4 emit, as
 * multisets, exactly the sets (and late events) that a brute-force grouping computes — one stream
 * with deterministic watermarks (late events and completion rules included), and several streams
 * grouped by their own key functions.
 */
class CorrelationPropertyTest {
  static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  enum Rule {
    NONE,
    AT_LEAST,
    KINDS_ZERO_AND_ONE
  }

  /** One stream with markers; the rule, its parameter and the window size. */
  record MarkedCase(List<Item> items, long size, Rule rule, int atLeast) {
    CompletionRule completionRule() {
      return switch (rule) {
        case NONE -> null;
        case AT_LEAST -> CompletionRule.atLeast(atLeast);
        case KINDS_ZERO_AND_ONE -> CorrelationPropertyTest::kindsZeroAndOne;
      };
    }
  }

  static boolean kindsZeroAndOne(CorrelationView set) {
    boolean zero = false;
    boolean one = false;
    for (int i = 0; i < set.size(); i++) {
      int kind = ((Item) set.event(i)).kind();
      zero |= kind == 0;
      one |= kind == 1;
    }
    return zero && one;
  }

  /**
   * Markers at rising times; between markers, events with times at most the last marker's (so
   * the watermark, marker - 1, moves only at markers), some far behind it (late).
   */
  static MarkedCase generateMarked(Generator g) {
    long size = g.intBetween(1, 30);
    int keys = g.intBetween(1, 6);
    List<Item> items = new ArrayList<>();
    long m = g.intBetween(0, 100);
    items.add(Item.marker(m));
    int n = g.intBetween(10, 300);
    for (int id = 0; id < n; id++) {
      if (g.chance(0.15)) {
        m += g.intBetween(1, 25);
        items.add(Item.marker(m));
      }
      long t = g.chance(0.1) ? m - g.intBetween(0, 80) : m - g.intBetween(0, 8);
      items.add(Item.event("k" + g.intBetween(0, keys - 1), g.intBetween(0, 2), t, id));
    }
    Rule rule = g.pick(Rule.values());
    return new MarkedCase(items, size, rule, g.intBetween(1, 4));
  }

  /** The sets and late events, by brute force over the stream. */
  record Outcome(List<CorrelatedSet<String>> sets, List<CorrelatedEvent> late) {}

  static Outcome referenceMarked(MarkedCase c) {
    CompletionRule rule = c.completionRule();
    long watermark = Long.MIN_VALUE;
    Map<List<Object>, List<Item>> open = new LinkedHashMap<>(); // (key, start) -> events
    List<CorrelatedSet<String>> sets = new ArrayList<>();
    List<CorrelatedEvent> late = new ArrayList<>();
    for (Item it : c.items()) {
      if (it.marker()) {
        watermark = Math.max(watermark, it.time() - 1);
        closeUpTo(open, watermark, c.size(), sets);
        continue;
      }
      long start = Math.floorDiv(it.time(), c.size()) * c.size();
      if (start + c.size() - 1 <= watermark) {
        late.add(new CorrelatedEvent("s", it.key(), it, it.time()));
        continue;
      }
      List<Object> id = List.of(it.key(), start);
      List<Item> set = open.computeIfAbsent(id, k -> new ArrayList<>());
      set.add(it);
      if (rule != null && rule.isComplete(view(it.key(), sorted(set)))) {
        sets.add(toSet(it.key(), start, c.size(), set, true));
        open.remove(id);
      }
    }
    closeUpTo(open, Long.MAX_VALUE, c.size(), sets);
    return new Outcome(sets, late);
  }

  static void closeUpTo(
      Map<List<Object>, List<Item>> open, long watermark, long size, List<CorrelatedSet<String>> out) {
    var it = open.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      long start = (Long) e.getKey().get(1);
      if (start + size - 1 <= watermark) {
        out.add(toSet((String) e.getKey().get(0), start, size, e.getValue(), false));
        it.remove();
      }
    }
  }

  static List<Item> sorted(List<Item> set) {
    List<Item> s = new ArrayList<>(set);
    s.sort(Comparator.comparingLong(Item::time)); // stable: arrival order among equal times
    return s;
  }

  static CorrelatedSet<String> toSet(String key, long start, long size, List<Item> set, boolean complete) {
    List<CorrelatedEvent> events = new ArrayList<>();
    for (Item i : sorted(set)) {
      events.add(new CorrelatedEvent("s", key, i, i.time()));
    }
    return new CorrelatedSet<>(key, start, start + size, events, complete);
  }

  /** A view over a plain list, for evaluating the rule in the reference. */
  static CorrelationView view(String key, List<Item> items) {
    return new CorrelationView() {
      @Override public Object key() { return key; }
      @Override public int size() { return items.size(); }
      @Override public int streams() { return 1; }
      @Override public String streamName(int index) { return "s"; }
      @Override public int count(int streamIndex) { return items.size(); }
      @Override public int stream(int i) { return 0; }
      @Override public Object event(int i) { return items.get(i); }
      @Override public long timestamp(int i) { return items.get(i).time(); }
    };
  }

  static Outcome runMarked(MarkedCase c, int parallelism) throws Exception {
    Pipeline p = Pipeline.create();
    Stage<Item> events =
        p.source(new MarkedSource<>("items", c.items(), Item::marker))
            .withTimestamps(Item::time, 0)
            .filter(i -> !i.marker());
    Correlation<String> correlation =
        Correlation.of("s", events, Item::key).window(Duration.ofMillis(c.size())).named("correlate");
    if (c.completionRule() != null) {
      correlation = correlation.completeWhen(c.completionRule());
    }
    Stage<CorrelatedSet<String>> sets = correlation.sets().parallelism(parallelism);
    CollectSink<CorrelatedSet<String>> setSink = Sinks.collect("sets");
    CollectSink<CorrelatedEvent> lateSink = Sinks.collect("late");
    sets.sink(setSink);
    sets.sideOutput(Correlation.LATE_EVENTS).sink(lateSink);
    Job job = engine.submit(p, "correlate-p" + parallelism);
    job.join(Duration.ofMinutes(1));
    assertThat(Correlation.lateCount(job.counts("correlate"))).isEqualTo(lateSink.items().size());
    return new Outcome(List.copyOf(setSink.items()), List.copyOf(lateSink.items()));
  }

  static <T> void assertSameMultiset(List<T> actual, List<T> expected, String what) {
    Map<T, Integer> counts = new HashMap<>();
    expected.forEach(e -> counts.merge(e, 1, Integer::sum));
    actual.forEach(a -> counts.merge(a, -1, Integer::sum));
    counts.values().removeIf(v -> v == 0);
    assertThat(counts)
        .as("%s: surplus (> 0) or missing (< 0); expected %s, got %s", what, expected, actual)
        .isEmpty();
  }

  @Test
  void oneStreamWithLateEventsAndCompletionRulesEqualsBruteForce() {
    SeededRuns.forAll(
        40,
        CorrelationPropertyTest::generateMarked,
        c -> {
          Outcome expected = referenceMarked(c);
          for (int p : new int[] {1, 2, 4}) {
            Outcome got = runMarked(c, p);
            assertSameMultiset(got.sets(), expected.sets(), "sets at parallelism " + p);
            assertSameMultiset(got.late(), expected.late(), "late events at parallelism " + p);
          }
        });
  }

  /** Several streams of different types, each with its own key function, in bounded disorder. */
  record Login(String user, long time, int id) {}

  record Payment(String account, long time, int id) {}

  record Alert(String user, String host, long time, int id) {}

  record MultiCase(List<Login> logins, List<Payment> payments, List<Alert> alerts, long size, long bound) {}

  static MultiCase generateMulti(Generator g) {
    int users = g.intBetween(1, 5);
    long bound = g.intBetween(0, 10);
    long size = g.intBetween(1, 40);
    List<Login> logins = new ArrayList<>();
    List<Payment> payments = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    long t = 1000;
    long max = t;
    int n = g.intBetween(5, 200);
    for (int id = 0; id < n; id++) {
      t += g.intBetween(0, 5);
      long ts = Math.max(t - g.intBetween(0, (int) bound), max - bound); // never behind max - bound
      max = Math.max(max, ts);
      String user = "u" + g.intBetween(0, users - 1);
      switch (g.intBetween(0, 2)) {
        case 0 -> logins.add(new Login(user, ts, id));
        case 1 -> payments.add(new Payment(user, ts, id));
        default -> alerts.add(new Alert(user, "h" + g.intBetween(0, 2), ts, id));
      }
    }
    return new MultiCase(logins, payments, alerts, size, bound);
  }

  static List<CorrelatedSet<String>> referenceMulti(MultiCase c) {
    Map<List<Object>, List<CorrelatedEvent>> groups = new LinkedHashMap<>();
    List<String> order = List.of("login", "payment", "alert");
    c.logins().forEach(l -> group(groups, c.size(), new CorrelatedEvent("login", l.user(), l, l.time())));
    c.payments().forEach(p -> group(groups, c.size(), new CorrelatedEvent("payment", p.account(), p, p.time())));
    c.alerts().forEach(a -> group(groups, c.size(), new CorrelatedEvent("alert", a.user(), a, a.time())));
    List<CorrelatedSet<String>> out = new ArrayList<>();
    groups.forEach(
        (id, events) -> {
          List<CorrelatedEvent> s = new ArrayList<>(events);
          // by time, then stream in declaration order; within one stream, arrival (list) order
          s.sort(Comparator.comparingLong(CorrelatedEvent::timestamp).thenComparing(e -> order.indexOf(e.stream())));
          long start = (Long) id.get(1);
          out.add(new CorrelatedSet<>((String) id.get(0), start, start + c.size(), s, false));
        });
    return out;
  }

  static void group(Map<List<Object>, List<CorrelatedEvent>> groups, long size, CorrelatedEvent e) {
    long start = Math.floorDiv(e.timestamp(), size) * size;
    groups.computeIfAbsent(List.of(e.key(), start), k -> new ArrayList<>()).add(e);
  }

  @Test
  void severalStreamsWithTheirOwnKeysEqualBruteForceGrouping() {
    SeededRuns.forAll(
        10,
        CorrelationPropertyTest::generateMulti,
        c -> {
          List<CorrelatedSet<String>> expected = referenceMulti(c);
          for (int p : new int[] {1, 2, 4}) {
            Pipeline pipeline = Pipeline.create();
            Stage<Login> logins =
                pipeline.source(Sources.fromList("logins", c.logins())).withTimestamps(Login::time, c.bound());
            Stage<Payment> payments =
                pipeline.source(Sources.fromList("payments", c.payments())).withTimestamps(Payment::time, c.bound());
            Stage<Alert> alerts =
                pipeline.source(Sources.fromList("alerts", c.alerts())).withTimestamps(Alert::time, c.bound());
            Stage<CorrelatedSet<String>> sets =
                Correlation.of("login", logins, Login::user)
                    .and("payment", payments, Payment::account)
                    .and("alert", alerts, Alert::user)
                    .window(Duration.ofMillis(c.size()))
                    .named("correlate")
                    .sets()
                    .parallelism(p);
            CollectSink<CorrelatedSet<String>> sink = Sinks.collect("sets");
            sets.sink(sink);
            sets.sideOutput(Correlation.LATE_EVENTS).sink(Sinks.discard("late"));
            Job job = engine.submit(pipeline, "multi-p" + p);
            job.join(Duration.ofMinutes(1));
            assertThat(Correlation.lateCount(job.counts("correlate"))).as("late events").isZero();
            assertSameMultiset(List.copyOf(sink.items()), expected, "sets at parallelism " + p);
          }
        });
  }
}
