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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of checkpoints on a keyed rolling count (100k keys, primitive long keys, source and
 * keyed operator on two threads): the same job with no checkpointing, with checkpoints every
 * second and every 100 ms into an {@link InMemoryCheckpointStore}, in one run so the figures
 * compare. Each invocation runs {@link #N} events (seconds on a quiet machine, far longer under
 * load), so checkpoints fall inside it. {@link CheckpointStateBench} measures snapshot and restore of 1M keys on their own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(1)
public class CheckpointBench {
  static final long N = 4L << 20;
  static final int KEYS = 100_000;

  /** No checkpointing, or the checkpoint interval in milliseconds. */
  @Param({"none", "1000", "100"})
  public String checkpoints;

  Engine engine;
  CountingSink<Object> sink;
  Pipeline pipeline;
  long checkpointsTaken;

  @Setup(Level.Trial)
  public void setup() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(false));
    sink = Sinks.counting("count");
    pipeline = Pipeline.create();
    pipeline
        .source(Sources.sequence("numbers", N, i -> i))
        .keyByLong(i -> i % KEYS)
        .rollingAggregate(AggregateOperations.counting())
        .sink(sink);
  }

  @Benchmark
  @OperationsPerInvocation((int) N)
  public long rollingCount() throws Exception {
    sink.reset();
    JobOptions options = JobOptions.defaults();
    if (!checkpoints.equals("none")) {
      options =
          options.withCheckpointing(
              CheckpointConfig.every(
                  Duration.ofMillis(Long.parseLong(checkpoints)), new InMemoryCheckpointStore(1)));
    }
    Job job = engine.submit(pipeline, options);
    job.join(Duration.ofMinutes(5));
    checkpointsTaken += job.lastCompletedCheckpoint().map(c -> c.id()).orElse(0L);
    return sink.count();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println(
        "\n[checkpoints=" + checkpoints + "] checkpoint ids reached, summed over invocations: "
            + checkpointsTaken);
    engine.close();
  }
}
