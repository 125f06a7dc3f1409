package dev.sluice.pipeline.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.Record;
import dev.sluice.testsupport.SeededRuns;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Frames through real jobs: fan-out sharing, return of every frame, windowed aggregates. */
class FrameJobTest {

  private static void run(Pipeline p) throws Exception {
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      assertThat(engine.submit(p, "frames").join(Duration.ofMinutes(1))).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void aFanOutSharesFramesAndEveryFrameReturnsToItsPool() throws Exception {
    FrameSchema schema = FrameSchema.of("ax", "ay", "az");
    FramePool pool = FramePool.create("imu", schema, 8192);
    ChannelExpressions mag = ChannelExpressions.compile(schema, Map.of("mag", "sqrt(ax*ax + ay*ay + az*az)"));
    FramePool magPool = FramePool.create("mag", mag.outputSchema(), 8192);
    int count = 20_000;
    CollectSink<Record> windows = Sinks.collect("windows");
    CollectSink<Record> magnitudes = Sinks.collect("magnitudes");

    Pipeline p = Pipeline.create();
    Stage<Frame> frames = Frames.share(p.source(new FrameGenerator("imu", pool, count, 1000, 7, 0)), 3);
    Frames.window(frames, TumblingWindows.ofMillis(1000),
        ChannelAggregates.of(schema, List.of(), List.of(ChannelAggregates.Op.COUNT, ChannelAggregates.Op.MEAN)),
        0, "per-second").sink(windows);
    Stage<Frame> withMag = Frames.share(Frames.compute(frames, mag, magPool), 2);
    Frames.toRecords(withMag, mag.outputSchema()).sink(magnitudes);
    withMag.sink(Frames.releasing("observer"));
    frames.sink(Frames.releasing("released"));
    run(p);
    System.out.println(pool + "\n" + magPool);

    assertThat(pool.outstanding()).as("%s", pool).isZero();
    assertThat(magPool.outstanding()).as("%s", magPool).isZero();
    assertThat(pool.doubleReleases()).isZero();
    assertThat(pool.allocations() + pool.reuses()).isEqualTo(count);
    // bounded queues keep a bounded number of frames in flight, fewer than the pool keeps idle:
    // once that many exist, acquisitions reuse frames
    assertThat(pool.reuses()).as("%s", pool).isGreaterThan(count / 2);
    assertThat(pool.discarded()).isZero();
    assertThat(magPool.allocations() + magPool.reuses()).isEqualTo(count);
    assertThat(windows.items()).hasSize(count / 1000);
    assertThat(windows.items().stream().mapToLong(r -> (Long) r.get("frames")).sum()).isEqualTo(count);
    assertThat(magnitudes.items()).hasSize(count);
    Record r = magnitudes.items().get(0);
    double ax = (Double) r.get("ax");
    double ay = (Double) r.get("ay");
    double az = (Double) r.get("az");
    assertThat((Double) r.get("mag")).isCloseTo(Math.sqrt(ax * ax + ay * ay + az * az), org.assertj.core.data.Offset.offset(1e-12));
  }

  /** A sample of the brute-force model: timestamp and channel values. */
  private record Sample(long ts, double[] v) {}

  private static List<Sample> frames(FrameSchema schema, long count, double rate, long seed, long start) throws Exception {
    FramePool pool = FramePool.create("model", schema, 4);
    List<Sample> out = new ArrayList<>();
    SourceReader<Frame> r = new FrameGenerator("model", pool, count, rate, seed, start).createReader(0, 1);
    SourceOutput<Frame> o = new SourceOutput<>() {
      @Override
      public void emit(Frame f) {
        emit(f, f.timestamp());
      }

      @Override
      public void emit(Frame f, long timestamp) {
        double[] v = new double[schema.size()];
        f.copyValues(v);
        out.add(new Sample(timestamp, v));
        f.release();
      }
    };
    while (r.read(o, 100) != SourceReader.END) {
      // read all
    }
    return out;
  }

  private record Case(int channels, int count, double rate, long seed, long start, long size, long slide,
      List<ChannelAggregates.Op> ops) {}

  @Test
  void windowedChannelAggregatesMatchABruteForceComputation() {
    SeededRuns.forAll(12, g -> {
      List<ChannelAggregates.Op> ops = new ArrayList<>(List.of(ChannelAggregates.Op.values()));
      java.util.Collections.shuffle(ops, new java.util.Random(g.anyLong()));
      long size = g.pick(10L, 50L, 100L, 1000L);
      long slide = g.bool() ? size : size / g.pick(1L, 2L, 5L);
      return new Case(g.intBetween(1, 4), g.intBetween(1, 600), g.pick(7.0, 100.0, 250.0, 1000.0),
          g.anyLong(), g.longBetween(0, 5000), size, slide, List.copyOf(ops.subList(0, g.intBetween(1, ops.size()))));
    }, c -> {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < c.channels(); i++) {
        names.add("c" + i);
      }
      FrameSchema schema = FrameSchema.of(names);
      FramePool pool = FramePool.create("p", schema, 16);
      ChannelAggregates aggs = ChannelAggregates.of(schema, List.of(), c.ops());
      WindowAssigner<?> assigner = c.slide() == c.size() ? TumblingWindows.ofMillis(c.size())
          : SlidingWindows.ofMillis(c.size(), c.slide());
      CollectSink<Record> sink = Sinks.collect("out");
      Pipeline p = Pipeline.create();
      Frames.window(p.source(new FrameGenerator("f", pool, c.count(), c.rate(), c.seed(), c.start())),
          assigner, aggs, 0, "w").sink(sink);
      run(p);
      assertThat(pool.outstanding()).isZero();

      // brute force: every window [k*slide, k*slide + size) containing a frame
      List<Sample> samples = frames(schema, c.count(), c.rate(), c.seed(), c.start());
      TreeMap<Long, List<Sample>> byWindow = new TreeMap<>();
      for (Sample s : samples) {
        long last = Math.floorDiv(s.ts(), c.slide()) * c.slide();
        for (long w = last; w > s.ts() - c.size(); w -= c.slide()) {
          byWindow.computeIfAbsent(w, k -> new ArrayList<>()).add(s);
        }
      }
      List<Record> actual = new ArrayList<>(sink.items());
      actual.sort(Comparator.comparingLong(r -> (Long) r.get("windowStart")));
      assertThat(actual).hasSize(byWindow.size());
      int k = 0;
      for (Map.Entry<Long, List<Sample>> e : byWindow.entrySet()) {
        Record r = actual.get(k++);
        assertThat(r.get("windowStart")).isEqualTo(e.getKey());
        assertThat(r.get("windowEnd")).isEqualTo(e.getKey() + c.size());
        assertThat(r.get("frames")).isEqualTo((long) e.getValue().size());
        for (int ch = 0; ch < c.channels(); ch++) {
          double sum = 0;
          double sumSq = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (Sample s : e.getValue()) {
            double x = s.v()[ch];
            sum += x;
            sumSq += x * x;
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
          int n = e.getValue().size();
          for (ChannelAggregates.Op op : c.ops()) {
            Object got = r.get("c" + ch + "_" + op.label());
            switch (op) {
              case COUNT -> assertThat(got).isEqualTo((long) n);
              case MIN -> assertThat((Double) got).isEqualTo(min);
              case MAX -> assertThat((Double) got).isEqualTo(max);
              case SUM -> assertThat((Double) got).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(sum))));
              case MEAN -> assertThat((Double) got).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-9));
              case RMS -> assertThat((Double) got).isCloseTo(Math.sqrt(sumSq / n), org.assertj.core.data.Offset.offset(1e-9));
              default -> throw new AssertionError(op);
            }
          }
        }
      }
    });
  }
}
