package dev.sluice.windowing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.WatermarkPolicy;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.testsupport.SeededRuns;
import dev.sluice.windowing.CountWindowedStage;
import dev.sluice.windowing.Evictor;
import dev.sluice.windowing.GlobalWindows;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.Trigger;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;
import dev.sluice.windowing.WindowFunction;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.WindowedStage;
import dev.sluice.windowing.Windowing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized property tests: for every assigner, trigger and accumulation mode, random streams
 * (random keys, keys that go idle, out-of-order events within the watermark bound, events behind
 * the watermark within and beyond the allowed lateness) run as real jobs at parallelism 1, 2 and
 * 4, and the results (and late events) equal, as multisets, what {@link ReferenceWindows}
 * computes by brute force. Watermarks fall exactly at the stream's markers ({@link
 * MarkerSource}), so the expected output is fully determined.
 */
class WindowPropertyTest {
  static Engine engine;

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  enum Assign {
    TUMBLING,
    TUMBLING_OFFSET,
    SLIDING,
    SLIDING_GCD,
    SESSION,
    GLOBAL,
    CUSTOM
  }

  enum Fire {
    WATERMARK,
    EVERY_EVENTS,
    EVENT_TIME,
    ON_EVENT_OR_EVENT_TIME
  }

  enum Fn {
    AGGREGATE_DEDUCTING,
    AGGREGATE_PLAIN,
    PROCESS,
    PROCESS_EVICT_COUNT,
    PROCESS_EVICT_TIME
  }

  /** A user's own assigner: every event in its bucket of 7 and in its bucket of 20 (nested). */
  static final class BucketWindows implements WindowAssigner<Object> {
    @Override
    public void assignWindows(Object event, long timestamp, WindowCollector windows) {
      long a = Math.floorDiv(timestamp, 7) * 7;
      windows.window(a, a + 7);
      long b = Math.floorDiv(timestamp, 20) * 20;
      windows.window(b, b + 20);
    }
  }

  static ReferenceWindows.Windows bucketReference() {
    return ts -> {
      List<long[]> out = new ArrayList<>();
      for (long s = ts - 30; s <= ts; s++) {
        if (Math.floorMod(s, 7) == 0 && ts < s + 7) {
          out.add(new long[] {s, s + 7});
        }
        if (Math.floorMod(s, 20) == 0 && ts < s + 20) {
          out.add(new long[] {s, s + 20});
        }
      }
      return out;
    };
  }

  /** A generated case: the stream and its watermark bound. */
  record Case(List<StreamItem> stream, long bound, long lateness, List<StreamItem> idle) {

    /** The stream as the reference sees it: the idle input's events right after the start. */
    List<StreamItem> referenceStream() {
      List<StreamItem> all = new ArrayList<>();
      all.add(stream.get(0));
      all.addAll(idle);
      all.addAll(stream.subList(1, stream.size()));
      return all;
    }
  }

  static Case generate(SplittableRandom r, boolean withLate) {
    int keys = 1 + r.nextInt(6);
    int n = 40 + r.nextInt(200);
    long bound = r.nextInt(12);
    long lateness = r.nextBoolean() ? 0 : 1 + r.nextInt(40);
    boolean[] active = new boolean[keys];
    java.util.Arrays.fill(active, true);
    List<StreamItem> items = new ArrayList<>();
    long m = 1000 + r.nextInt(50);
    items.add(StreamItem.marker(m));
    for (int id = 0; id < n; id++) {
      if (r.nextInt(4) == 0) {
        m += 1 + r.nextInt(12);
        items.add(StreamItem.marker(m));
        for (int k = 0; k < keys; k++) {
          if (r.nextInt(10) == 0) {
            active[k] = !active[k]; // keys go idle and come back
          }
        }
      }
      int k = r.nextInt(keys);
      if (!active[k]) {
        k = 0;
      }
      long ts;
      if (withLate && r.nextInt(7) == 0) {
        ts = m - bound - 1 - r.nextInt((int) lateness + 40); // behind the watermark
      } else {
        ts = m - r.nextInt((int) bound + 1); // out of order within the bound
      }
      items.add(StreamItem.event("k" + k, id, ts));
    }
    return new Case(items, bound, lateness, List.of());
  }

