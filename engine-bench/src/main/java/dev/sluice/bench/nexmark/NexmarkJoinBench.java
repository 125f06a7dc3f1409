package dev.sluice.bench.nexmark;

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
 * NEXMark Q3 (local item suggestion: person–auction join, not windowed) and Q8 (new users:
 * persons and auctions joined per 10 s tumbling window) on Jet, one method per engine and query,
 * so ratios come from one run. The joins read the persons and auctions of the first 25M NEXMark
 * events (500k persons, 1.5M auctions; the bids are not generated). Score: join input events
 * (persons + auctions) per second. Every run's answer is checked against the first run's.
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
public class NexmarkJoinBench {
  /** Join input events (persons + auctions) per run at the default size. */
  public static final int JOIN_EVENTS = 2_000_000;

  /** The persons and auctions. */
  @State(Scope.Benchmark)
  public static class Data {
    /**
     * NEXMark events generated (8% of them persons and auctions); other sizes: read the {@code
     * ·events} secondary score.
     */
    @Param({"25000000"})
    public long nexmarkEvents;

    NexmarkEvents events;
    int joinEvents;
    ResultDigest expectedQ3;
    ResultDigest expectedQ8;

    /** Generates the persons and auctions. */
    @Setup(Level.Trial)
    public void setup() {
      events = NexmarkGenerator.standard(42).personsAndAuctions(nexmarkEvents);
      joinEvents = events.persons().length + events.auctions().length;
      System.out.println(
          events.persons().length + " persons, " + events.auctions().length + " auctions");
    }

    ResultDigest checkQ3(String engine, ResultDigest actual) {
      if (expectedQ3 == null) {
        expectedQ3 = actual;
        System.out.println("Q3: " + actual);
      }
      return BenchStates.verify(engine, expectedQ3, actual);
    }

    ResultDigest checkQ8(String engine, ResultDigest actual) {
      if (expectedQ8 == null) {
        expectedQ8 = actual;
        System.out.println("Q8: " + actual);
      }
      return BenchStates.verify(engine, expectedQ8, actual);
    }
  }

  /** Q3 on Hazelcast Jet 5.x: merged streams keyed by person id, {@code flatMapStateful}. */
  @Benchmark
  @OperationsPerInvocation(JOIN_EVENTS)
  public ResultDigest q3Jet(Data data, BenchStates.JetMember jet, BenchStates.Events counter) {
    counter.events += data.joinEvents;
    return data.checkQ3("Jet Q3", jet.jet.q3(data.events));
  }

  /** Q8 on Hazelcast Jet 5.x: tumbling-window {@code aggregate2} of both streams, then pairs. */
  @Benchmark
  @OperationsPerInvocation(JOIN_EVENTS)
  public ResultDigest q8Jet(Data data, BenchStates.JetMember jet, BenchStates.Events counter) {
    counter.events += data.joinEvents;
    return data.checkQ8("Jet Q8", jet.jet.q8(data.events));
  }

  /** The join-library pipelines, built once per trial. */
  @State(Scope.Benchmark)
  public static class JoinLibrary {
    DigestSink<LocalItem> q3Sink;
    Pipeline q3;
    DigestSink<NewUser> q8Sink;
    Pipeline q8;

    /** Builds both pipelines. */
    @Setup(Level.Trial)
    public void setup(Data data) {
      q3Sink = new DigestSink<>("q3", LocalItem::digest);
      q3 = SluiceJoinQueries.q3JoinLibrary(data.events, BenchStates.PARALLELISM, q3Sink);
      q8Sink = new DigestSink<>("q8", NewUser::digest);
      q8 = SluiceJoinQueries.q8JoinLibrary(data.events, BenchStates.PARALLELISM, q8Sink);
    }
  }

  /** Q3 with the join library: a changelog-table join waiting for each auction's seller. */
  @Benchmark
  @OperationsPerInvocation(JOIN_EVENTS)
  public ResultDigest q3SluiceJoinLibrary(
      Data data, JoinLibrary lib, BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += data.joinEvents;
    return data.checkQ3(
        "Sluice join library Q3", SluiceQueries.run(sluice.engine, lib.q3, lib.q3Sink));
  }

  /** Q8 with the join library: an inner tumbling-window join. */
  @Benchmark
  @OperationsPerInvocation(JOIN_EVENTS)
  public ResultDigest q8SluiceJoinLibrary(
      Data data, JoinLibrary lib, BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += data.joinEvents;
    return data.checkQ8(
        "Sluice join library Q8", SluiceQueries.run(sluice.engine, lib.q8, lib.q8Sink));
  }
}
