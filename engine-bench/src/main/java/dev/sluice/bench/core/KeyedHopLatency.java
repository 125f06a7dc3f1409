package dev.sluice.bench.core;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * Latency under load through a keyed hop: a paced, open-loop source emits events at a fixed
 * rate, each stamped with the time it was <em>due</em>; a {@code keyBy} edge (a queue between two
 * worker threads) takes them to a keyed rolling count ({@code mapStateful}, passing the event on)
 * and a sink records, in an HdrHistogram, the time from the event's due time to its arrival.
 * Measuring from the due time rather than from the actual emission corrects for coordinated
 * omission: if the source falls behind (its thread not scheduled, the edge full), the events it
 * emits late carry the wait in their latency.
 *
 * <p>Run: {@code java -cp engine-bench/target/benchmarks.jar
 * dev.sluice.bench.core.KeyedHopLatency [ratePerSecond] [warmupSeconds] [measureSeconds]
 * [runs]} (defaults 1000000 10 30 1). Prints p50, p90, p99, p99.9, p99.99 and max per run.
 */
public final class KeyedHopLatency {
  private KeyedHopLatency() {}

  /** An event; a ring of them is reused so that the measurement allocates nothing per event. */
  static final class Timed {
    long dueNanos;
    Long key;
    /** True for events of the warm-up phase (not recorded). */
    boolean warmup;
  }

  /** Emits {@code total} events at {@code ratePerSecond}, each stamped with its due time. */
  static final class PacedSource implements Source<Timed> {
    private final double ratePerSecond;
    private final long total;
    private final long warmupEvents;
    private final Long[] keys;

    PacedSource(double ratePerSecond, long total, long warmupEvents, Long[] keys) {
      this.ratePerSecond = ratePerSecond;
      this.total = total;
      this.warmupEvents = warmupEvents;
      this.keys = keys;
    }

    @Override
    public String name() {
      return "paced";
    }

    @Override
    public SourceReader<Timed> createReader(int instanceIndex, int parallelism) {
      Timed[] ring = new Timed[1 << 20];
      for (int i = 0; i < ring.length; i++) {
        ring[i] = new Timed();
      }
      double nanosPerEvent = 1e9 / ratePerSecond;
      return new SourceReader<>() {
        long start = -1;
        long emitted;

        @Override
        public int read(SourceOutput<Timed> out, int max) {
          if (emitted >= total) {
            return END;
          }
          long now = System.nanoTime();
          if (start < 0) {
            start = now;
          }
          long due = Math.min(total, (long) ((now - start) / nanosPerEvent) + 1);
          int n = (int) Math.min(max, due - emitted);
          for (int i = 0; i < n; i++) {
            long k = emitted++;
            Timed e = ring[(int) (k & (ring.length - 1))];
            e.dueNanos = start + (long) (k * nanosPerEvent);
            e.key = keys[(int) (k % keys.length)];
            e.warmup = k < warmupEvents;
            out.emit(e);
          }
          return n;
        }
      };
    }
  }

  /** Records due-to-arrival latency per instance; histograms are merged at the end. */
  static final class LatencySink implements Sink<Timed> {
    final ConcurrentLinkedQueue<Histogram> done = new ConcurrentLinkedQueue<>();

    @Override
    public String name() {
      return "latency";
    }

    @Override
    public SinkWriter<Timed> createWriter(int instanceIndex, int parallelism) {
      Histogram h = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
      return new SinkWriter<>() {
        @Override
        public boolean offer(Timed e, long timestamp) {
          if (!e.warmup) {
            h.recordValue(Math.max(0, System.nanoTime() - e.dueNanos));
          }
          return true;
        }

        @Override
        public void complete() {
          done.add(h);
        }
      };
    }
  }

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1_000_000;
    int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Long[] keys = new Long[10_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) i;
    }
    System.out.printf(
        Locale.ROOT,
        "keyed hop at %.0f events/s, %d s warm-up, %d s measured; latency from due time (us)%n",
        rate, warmupSeconds, measureSeconds);
    System.out.println("run      p50      p90      p99    p99.9   p99.99      max   events  load");
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      for (int run = 1; run <= runs; run++) {
        long warmup = (long) (rate * warmupSeconds);
        long total = warmup + (long) (rate * measureSeconds);
        LatencySink sink = new LatencySink();
        Pipeline p = Pipeline.create();
        p.source(new PacedSource(rate, total, warmup, keys))
            .keyBy(e -> e.key)
            .mapStateful(() -> new long[1], (long[] count, Long key, Timed e) -> {
              count[0]++;
              return e;
            })
            .sink(sink);
        Job job = engine.submit(p);
        job.join(Duration.ofSeconds(warmupSeconds + measureSeconds + 120L));
        Histogram all = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        sink.done.forEach(all::add);
        System.out.printf(
            Locale.ROOT,
            "%3d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8d  %s%n",
            run,
            all.getValueAtPercentile(50) / 1e3,
            all.getValueAtPercentile(90) / 1e3,
            all.getValueAtPercentile(99) / 1e3,
            all.getValueAtPercentile(99.9) / 1e3,
            all.getValueAtPercentile(99.99) / 1e3,
            all.getMaxValue() / 1e3,
            all.getTotalCount(),
            loadAverage());
      }
    }
  }

  private static String loadAverage() {
    try {
      String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
      return s.substring(0, s.indexOf(' '));
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }
}
