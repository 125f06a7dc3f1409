package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.Output;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Edges under every backpressure strategy with watermarks interleaved with the events, at the
 * smallest capacities and batch sizes: the job completes, event time at the consumer never goes
 * back and ends at the final watermark, and the consumer's accounting balances.
 */
class EdgeBackpressureTest {

  /** Passes events on and records the watermarks its instance sees, in order. */
  static final class WatermarkRecorder implements Operator<Integer, Integer> {
    final List<Long> seen = new ArrayList<>();

    @Override
    public void onEvent(Integer event, long timestamp, Output<Integer> output) {
      output.emit(event);
    }

    @Override
    public void onWatermark(long watermark, Output<Integer> output) {
      seen.add(watermark);
    }
  }

  /**
   * A sink whose writers refuse offers: all of them while {@code gateOpen} is false, and then a
   * seeded random share of them, so that the edge in front of it fills up.
   */
  static final class RefusingSink implements Sink<Integer> {
    final long seed;
    final double refuseShare;
    final AtomicLong written = new AtomicLong();
    volatile boolean gateOpen;

    RefusingSink(long seed, double refuseShare, boolean gateOpen) {
      this.seed = seed;
      this.refuseShare = refuseShare;
      this.gateOpen = gateOpen;
    }

    @Override
    public String name() {
      return "refusing";
    }

    @Override
    public SinkWriter<Integer> createWriter(int instanceIndex, int parallelism) {
      SplittableRandom random = new SplittableRandom(seed + instanceIndex);
      return new SinkWriter<>() {
        @Override
        public boolean offer(Integer event, long timestamp) {
          if (!gateOpen || random.nextDouble() < refuseShare) {
            return false;
          }
          written.incrementAndGet();
          return true;
        }
      };
    }
  }

  private static Pipeline pipeline(
      int events,
      BackpressureStrategy strategy,
      int capacity,
      int parallelism,
      List<WatermarkRecorder> recorders,
      Sink<Integer> sink) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", IntStream.range(0, events).boxed().toList()))
        .withTimestamps(i -> i, 0)
        .customOperator(
            "recorder",
            () -> {
              WatermarkRecorder r = new WatermarkRecorder();
              recorders.add(r);
              return r;
            })
        .backpressure(strategy)
        .queueCapacity(capacity)
        .parallelism(parallelism)
        .sink(sink);
    return p;
  }

  private static void awaitSourceOut(Job job, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (job.counts("numbers").out() < atLeast
        && !job.completion().isDone()
        && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  private static void assertEventTimeMonotoneToTheEnd(List<WatermarkRecorder> recorders) {
    for (WatermarkRecorder r : recorders) {
      List<Long> seen = r.seen;
      for (int i = 1; i < seen.size(); i++) {
        assertThat(seen.get(i)).as("watermarks %s", seen).isGreaterThan(seen.get(i - 1));
      }
      assertThat(seen).as("the final watermark arrives").endsWith(Timestamps.MAX_WATERMARK);
    }
  }

  /**
   * The edge is one event wide (capacity 1, so batches of one): dropping the oldest batch drops a
   * watermark too, which must be re-sent without overfilling the one-slot batch.
   */
  @Test
  void dropOldestAtCapacityOneCarriesWatermarksOfDroppedBatches() throws Exception {
    dropOldestCarriesWatermarks(EngineConfig.defaults().withWorkerThreads(2), 1);
  }

  /** The same with the engine's batch size at 1, so every batch on every edge is one slot. */
  @Test
  void dropOldestWithBatchSizeOneCarriesWatermarksOfDroppedBatches() throws Exception {
    dropOldestCarriesWatermarks(EngineConfig.defaults().withWorkerThreads(2).withBatchSize(1), 16);
  }

  private static void dropOldestCarriesWatermarks(EngineConfig config, int capacity)
      throws Exception {
    int n = 5_000;
    try (Engine engine = Engine.create(config)) {
      List<WatermarkRecorder> recorders = new CopyOnWriteArrayList<>();
      RefusingSink sink = new RefusingSink(1, 0, false);
      Job job =
          engine.submit(
              pipeline(n, BackpressureStrategy.DROP_OLDEST, capacity, 1, recorders, sink));
      awaitSourceOut(job, n); // DROP_OLDEST never holds the source back
      sink.gateOpen = true;
      assertThat(job.join(Duration.ofSeconds(20))).isEqualTo(JobStatus.COMPLETED);
      StageCounts c = job.counts("recorder");
      assertThat(c.in()).isEqualTo(n);
      assertThat(c.dropped()).isPositive();
      assertThat(c.in()).isEqualTo(c.out() + c.dropped());
      assertThat(sink.written.get()).isEqualTo(c.out());
      assertEventTimeMonotoneToTheEnd(recorders);
    }
  }

  /**
   * Every strategy at capacities 1–8 and batch sizes 1–4 behind a sink that refuses a random share
   * of its offers: no failure, watermarks monotone and final, {@code in = out + dropped} at the
   * consumer (nothing dropped under BLOCK).
   */
  @Test
  void everyStrategyAtSmallCapacitiesAndBatchSizes() throws Exception {
    long seed = Long.getLong("sluice.test.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    BackpressureStrategy[] strategies = {
      BackpressureStrategy.BLOCK,
      BackpressureStrategy.DROP_NEWEST,
      BackpressureStrategy.DROP_OLDEST,
      BackpressureStrategy.sample(0.5)
    };
    assertThat(BackpressureStrategy.Kind.values()).hasSameSizeAs(strategies);
    for (int batchSize = 1; batchSize <= 4; batchSize++) {
      try (Engine engine =
          Engine.create(EngineConfig.defaults().withWorkerThreads(2).withBatchSize(batchSize))) {
        for (int capacity = 1; capacity <= 8; capacity++) {
          for (BackpressureStrategy strategy : strategies) {
            int n = 50 + random.nextInt(350);
            int parallelism = 1 + random.nextInt(2);
            double refuseShare = random.nextDouble(0.75);
            String where =
                String.format(
                    "seed %d (rerun with -Dsluice.test.seed=%d): batch size %d, capacity %d, %s,"
                        + " %d events, parallelism %d, refusing %.2f",
                    seed, seed, batchSize, capacity, strategy, n, parallelism, refuseShare);
            List<WatermarkRecorder> recorders = new CopyOnWriteArrayList<>();
            RefusingSink sink = new RefusingSink(random.nextLong(), refuseShare, true);
            Job job = engine.submit(pipeline(n, strategy, capacity, parallelism, recorders, sink));
            try {
              assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
            } catch (JobFailedException e) {
              throw new AssertionError(where + ": the job failed", e);
            }
            StageCounts c = job.counts("recorder");
            assertThat(c.in()).as(where).isEqualTo(n);
            assertThat(c.in()).as(where).isEqualTo(c.out() + c.dropped());
            assertThat(sink.written.get()).as(where).isEqualTo(c.out());
            if (strategy == BackpressureStrategy.BLOCK) {
              assertThat(c.dropped()).as(where).isZero();
            }
            assertThat(recorders).as(where).hasSize(parallelism);
            try {
              assertEventTimeMonotoneToTheEnd(recorders);
            } catch (AssertionError e) {
              throw new AssertionError(where + ": " + e.getMessage(), e);
            }
          }
        }
      }
    }
  }
}
