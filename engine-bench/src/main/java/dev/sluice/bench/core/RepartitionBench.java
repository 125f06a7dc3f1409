package dev.sluice.bench.core;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * (b) source → keyBy(channel) → sink across two worker threads (a hash edge, i.e. a queue,
 * between them). Score: events/s; the aux counter {@code meanHopNanos} is the mean time from
 * emission at the source to arrival at the sink, sampled every 1024th event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RepartitionBench {
  static final int N = 1 << 21;

  /** Metrics sampling on or off: the cost of metrics. */
  @Param({"true", "false"})
  public boolean metrics;

  Bid[] bids;
  Engine engine;
  Pipeline pipeline;
  final AtomicLong latencySum = new AtomicLong();
  final AtomicLong latencyCount = new AtomicLong();

  /** Mean per-hop latency over the iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Hop {
    public long hopSamples;
    public long hopNanosTotal;

    /** Mean nanoseconds per hop in this iteration. */
    public double meanHopNanos() {
      return hopSamples == 0 ? 0 : (double) hopNanosTotal / hopSamples;
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    bids = Bid.generate(N, 2);
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(metrics));
    Sink<Bid> sink =
        new Sink<>() {
          @Override
          public String name() {
            return "latency-sink";
          }

          @Override
          public SinkWriter<Bid> createWriter(int i, int p) {
            return new SinkWriter<>() {
              long sum;
              long count;

              @Override
              public boolean offer(Bid b, long ts) {
                long e = b.emitNanos;
                if (e != 0) {
                  sum += System.nanoTime() - e;
                  count++;
                  b.emitNanos = 0;
                }
                return true;
              }

              @Override
              public void complete() {
                latencySum.addAndGet(sum);
                latencyCount.addAndGet(count);
              }
            };
          }
        };
    pipeline = Pipeline.create();
    pipeline
        .source(new ArraySource<>("bids", bids, true))
        .keyBy(b -> b.channel)
        .partition()
        .sink(sink);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void sluiceKeyedHop(Hop hop) throws Exception {
    long s0 = latencySum.get();
    long c0 = latencyCount.get();
    engine.submit(pipeline).join(Duration.ofMinutes(1));
    hop.hopNanosTotal += latencySum.get() - s0;
    hop.hopSamples += latencyCount.get() - c0;
  }
}