  static WindowFunction<Object, Ev, List<Long>> idsFunction() {
    return (key, window, kind, events) -> {
      List<Long> ids = new ArrayList<>();
      for (Ev e : events) {
        ids.add(e.id());
      }
      ids.sort(null);
      return List.copyOf(ids);
    };
  }

  @Test
  void keyedTimeWindowsEqualTheReference() {
    SeededRuns.run(1, g -> {
      SplittableRandom seeds = g.random();
      for (Assign a : Assign.values()) {
        for (Fire f : Fire.values()) {
          for (boolean discarding : new boolean[] {false, true}) {
            SplittableRandom r = new SplittableRandom(seeds.nextLong());
            timeCase(r, a, f, discarding, null, false, ALL_P, true);
          }
        }
      }
    });
  }

  @Test
  void keyedWindowFunctionsAndEvictorsEqualTheReference() {
    SeededRuns.run(1, g -> {
      SplittableRandom seeds = g.random();
      for (Assign a : Assign.values()) {
        for (Fn fn : new Fn[] {Fn.PROCESS, Fn.PROCESS_EVICT_COUNT, Fn.PROCESS_EVICT_TIME}) {
          SplittableRandom r = new SplittableRandom(seeds.nextLong());
          Fire f = Fire.values()[r.nextInt(Fire.values().length)];
          timeCase(r, a, f, r.nextBoolean(), fn, false, ALL_P, true);
        }
      }
    });
  }

  @Test
  void randomTimeWindowConfigurationsEqualTheReference() {
    SeededRuns.run(12, g -> {
      SplittableRandom r = g.random();
      Assign a = Assign.values()[r.nextInt(Assign.values().length)];
      Fire f = Fire.values()[r.nextInt(Fire.values().length)];
      Fn fn = Fn.values()[r.nextInt(Fn.values().length)];
      timeCase(r, a, f, r.nextBoolean(), fn, false, ALL_P, true);
    });
  }

  @Test
  void nonKeyedTimeWindowsEqualTheReference() {
    SeededRuns.run(1, g -> {
      SplittableRandom seeds = g.random();
      for (Assign a : Assign.values()) {
        for (Fire f : new Fire[] {Fire.WATERMARK, Fire.EVERY_EVENTS}) {
          for (boolean discarding : new boolean[] {false, true}) {
            // one instance: exact; several: the arrival order at the combining instance varies,
            // so on a stream without late events, compare what is order-independent
            SplittableRandom r = new SplittableRandom(seeds.nextLong());
            timeCase(r, a, f, discarding, null, true, new int[] {1}, true);
            timeCase(r, a, f, discarding, null, true, new int[] {2, 4}, false);
          }
        }
      }
    });
  }

  @Test
  void countWindowsEqualTheReference() {
    SeededRuns.run(2, g -> {
      SplittableRandom seeds = g.random();
      for (boolean nonKeyed : new boolean[] {false, true}) {
        for (boolean sliding : new boolean[] {false, true}) {
          for (boolean process : new boolean[] {false, true}) {
            countCase(new SplittableRandom(seeds.nextLong()), sliding, process, nonKeyed);
          }
        }
      }
    });
  }

  /** Builds the case's window stage, runs it at 1, 2 and 4 and compares with the reference. */
  static final int[] ALL_P = {1, 2, 4};

  /**
   * A second input that sends a few events of its own keys, then stays silent (idle, left out of
   * the watermark after its idle timeout) until the main input ends: results do not change.
   */
  @Test
  void anIdleInputDoesNotHoldBackOrChangeResults() {
    SeededRuns.run(1, g -> {
      SplittableRandom seeds = g.random();
      for (Assign a : Assign.values()) {
        for (Fire f : new Fire[] {Fire.WATERMARK, Fire.EVERY_EVENTS}) {
          SplittableRandom r = new SplittableRandom(seeds.nextLong());
          timeCase(r, a, f, r.nextBoolean(), null, false, ALL_P, true, true);
        }
      }
    });
  }

