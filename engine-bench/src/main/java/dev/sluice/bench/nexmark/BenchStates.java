package dev.sluice.bench.nexmark;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH states shared by the NEXMark benchmarks. A benchmark method names the states it needs, so
 * a fork starts only its own engine (a Hazelcast member takes seconds and keeps threads).
 */
public final class BenchStates {
  /** Threads every engine gets: the machine's two cores. */
  public static final int PARALLELISM = 2;

  private BenchStates() {}

  /** An embedded Jet member for the whole trial. */
  @State(Scope.Benchmark)
  public static class JetMember {
    /** The member. */
    public JetPeer jet;

    /** Starts the member. */
    @Setup(Level.Trial)
    public void start() {
      jet = JetPeer.start(PARALLELISM);
    }

    /** Shuts it down. */
    @TearDown(Level.Trial)
    public void stop() {
      jet.close();
    }
  }

  /** A Sluice engine for the whole trial. */
  @State(Scope.Benchmark)
  public static class SluiceEngine {
    /** The engine. */
    public Engine engine;

    /** Creates the engine with {@link #PARALLELISM} worker threads. */
    @Setup(Level.Trial)
    public void start() {
      engine = Engine.create(EngineConfig.defaults().withWorkerThreads(PARALLELISM));
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }
  }

  /**
   * Events processed, reported by JMH as a secondary score {@code ·events} in events per second.
   * The primary score is right only at a benchmark's default size ({@code
   * OperationsPerInvocation} is a constant); this one is right at every size.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Events {
    /** Events processed in this iteration. */
    public long events;

    /** Clears the count before an iteration. */
    @Setup(Level.Iteration)
    public void clear() {
      events = 0;
    }
  }

  /**
   * Fails when a run's result differs from the expected one: every timed run checks its
   * answer.
   *
   * @throws IllegalStateException naming the engine
   */
  static ResultDigest verify(String engine, ResultDigest expected, ResultDigest actual) {
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          engine + " computed " + actual + ", the hand-written Sluice operators " + expected);
    }
    return actual;
  }
}
