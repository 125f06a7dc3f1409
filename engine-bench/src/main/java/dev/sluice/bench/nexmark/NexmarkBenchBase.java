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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the NEXMark benchmarks of one query share: the JMH settings, the pre-generated input, the
 * expected answer (computed once per trial by the hand-written Sluice operators), and two
 * benchmark methods, the hand-written Sluice pipeline and the same query written with a Sluice
 * library. A subclass gives the input, the two pipelines and the peers' benchmark methods, and
 * declares {@code @OperationsPerInvocation} with its default input size.
 *
 * <p>Every timed run checks its answer ({@link #check}); a run that computes something else
 * fails the benchmark. The benchmark instance is the trial's state: the input and the pipelines
 * are built once per trial, and a pipeline is submitted again for every invocation.
 *
 * @param <I> the pre-generated input
 * @param <R> the query's result type
 */
@State(Scope.Benchmark)
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
public abstract class NexmarkBenchBase<I, R> {
  /** The trial's input. */
  protected I input;

  /** The hand-written Sluice pipeline's answer on {@link #input}. */
  protected ResultDigest expected;

  private DigestSink<R> handWrittenSink;
  private Pipeline handWritten;
  private DigestSink<R> librarySink;
  private Pipeline library;

  /** Events per run: the value of the subclass's {@code @Param}. */
  protected abstract int events();

  /** Generates the input of {@code events} events. */
  protected abstract I generate(int events);

  /** The query's name, for the console. */
  protected abstract String query();

  /** A new sink for the query's results. */
  protected abstract DigestSink<R> newSink();

  /** The query written by hand as keyed operators on the public SPI. */
  protected abstract Pipeline handWritten(I input, int parallelism, DigestSink<R> sink);

  /** The query written with the Sluice library that provides it. */
  protected abstract Pipeline library(I input, int parallelism, DigestSink<R> sink);

  /** Generates the input, computes the expected answer and builds both Sluice pipelines. */
  @Setup(Level.Trial)
  public void setUpTrial() throws Exception {
    input = generate(events());
    handWrittenSink = newSink();
    handWritten = handWritten(input, BenchStates.PARALLELISM, handWrittenSink);
    librarySink = newSink();
    library = library(input, BenchStates.PARALLELISM, librarySink);
    try (Engine engine =
        Engine.create(EngineConfig.defaults().withWorkerThreads(BenchStates.PARALLELISM))) {
      expected = SluiceQueries.run(engine, handWritten, handWrittenSink);
    }
    System.out.println(query() + " over " + events() + " events: " + expected);
  }

  /** Sluice, the query written by hand as keyed operators on the public SPI. */
  @Benchmark
  public ResultDigest sluiceHandWritten(BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += events();
    return check(
        "Sluice hand-written", SluiceQueries.run(sluice.engine, handWritten, handWrittenSink));
  }

  /** Sluice, the query written with the library (windowing, CEP). */
  @Benchmark
  public ResultDigest sluiceLibrary(BenchStates.SluiceEngine sluice, BenchStates.Events counter)
      throws Exception {
    counter.events += events();
    return check("Sluice library", SluiceQueries.run(sluice.engine, library, librarySink));
  }

  /**
   * Returns {@code actual} if it is the expected answer.
   *
   * @throws IllegalStateException naming {@code engine} otherwise
   */
  protected ResultDigest check(String engine, ResultDigest actual) {
    return BenchStates.verify(engine, expected, actual);
  }
}