  static void timeCase(
      SplittableRandom r,
      Assign a,
      Fire f,
      boolean discarding,
      Fn fn,
      boolean nonKeyed,
      int[] parallelisms,
      boolean exact)
      throws Exception {
    timeCase(r, a, f, discarding, fn, nonKeyed, parallelisms, exact, false);
  }

  static void timeCase(
      SplittableRandom r,
      Assign a,
      Fire f,
      boolean discarding,
      Fn fn,
      boolean nonKeyed,
      int[] parallelisms,
      boolean exact,
      boolean withIdleInput)
      throws Exception {
    Case c = generate(r, exact && !withIdleInput);
    if (withIdleInput) {
      long m0 = c.stream().get(0).ts();
      List<StreamItem> idle = new ArrayList<>();
      for (int i = 0; i < 1 + r.nextInt(8); i++) {
        long ts = m0 - r.nextInt((int) c.bound() + 1);
        idle.add(StreamItem.event("idle" + r.nextInt(3), 100_000 + i, ts));
      }
      c = new Case(c.stream(), c.bound(), c.lateness(), idle);
    }
    long size = 4 + r.nextInt(30);
    WindowAssigner<Object> assigner;
    ReferenceWindows.Windows ref;
    switch (a) {
      case TUMBLING -> {
        assigner = TumblingWindows.ofMillis(size);
        ref = ReferenceWindows.aligned(size, size, 0);
      }
      case TUMBLING_OFFSET -> {
        long offset = r.nextInt((int) size);
        assigner = TumblingWindows.ofMillis(size).withOffset(Duration.ofMillis(offset));
        ref = ReferenceWindows.aligned(size, size, offset);
      }
      case SLIDING -> {
        long slide = Math.max(1, size / (2 + r.nextInt(3)));
        size = slide * (2 + r.nextInt(3));
        assigner = SlidingWindows.ofMillis(size, slide);
        ref = ReferenceWindows.aligned(size, slide, 0);
      }
      case SLIDING_GCD -> {
        long slide = 2 + r.nextInt((int) size - 2);
        long offset = r.nextInt((int) slide);
        assigner = SlidingWindows.ofMillis(size, slide).withOffset(Duration.ofMillis(offset));
        ref = ReferenceWindows.aligned(size, slide, offset);
      }
      case SESSION -> {
        long gap = 2 + r.nextInt(15);
        assigner = SessionWindows.withGapMillis(gap);
        ref = ReferenceWindows.sessions(gap);
      }
      case GLOBAL -> {
        assigner = GlobalWindows.create();
        ref = ReferenceWindows.global();
      }
      default -> {
        assigner = new BucketWindows();
        ref = bucketReference();
      }
    }
    long everyN = 2 + r.nextInt(4);
    long interval = 2 + r.nextInt(20);
    long mod = 3 + r.nextInt(5);
    Trigger<Ev> trigger;
    ReferenceWindows.EarlyRules rules;
    switch (f) {
      case WATERMARK -> {
        trigger = Triggers.onWatermark();
        rules = ReferenceWindows.none();
      }
      case EVERY_EVENTS -> {
        trigger = Triggers.everyEvents(everyN);
        rules = ReferenceWindows.rules(everyN, 0, 0);
      }
      case EVENT_TIME -> {
        trigger = Triggers.everyEventTime(Duration.ofMillis(interval));
        rules = ReferenceWindows.rules(0, interval, 0);
      }
      default -> {
        Trigger<Ev> onEvent = Triggers.onEvent(e -> e.id() % mod == 0);
        trigger = onEvent.or(Triggers.everyEventTime(Duration.ofMillis(interval)));
        rules = ReferenceWindows.rules(0, interval, mod);
      }
    }
    if (fn == null) {
      fn = r.nextBoolean() ? Fn.AGGREGATE_DEDUCTING : Fn.AGGREGATE_PLAIN;
    }
    ReferenceWindows.Evict evict =
        switch (fn) {
          case PROCESS_EVICT_COUNT -> new ReferenceWindows.Evict(1 + r.nextInt(4), 0);
          case PROCESS_EVICT_TIME -> new ReferenceWindows.Evict(0, r.nextInt(10));
          default -> null;
        };
    ReferenceWindows model =
        new ReferenceWindows(
            ref, rules, f != Fire.WATERMARK, c.lateness(), discarding, evict, nonKeyed);
    model.run(c.referenceStream(), c.bound());
    String config =
        "assigner=" + assigner + " trigger=" + trigger + " fn=" + fn + " discarding="
            + discarding + " lateness=" + c.lateness() + " bound=" + c.bound() + " keyed="
            + !nonKeyed;
    final Fn function = fn;
    for (int p : parallelisms) {
      Pipeline pipeline = Pipeline.create();
      CollectSink<WindowResult<?, List<Long>>> out = Sinks.collect("out");
      Stage<Ev> events = events(pipeline, c);
      WindowedStage<?, Ev> w;
      if (nonKeyed) {
        Stage<Ev> spread = events.rebalance().map(e -> e).parallelism(p);
        w = Windowing.of(spread).windowAll(assigner);
      } else {
        w = Windowing.of(events.keyBy(Ev::key)).window(assigner);
      }
      w = w.trigger(trigger)
          .allowedLateness(Duration.ofMillis(c.lateness()))
          .lateEvents(LATE)
          .named("window");
      w = discarding ? w.discarding() : w.accumulating();
      Stage<? extends WindowResult<?, List<Long>>> results;
      switch (function) {
        case AGGREGATE_DEDUCTING -> results = w.aggregate(CollectIds.deducting());
        case AGGREGATE_PLAIN -> results = w.aggregate(CollectIds.plain());
        default -> {
          if (evict != null) {
            w = w.evictor(
                evict.lastN() > 0
                    ? Evictor.count(evict.lastN())
                    : Evictor.time(Duration.ofMillis(evict.withinMillis())));
          }
          @SuppressWarnings({"unchecked", "rawtypes"})
          Stage<? extends WindowResult<?, List<Long>>> s =
              w.process((WindowFunction) idsFunction());
          results = s;
        }
      }
      if (!nonKeyed) {
        results.parallelism(p);
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Stage<WindowResult<?, List<Long>>> rs = (Stage) results;
      rs.sink(out);
      CollectSink<Ev> late = Sinks.collect("late");
      rs.sideOutput(LATE).sink(late);
      Job job = engine.submit(pipeline);
      job.join(Duration.ofMinutes(1));
      List<String> actual = asText(out.items());
      List<Long> lateIds = new ArrayList<>();
      for (Ev e : late.items()) {
        lateIds.add(e.id());
      }
      lateIds.sort(null);
      List<Long> expectedLate = new ArrayList<>(model.late);
      expectedLate.sort(null);
      assertThat(lateIds).as("late events at parallelism %d, %s", p, config)
          .isEqualTo(expectedLate);
      StageCounts counts = counts(job, "window");
      assertThat(Windowing.lateCount(counts)).as("late count, %s", config)
          .isEqualTo(expectedLate.size());
      assertThat(counts.balanced()).as("accounting of %s", counts).isTrue();
      // with an idle input the watermark's progress depends on timing; sessions that touch a
      // fired session then merge into it (a late result) or not, so compare them order-free
      if (exact && !(withIdleInput && assigner.isMerging())) {
        assertThat(sorted(actual))
            .as("parallelism %d, %s", p, config)
            .isEqualTo(sorted(model.results));
      } else {
        boolean merging = assigner.isMerging();
        assertThat(orderIndependent(actual, discarding, merging))
            .as("parallelism %d, %s", p, config)
            .isEqualTo(orderIndependent(model.results, discarding, merging));
      }
    }
  }

  /**
   * What does not depend on arrival order, for a stream without late events: per window, the
   * on-time result in accumulating mode; in discarding mode the union of the window's results
   * (checked to be disjoint). For merging windows, whose bounds at a firing and whether a merge
   * makes a result late depend on arrival order, only which events the results cover.
   */
  static java.util.Map<String, List<Long>> orderIndependent(
      List<String> results, boolean discarding, boolean merging) {
    java.util.Map<String, List<Long>> out = new java.util.TreeMap<>();
    for (String line : results) {
      String[] f = line.split("\\|");
      String window = merging ? "all" : f[0] + "|" + f[1] + "|" + f[2];
      List<Long> ids = new ArrayList<>();
      String body = f[4].substring(1, f[4].length() - 1);
      if (!body.isEmpty()) {
        for (String id : body.split(", ")) {
          ids.add(Long.parseLong(id));
        }
      }
      if (discarding || merging) {
        List<Long> all = out.computeIfAbsent(window, w -> new ArrayList<>());
        for (Long id : ids) {
          if (discarding || !all.contains(id)) {
            all.add(id);
          }
        }
        all.sort(null);
      } else if (f[3].equals("ON_TIME")) {
        out.put(window, ids);
      }
    }
    return out;
  }

  static final OutputTag<Ev> LATE = OutputTag.of("late-events", Ev.class);

  static StageCounts counts(Job job, String stage) {
    for (StageCounts c : job.counts()) {
      if (c.stage().equals(stage)) {
        return c;
      }
    }
    throw new AssertionError("no stage " + stage + " in " + job.counts());
  }

  static Stage<Ev> events(Pipeline pipeline, Case c) {
    if (c.idle().isEmpty()) {
      return pipeline
          .source(new MarkerSource("stream", c.stream(), null))
          .withTimestamps(StreamItem::ts, WatermarkPolicy.boundedOutOfOrderness(c.bound()))
          .filter(i -> !i.marker())
          .map(StreamItem::toEv);
    }
    AtomicBoolean mainDone = new AtomicBoolean();
    WatermarkPolicy policy = WatermarkPolicy.boundedOutOfOrderness(c.bound()).withIdleTimeout(20);
    Stage<StreamItem> main =
        pipeline
            .source(new MarkerSource("stream", c.stream(), mainDone))
            .withTimestamps(StreamItem::ts, policy);
    Stage<StreamItem> idle =
        pipeline.source(new IdleSource(c.idle(), mainDone)).withTimestamps(StreamItem::ts, policy);
    return main.union(idle).filter(i -> !i.marker()).map(StreamItem::toEv);
  }

  static void countCase(SplittableRandom r, boolean sliding, boolean process, boolean nonKeyed)
      throws Exception {
    Case c = generate(r, false);
    long size = 1 + r.nextInt(7);
    long slide = sliding ? 1 + r.nextInt((int) size) : size;
    List<String> expected = ReferenceWindows.countWindows(c.stream(), size, slide, nonKeyed);
    for (int p : new int[] {1, 2, 4}) {
      Pipeline pipeline = Pipeline.create();
      CollectSink<WindowResult<?, List<Long>>> out = Sinks.collect("out");
      Stage<Ev> events = events(pipeline, c);
      CountWindowedStage<?, Ev> w;
      if (nonKeyed) {
        w = Windowing.of(events).countWindowAll(size, slide);
      } else {
        KeyedStage<String, Ev> keyed = events.keyBy(Ev::key);
        w = Windowing.of(keyed).countWindow(size, slide);
      }
      Stage<? extends WindowResult<?, List<Long>>> results;
      if (process) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Stage<? extends WindowResult<?, List<Long>>> s = w.process((WindowFunction) idsFunction());
        results = s;
      } else {
        results = w.aggregate(CollectIds.plain());
      }
      if (!nonKeyed) {
        results.parallelism(p);
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Stage<WindowResult<?, List<Long>>> rs = (Stage) results;
      rs.sink(out);
      engine.submit(pipeline).join(Duration.ofMinutes(1));
      assertThat(sorted(asText(out.items())))
          .as("parallelism %d, count windows size=%d slide=%d process=%s all=%s", p, size, slide,
              process, nonKeyed)
          .isEqualTo(sorted(expected));
    }
  }

  static List<String> asText(List<? extends WindowResult<?, List<Long>>> results) {
    List<String> out = new ArrayList<>();
    for (WindowResult<?, List<Long>> w : results) {
      out.add(w.key() + "|" + w.start() + "|" + w.end() + "|" + w.kind() + "|" + w.value());
    }
    return out;
  }

  static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }
}
