package dev.sluice.bench.nexmark;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * NEXMark Q5 (hot items: bids per auction in 10 s windows sliding by 2 s, the auction with the
 * most bids per window) on every engine, one method each, so ratios come from one run. A method
 * runs the whole job over the pre-generated bids (job start included) and checks its answer
 * against the hand-written Sluice version's. Score: bids per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "-Xmx8g", "-XX:+UseParallelGC", "--add-modules=java.se",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.management/sun.management=ALL-UNNAMED",
    "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class NexmarkQ5Bench {
  /** Bids per run at the default size (the primary score assumes it). */
  public static final int BIDS = 10_000_000;

  /** The bids and the expected answer. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Bids per run; other sizes: read the {@code ·events} secondary score. */
    @Param({"10000000"})
    public int bids;

    NexmarkEvents events;
    ResultDigest expected;

    /** Generates the bids and computes the expected answer with the hand-written operators. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
      events = NexmarkGenerator.standard(42).bids(bids);
      try (Engine engine =
          Engine.create(EngineConfig.defaults().withWorkerThreads(BenchStates.PARALLELISM))) {
        DigestSink<HotItem> sink = new DigestSink<>("q5", HotItem::digest);
        expected =
            SluiceQueries.run(
                engine, SluiceQueries.q5HandWritten(events, BenchStates.PARALLELISM, sink), sink);
      }
      System.out.println("Q5 over " + bids + " bids: " + expected);
    }
  }

  /** The hand-written pipeline, built once per trial. */
  @State(Scope.Benchmark)
  public static class HandWritten {
    DigestSink<HotItem> sink;
    Pipeline pipeline;

    /** Builds the pipeline. */
    @Setup(Level.Trial)
    public void setup(Data data) {
      sink = new DigestSink<>("q5", HotItem::digest);
      pipeline = SluiceQueries.q5HandWritten(data.events, BenchStates.PARALLELISM, sink);
    }
  }

  /** Sluice, Q5 written by hand as two keyed operators on the public SPI. */
  @Benchmark
  @OperationsPerInvocation(BIDS)
  public ResultDigest sluiceHandWritten(
      Data data, HandWritten q5, BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += data.bids;
    return BenchStates.verify("Sluice hand-written", data.expected,
        SluiceQueries.run(sluice.engine, q5.pipeline, q5.sink));
  }

  /** Hazelcast Jet 5.x, embedded. */
  @Benchmark
  @OperationsPerInvocation(BIDS)
  public ResultDigest jet(Data data, BenchStates.JetMember jet, BenchStates.Events counter) {
    counter.events += data.bids;
    return BenchStates.verify("Jet", data.expected, jet.jet.q5(data.events));
  }

  /** Flink 2.x, local environment. */
  @Benchmark
  @OperationsPerInvocation(BIDS)
  public ResultDigest flink(Data data, BenchStates.Events counter) throws Exception {
    counter.events += data.bids;
    return BenchStates.verify(
        "Flink", data.expected, new FlinkPeer(BenchStates.PARALLELISM).q5(data.events));
  }

  // Library form (engine-windowing): add it here as one more method, e.g.
  //
  //   @Benchmark
  //   @OperationsPerInvocation(BIDS)
  //   public ResultDigest sluiceWindowLibrary(Data data, BenchStates.SluiceEngine sluice,
  //       BenchStates.Events counter) throws Exception {
  //     counter.events += data.bids;
  //     return BenchStates.verify("windowing library", data.expected,
  //         SluiceQueries.run(sluice.engine, <pipeline built in a @State like HandWritten>, sink));
  //   }
  //
  // with the pipeline built in SluiceQueries beside q5HandWritten (same source, parallelism and
  // DigestSink), and a line in NexmarkCrossCheckTest.q5AgreesOnEveryEngine.
}
