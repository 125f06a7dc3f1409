package dev.sluice.cep.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.join.JoinReference.Cell;
import dev.sluice.cep.join.JoinReference.Ev;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every join, run as a job at parallelism 1, 2 and 4 on random streams with disorder and late
 * events, emits what a nested-loop reference computes. Each input's on-time events are disordered
 * within the watermark bound; its late events lie before every window and interval the on-time
 * events could reach, so each of them is late exactly when the join's watermark exists (both
 * inputs have sent one) — which depends on thread timing. The check therefore takes the late
 * events the job reported on its side outputs, requires that they are late events, and compares
 * the joined rows with the reference over the others.
 */
class JoinPipelinePropertiesTest {
  private static final long DISORDER = 30;
  private static final int[] PARALLELISM = {1, 2, 4};
  private static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  /** Both inputs, and which events were generated late. */
  record Streams(List<Ev> left, List<Ev> right, Set<Integer> lateIds) {}

  /** Events of keys 0..9 from time 100,000 on, disordered by up to 30 ms, plus late ones. */
  static Streams streams(Generator g, long span) {
    Set<Integer> late = new HashSet<>();
    int[] id = {0};
    List<Ev> left = side(g, span, late, id);
    List<Ev> right = side(g, span, late, id);
    return new Streams(left, right, late);
  }

  private static List<Ev> side(Generator g, long span, Set<Integer> late, int[] id) {
    List<Ev> out = new ArrayList<>();
    long base = 100_000;
    int n = g.intBetween(0, 300);
    for (int i = 0; i < n; i++) {
      base += g.intBetween(0, 8);
      int key = g.intBetween(0, 9);
      if (g.chance(0.05)) {
        // before every window of the on-time events: late once the join has a watermark
        long t = 100_000 - DISORDER - 2 * span - g.intBetween(1, 500);
        late.add(id[0]);
        out.add(new Ev(key, t, id[0]++));
      } else {
        out.add(new Ev(key, base - g.intBetween(0, (int) DISORDER), id[0]++));
      }
    }
    return out;
  }

  private record Outcome(List<String> rows, List<Ev> lateLeft, List<Ev> lateRight) {}

