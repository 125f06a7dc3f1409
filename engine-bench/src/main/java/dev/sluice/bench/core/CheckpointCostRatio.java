package dev.sluice.bench.core;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobOptions;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.checkpoint.CheckpointConfig;
import dev.sluice.core.checkpoint.InMemoryCheckpointStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The job of {@link CheckpointBench}, run round by round with no checkpointing, checkpoints
 * every second and every 100 ms <em>interleaved</em>, so that a machine whose load drifts affects
 * the three alike; prints each round and the median ratio of each to the run without
 * checkpoints in the same round. Not JMH: on a shared machine the interleaving matters more than
 * JMH's per-configuration iterations, which run minutes apart.
 *
 * <p>Usage: {@code CheckpointCostRatio [rounds] [events]} (defaults 5 and 4M).
 */
public final class CheckpointCostRatio {
  private CheckpointCostRatio() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long n = args.length > 1 ? Long.parseLong(args[1]) : 4L << 20;
    long[] intervals = {0, 1000, 100};
    List<double[]> ratios = new ArrayList<>();
    try (Engine engine =
        Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(false))) {
      CountingSink<Object> sink = Sinks.counting("count");
      Pipeline p = Pipeline.create();
      p.source(Sources.sequence("numbers", n, i -> i))
          .keyByLong(i -> i % CheckpointBench.KEYS)
          .rollingAggregate(AggregateOperations.counting())
          .sink(sink);
      run(engine, p, sink, 0); // warm-up
      for (int r = 0; r < rounds; r++) {
        double[] rate = new double[intervals.length];
        long[] ids = new long[intervals.length];
        for (int k = 0; k < intervals.length; k++) {
          long t0 = System.nanoTime();
          ids[k] = run(engine, p, sink, intervals[k]);
          rate[k] = n / ((System.nanoTime() - t0) / 1e9);
        }
        ratios.add(new double[] {rate[1] / rate[0], rate[2] / rate[0]});
        System.out.printf(
            "round %d: none %.0f ev/s; 1 s %.0f ev/s (%d checkpoints, %.3f); 100 ms %.0f ev/s (%d"
                + " checkpoints, %.3f)%n",
            r, rate[0], rate[1], ids[1], rate[1] / rate[0], rate[2], ids[2], rate[2] / rate[0]);
      }
    }
    System.out.printf(
        "median throughput ratio to no checkpoints: every 1 s %.3f, every 100 ms %.3f%n",
        median(ratios, 0), median(ratios, 1));
  }

  /** Runs the job once; returns the id of its last checkpoint (0 without checkpointing). */
  private static long run(Engine engine, Pipeline p, CountingSink<Object> sink, long intervalMillis)
      throws Exception {
    sink.reset();
    JobOptions options = JobOptions.defaults();
    if (intervalMillis > 0) {
      options =
          options.withCheckpointing(
              CheckpointConfig.every(
                  Duration.ofMillis(intervalMillis), new InMemoryCheckpointStore(1)));
    }
    Job job = engine.submit(p, options);
    job.join(Duration.ofMinutes(10));
    return job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = new double[rows.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rows.get(i)[column];
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
