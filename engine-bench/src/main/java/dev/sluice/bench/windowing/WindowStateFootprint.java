package dev.sluice.bench.windowing;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.Windowing;
import java.time.Duration;

/**
 * Bytes of heap per key that a window stage holds while a window is open, measured on a real
 * job: one event for each of {@code keys} keys (default 1,000,000), all in one open window, then
 * the heap after a full GC is compared with the heap before the events; the final watermark then
 * fires every window and the job ends.
 *
 * <p>What a key costs: its key object ({@code Long}), the state entry (slot arrays of the state
 * table and its key index), the accumulator, and one event-time timer. Run: {@code java -Xmx8g
 * -cp engine-bench/target/benchmarks.jar dev.sluice.bench.windowing.WindowStateFootprint
 * [keys]}.
 */
public final class WindowStateFootprint {

  /** One event of one key. */
  record KeyEvent(long key, long timestamp) {}

  private WindowStateFootprint() {}

  /** Measures the tumbling, sliding and session kinds and prints bytes per key. */
  public static void main(String[] args) throws Exception {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    measure("tumbling 60 s, count", TumblingWindows.ofMillis(60_000), keys);
    measure("sliding 10 s / 2 s, count (slices)", SlidingWindows.ofMillis(10_000, 2_000), keys);
    measure("session gap 30 s, count", SessionWindows.withGapMillis(30_000), keys);
  }

  static void measure(String what, WindowAssigner<Object> windows, int keys) throws Exception {
    try (Engine engine = Engine.create(EngineConfig.defaults().withMetricsEnabled(false))) {
      PushSource<KeyEvent> source = Sources.push("events", 8192, BackpressureStrategy.BLOCK);
      CountingSink<Object> sink = Sinks.counting("results");
      Pipeline p = Pipeline.create();
      Windowing.of(p.source(source).withTimestamps(KeyEvent::timestamp, 0).keyBy(KeyEvent::key))
          .window(windows)
          .named("window")
          .aggregate(AggregateOperations.counting())
          .sink(sink);
      Job job = engine.submit(p);
      long before = usedAfterGc();
      for (long k = 0; k < keys; k++) {
        source.offer(new KeyEvent(k, k % 1000));
      }
      while (windowIn(job) < keys) {
        Thread.sleep(10);
      }
      long held = usedAfterGc();
      source.complete();
      job.join(Duration.ofMinutes(5));
      System.out.printf(
          "%-38s %,d keys: %,d bytes of heap, %.0f bytes per key; %,d results%n",
          what, keys, held - before, (held - before) / (double) keys, sink.count());
    }
  }

  static long windowIn(Job job) {
    for (StageCounts c : job.counts()) {
      if (c.stage().equals("window")) {
        return c.in();
      }
    }
    return 0;
  }

  static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
