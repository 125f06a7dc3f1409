package dev.sluice.bench.core;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.emission.EmissionSettings;
import dev.sluice.core.emission.EmissionSource;
import dev.sluice.core.emission.RateProfile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * The emission scheduler: its maximum rate on one thread into a no-op pipeline (everything is
 * due at once), and, at a paced target rate, how far the achieved rate is from the target.
 */
public class EmissionBench {

  /** Shared engine. */
  @State(Scope.Benchmark)
  public static class Engines {
    Engine engine;

    @Setup(Level.Trial)
    public void setup() {
      engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(false));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      engine.close();
    }
  }

  static final int N = 1 << 20;
  static final Object PAYLOAD = new Object();

  /** Unpaced: 1M events that are all due, through a fused source → counting sink. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(N)
  public long maxRate(Engines e) throws Exception {
    CountingSink<Object> sink = Sinks.counting("count");
    Pipeline p = Pipeline.create();
    p.source(new EmissionSource<>("emit",
            EmissionSettings.of(RateProfile.constant(1e12)).withMaxEvents(N).withBurstSize(1024),
            n -> PAYLOAD))
        .sink(sink);
    e.engine.submit(p).join(Duration.ofMinutes(1));
    return sink.count();
  }

  /** The paced run's rate error. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class RateError {
    /** |achieved − target| / target, in percent, summed over invocations. */
    public double rateErrorPercent;
  }

  @State(Scope.Benchmark)
  public static class Paced {
    @Param({"10000", "100000", "1000000"})
    public double rate;
  }

  /**
   * Two seconds at the target rate; the achieved rate is the events counted at the sink divided
   * by the wall time from the first emission to the end of the job.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long pacedRate(Engines e, Paced paced, RateError error) throws Exception {
    CountingSink<Object> sink = Sinks.counting("count");
    EmissionSource<Object> source =
        new EmissionSource<>("emit",
            EmissionSettings.of(RateProfile.constant(paced.rate)).withDuration(Duration.ofSeconds(2)),
            n -> PAYLOAD);
    Pipeline p = Pipeline.create();
    p.source(source).sink(sink);
    e.engine.submit(p).join(Duration.ofMinutes(1));
    long end = System.nanoTime();
    double seconds = (end - source.startNanos()) / 1e9;
    double achieved = sink.count() / seconds;
    error.rateErrorPercent += Math.abs(achieved - paced.rate) / paced.rate * 100;
    return sink.count();
  }
}
