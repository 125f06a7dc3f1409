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
 * "A followed by B on the same key within 5 s, 10k keys" on every engine, one method each, so
 * ratios come from one run. A method runs the whole job over the pre-generated events (job
 * start, and Esper's compile and deploy, included) and checks its matches against the
 * hand-written Sluice operator's. Score: events per second.
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
public class CepFollowedByBench {
  /** Events per run at the default size (the primary score assumes it). */
  public static final int EVENTS = 2_000_000;

  /** The events and the expected matches. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Events per run; other sizes: read the {@code ·events} secondary score. */
    @Param({"2000000"})
    public int events;

    CepEvents input;
    ResultDigest expected;

    /** Generates the events and computes the expected matches with the hand-written operator. */
    @Setup(Level.Trial)
    public void setup() throws Exception {
      input = CepEventGenerator.standard(42).generate(events);
      try (Engine engine =
          Engine.create(EngineConfig.defaults().withWorkerThreads(BenchStates.PARALLELISM))) {
        DigestSink<CepMatch> sink = new DigestSink<>("cep", CepMatch::digest);
        expected =
            SluiceQueries.run(
                engine, SluiceQueries.cepHandWritten(input, BenchStates.PARALLELISM, sink), sink);
      }
      System.out.println("CEP over " + events + " events: " + expected);
    }
  }

  /** The hand-written pipeline, built once per trial. */
  @State(Scope.Benchmark)
  public static class HandWritten {
    DigestSink<CepMatch> sink;
    Pipeline pipeline;

    /** Builds the pipeline. */
    @Setup(Level.Trial)
    public void setup(Data data) {
      sink = new DigestSink<>("cep", CepMatch::digest);
      pipeline = SluiceQueries.cepHandWritten(data.input, BenchStates.PARALLELISM, sink);
    }
  }

  /** Sluice, the pattern written by hand as a keyed operator with a reorder buffer. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ResultDigest sluiceHandWritten(
      Data data, HandWritten cep, BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += data.events;
    return BenchStates.verify("Sluice hand-written", data.expected,
        SluiceQueries.run(sluice.engine, cep.pipeline, cep.sink));
  }

  /** Esper 9, one thread, EPL pattern with an event-time clock. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ResultDigest esper(Data data, BenchStates.Events counter) throws Exception {
    counter.events += data.events;
    return BenchStates.verify("Esper", data.expected, EsperPeer.cep(data.input));
  }

  /** Flink CEP 2.x, local environment. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ResultDigest flinkCep(Data data, BenchStates.Events counter) throws Exception {
    counter.events += data.events;
    return BenchStates.verify(
        "Flink CEP", data.expected, new FlinkPeer(BenchStates.PARALLELISM).cep(data.input));
  }

  /** The CEP library's pipeline, built once per trial. */
  @State(Scope.Benchmark)
  public static class Library {
    DigestSink<CepMatch> sink;
    Pipeline pipeline;

    /** Builds the pipeline. */
    @Setup(Level.Trial)
    public void setup(Data data) {
      sink = new DigestSink<>("cep", CepMatch::digest);
      pipeline = SluiceQueries.cepLibrary(data.input, BenchStates.PARALLELISM, sink);
    }
  }

  /** Sluice, the pattern with the CEP library (engine-cep: pattern API, NFA, shared buffer). */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ResultDigest sluiceCepLibrary(
      Data data, Library cep, BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += data.events;
    return BenchStates.verify("Sluice CEP library", data.expected,
        SluiceQueries.run(sluice.engine, cep.pipeline, cep.sink));
  }
}
