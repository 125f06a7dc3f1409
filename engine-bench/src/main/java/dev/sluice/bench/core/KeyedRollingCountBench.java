package dev.sluice.bench.core;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.HashMap;
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
 * (c) Keyed rolling count over 10k keys: Sluice (source and keyed operator on two threads)
 * beside a hand-written single-thread HashMap loop emitting the same (key, count) pairs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyedRollingCountBench {
  static final int N = 1 << 20;
  static final int KEYS = 10_000;

  /** Metrics sampling on or off: the cost of metrics. */
  @Param({"true", "false"})
  public boolean metrics;

  Bid[] bids;
  Long[] keys;
  Engine engine;
  CountingSink<Object> sink;
  Pipeline pipeline;
  CountingSink<Object> longSink;
  Pipeline longPipeline;

  @Setup(Level.Trial)
  public void setup() {
    bids = Bid.generate(N, 3);
    keys = new Long[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = (long) i;
    }
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(metrics));
    sink = Sinks.counting("count");
    pipeline = Pipeline.create();
    Long[] k = keys;
    pipeline
        .source(new ArraySource<>("bids", bids, false))
        .keyBy(b -> k[(int) (b.auction % KEYS)])
        .rollingAggregate(AggregateOperations.counting())
        .sink(sink);
    setupLongKeys();
  }

  /** The same count keyed by the primitive auction key: no key boxing on the edge or in state. */
  private void setupLongKeys() {
    longSink = Sinks.counting("count");
    longPipeline = Pipeline.create();
    longPipeline
        .source(new ArraySource<>("bids", bids, false))
        .keyByLong(b -> b.auction % KEYS)
        .rollingAggregate(AggregateOperations.counting())
        .sink(longSink);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long sluiceLongKeys() throws Exception {
    longSink.reset();
    engine.submit(longPipeline).join(Duration.ofMinutes(1));
    return longSink.count();
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

  /** Same work by hand: look up the key's counter, bump it, make the output pair. */
  @Benchmark
  @OperationsPerInvocation(N)
  public long handWrittenLoop() {
    HashMap<Long, long[]> counts = new HashMap<>();
    long checksum = 0;
    for (Bid b : bids) {
      Long key = keys[(int) (b.auction % KEYS)];
      long[] c = counts.computeIfAbsent(key, x -> new long[1]);
      c[0]++;
      Object out = new java.util.AbstractMap.SimpleImmutableEntry<>(key, c[0]);
      checksum += out.hashCode();
    }
    return checksum;
  }
}