  private static Outcome run(
      Streams s, int parallelism, Function<StreamJoin<Integer, Ev, Ev>, StreamJoin<Integer, Ev, Ev>> shape)
      throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    CollectSink<Object> lateLeft = Sinks.collect("late-left");
    CollectSink<Object> lateRight = Sinks.collect("late-right");
    Stage<Ev> l = p.source(Sources.fromIterable("left", s.left())).withTimestamps(Ev::time, DISORDER);
    Stage<Ev> r = p.source(Sources.fromIterable("right", s.right())).withTimestamps(Ev::time, DISORDER);
    Stage<String> joined =
        shape.apply(Joins.join(l.keyBy(Ev::key), r.keyBy(Ev::key)))
            .apply("join", JoinReference::row)
            .parallelism(parallelism);
    joined.sink(out);
    joined.sideOutput(Joins.LATE_LEFT).sink(lateLeft);
    joined.sideOutput(Joins.LATE_RIGHT).sink(lateRight);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    StageCounts counts = job.counts("join");
    assertThat(counts.balanced()).as(counts.toString()).isTrue();
    assertThat(Joins.lateCount(counts)).isEqualTo(lateLeft.items().size() + lateRight.items().size());
    List<Ev> ll = lateLeft.items().stream().map(Ev.class::cast).toList();
    List<Ev> lr = lateRight.items().stream().map(Ev.class::cast).toList();
    for (Ev e : ll) {
      assertThat(s.lateIds()).as("reported late: %s", e).contains(e.id());
    }
    for (Ev e : lr) {
      assertThat(s.lateIds()).as("reported late: %s", e).contains(e.id());
    }
    return new Outcome(out.items(), ll, lr);
  }

  private static List<Ev> minus(List<Ev> all, List<Ev> removed) {
    Set<Integer> ids = new HashSet<>();
    removed.forEach(e -> ids.add(e.id()));
    return all.stream().filter(e -> !ids.contains(e.id())).toList();
  }

  private static List<String> withoutTimestamps(List<String> rows) {
    return rows.stream().map(x -> x.substring(0, x.lastIndexOf('@'))).toList();
  }

  private static void checkFixedWindows(Generator g, JoinReference.Windows w, Function<StreamJoin<Integer, Ev, Ev>, StreamJoin<Integer, Ev, Ev>> shape, long span)
      throws Exception {
    Streams s = streams(g, span);
    JoinType type = g.pick(JoinType.values());
    for (int parallelism : PARALLELISM) {
      Outcome o = run(s, parallelism, j -> shape.apply(j).type(type));
      Map<List<Long>, Cell> cells = new HashMap<>();
      minus(s.left(), o.lateLeft()).forEach(e -> JoinReference.addToWindows(cells, w, e, true, Long.MIN_VALUE));
      minus(s.right(), o.lateRight()).forEach(e -> JoinReference.addToWindows(cells, w, e, false, Long.MIN_VALUE));
      assertThat(o.rows())
          .as("%s join over %s at parallelism %d", type, w, parallelism)
          .containsExactlyInAnyOrderElementsOf(withoutTimestamps(JoinReference.windowRows(cells, type)));
    }
  }

  @Test
  void tumblingWindowJoinsAtParallelism1To4() {
    SeededRuns.run(
        6,
        g -> {
          long size = g.intBetween(5, 200);
          checkFixedWindows(g, new JoinReference.Tumbling(size), j -> j.window(TumblingWindows.ofMillis(size)), size);
        });
  }

  @Test
  void slidingWindowJoinsAtParallelism1To4() {
    SeededRuns.run(
        6,
        g -> {
          long slide = g.intBetween(5, 60);
          long size = slide * g.intBetween(1, 4);
          checkFixedWindows(
              g, new JoinReference.Sliding(size, slide), j -> j.window(SlidingWindows.ofMillis(size, slide)), size);
        });
  }

  @Test
  void sessionWindowJoinsAtParallelism1To4() {
    SeededRuns.run(
        6,
        g -> {
          long gap = g.intBetween(1, 40);
          Streams s = streams(g, gap);
          JoinType type = g.pick(JoinType.values());
          for (int parallelism : PARALLELISM) {
            Outcome o = run(s, parallelism, j -> j.window(SessionWindows.withGapMillis(gap)).type(type));
            var cells = JoinReference.sessions(minus(s.left(), o.lateLeft()), minus(s.right(), o.lateRight()), gap);
            assertThat(o.rows())
                .as("%s session join, gap %d, parallelism %d", type, gap, parallelism)
                .containsExactlyInAnyOrderElementsOf(withoutTimestamps(JoinReference.windowRows(cells, type)));
          }
        });
  }

  @Test
  void intervalJoinsAtParallelism1To4() {
    SeededRuns.run(
        6,
        g -> {
          long lower = g.intBetween(-50, 50);
          long upper = lower + g.intBetween(0, 80);
          Streams s = streams(g, Math.max(Math.abs(lower), Math.abs(upper)));
          for (int parallelism : PARALLELISM) {
            Outcome o =
                run(s, parallelism, j -> j.between(Duration.ofMillis(lower), Duration.ofMillis(upper)));
            List<String> expected =
                JoinReference.intervalRows(minus(s.left(), o.lateLeft()), minus(s.right(), o.lateRight()), lower, upper);
            assertThat(o.rows())
                .as("interval [%d, %d], parallelism %d", lower, upper, parallelism)
                .containsExactlyInAnyOrderElementsOf(withoutTimestamps(expected));
          }
        });
  }

  // ---- stream–table joins ----

  /** A table change: {@code row} null deletes. */
  record Change(int key, String row) {}

  @Test
  void tableJoinsFromAMapAChangelogAndALookupAtParallelism1To4() {
    SeededRuns.run(
        4,
        g -> {
          Map<Integer, String> table = new HashMap<>();
          for (int k = 0; k < 10; k++) {
            if (g.chance(0.7)) {
              table.put(k, "user" + k);
            }
          }
          List<Ev> stream = new ArrayList<>();
          for (int i = g.intBetween(0, 400); i > 0; i--) {
            stream.add(new Ev(g.intBetween(0, 9), 1_000 + stream.size(), stream.size()));
          }
          List<Change> changes = new ArrayList<>();
          table.forEach((k, v) -> changes.add(new Change(k, v)));
          boolean left = g.bool();
          List<String> expected = new ArrayList<>();
          for (Ev e : stream) {
            String row = table.get(e.key());
            if (row != null || left) {
              expected.add(e.id() + ":" + row);
            }
          }
          LookupCache<Integer, String> cache = LookupCache.ofCapacity(g.intBetween(1, 8));
          for (int parallelism : PARALLELISM) {
            for (String kind : List.of("map", "changelog", "lookup")) {
              Pipeline p = Pipeline.create();
              CollectSink<String> out = Sinks.collect("out");
              Stage<Ev> events = p.source(Sources.fromIterable("events", stream)).withTimestamps(Ev::time, 0);
              Enrichment<Integer, Ev> enrich = Joins.enrich(events, Ev::key);
              TableJoin<Integer, Ev, String> join =
                  switch (kind) {
                    case "map" -> enrich.withMap(Map.copyOf(table));
                    case "changelog" ->
                        enrich
                            .withChangelog(
                                p.source(Sources.fromIterable("changes", changes)).withTimestamps(c -> 0L, 0),
                                Change::key,
                                Change::row)
                            .waitForRow(ChronoUnit.FOREVER.getDuration());
                    default ->
                        enrich
                            .withLookup((Integer k) -> CompletableFuture.supplyAsync(() -> table.get(k)))
                            .cache(cache);
                  };
              join = left ? join.left() : join.inner();
              join.apply("enrich", (Ev e, String row) -> e.id() + ":" + row).parallelism(parallelism).sink(out);
              Job job = engine.submit(p);
              assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
              assertThat(out.items())
                  .as("%s %s join at parallelism %d", kind, left ? "left" : "inner", parallelism)
                  .containsExactlyInAnyOrderElementsOf(expected);
              job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
            }
          }
        });
  }
}
