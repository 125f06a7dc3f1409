package dev.sluice.bench.nexmark;

import dev.sluice.core.Pipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * NEXMark Q7 (highest bid per 10 s tumbling window, not keyed) on every engine, one method each,
 * so ratios come from one run: Sluice hand-written ({@link SluiceQueries#q7HandWritten}), Sluice
 * with the windowing library ({@link SluiceQueries#q7Library}, {@code windowAll}), Hazelcast Jet
 * and Flink. A method runs the whole job over the pre-generated bids (job start included) and
 * checks its answer against the hand-written Sluice version's. Score: bids per second.
 */
@OperationsPerInvocation(NexmarkQ7Bench.BIDS)
public class NexmarkQ7Bench extends NexmarkBenchBase<NexmarkEvents, HighestBid> {
  /** Bids per run at the default size (the primary score assumes it). */
  public static final int BIDS = 10_000_000;

  /** Bids per run; other sizes: read the {@code ·events} secondary score. */
  @Param({"10000000"})
  public int bids;

  @Override
  protected int events() {
    return bids;
  }

  @Override
  protected NexmarkEvents generate(int events) {
    return NexmarkGenerator.standard(42).bids(events);
  }

  @Override
  protected String query() {
    return "Q7";
  }

  @Override
  protected DigestSink<HighestBid> newSink() {
    return new DigestSink<>("q7", HighestBid::digest);
  }

  @Override
  protected Pipeline handWritten(
      NexmarkEvents input, int parallelism, DigestSink<HighestBid> sink) {
    return SluiceQueries.q7HandWritten(input, parallelism, sink);
  }

  @Override
  protected Pipeline library(NexmarkEvents input, int parallelism, DigestSink<HighestBid> sink) {
    return SluiceQueries.q7Library(input, parallelism, sink);
  }

  /** Hazelcast Jet 5.x, embedded. */
  @Benchmark
  public ResultDigest jet(BenchStates.JetMember jet, BenchStates.Events counter) {
    counter.events += bids;
    return check("Jet", jet.jet.q7(input));
  }

  /** Flink 2.x, local environment ({@code windowAll}). */
  @Benchmark
  public ResultDigest flink(BenchStates.Events counter) throws Exception {
    counter.events += bids;
    return check("Flink", new FlinkPeer(BenchStates.PARALLELISM).q7(input));
  }
}
