package dev.sluice.bench.core;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (a) A fused map/filter chain over pre-generated bids: Sluice (one tasklet, whole job per
 * invocation) beside Reactor and java.util.stream doing the same work. Score: events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FusedChainBench {
  static final int N = 1 << 20;

  /** Metrics sampling on or off: the cost of metrics. */
  @Param({"true", "false"})
  public boolean metrics;

  Bid[] bids;
  Engine engine;
  CountingSink<Object> sink;
  Pipeline pipeline;

  @Setup(Level.Trial)
  public void setup() {
    bids = Bid.generate(N, 1);
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(metrics));
    sink = Sinks.counting("count");
    pipeline = Pipeline.create();
    pipeline
        .source(new ArraySource<>("bids", bids, false))
        .map(b -> b.auction % 123 == 0 ? b.channel : b.channel) // object field: no boxing
        .filter(c -> c.length() > 3)
        .sink(sink);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long sluice() throws Exception {
    sink.reset();
    engine.submit(pipeline).join(Duration.ofMinutes(1));
    return sink.count();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long reactor() {
    return ReactorMapFilter.count(bids);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long javaStream() {
    return Arrays.stream(bids)
        .map(b -> b.auction % 123 == 0 ? b.channel : b.channel)
        .filter(c -> c.length() > 3)
        .count();
  }
}
