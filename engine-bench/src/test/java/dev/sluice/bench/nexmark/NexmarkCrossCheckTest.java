package dev.sluice.bench.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's engines compute the same answers: Jet, Flink and Sluice's hand-written
 * operators and the windowing library on Q5 and Q7, Esper, Flink CEP and the Sluice operator on the CEP pattern, Jet on Q3
 * and Q8 — each against a plain-Java reference ({@link Reference}) on small inputs. A library form
 * added to the benchmarks gets its line here too.
 */
class NexmarkCrossCheckTest {
  private static final long SEED = 20261201L;
  private static JetPeer jet;
  private static Engine sluice;

  @BeforeAll
  static void start() {
    jet = JetPeer.start(2);
    sluice = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    if (jet != null) {
      jet.close();
    }
    if (sluice != null) {
      sluice.close();
    }
  }

  /** 100k bids at 2,000 events/s: about 54 s of event time, 27 Q5 and 6 Q7 windows. */
  private static NexmarkEvents bids() {
    return new NexmarkGenerator(SEED, 2_000, 20).bids(100_000);
  }

  @Test
  void q5AgreesOnEveryEngine() throws Exception {
    NexmarkEvents events = bids();
    List<Long> digests = new ArrayList<>();
    for (HotItem h : Reference.q5(events.bids())) {
      digests.add(h.digest());
    }
    ResultDigest expected = Reference.digest(digests);
    System.out.println("Q5 reference: " + expected + " (seed " + SEED + ")");
    assertThat(expected.count()).isGreaterThan(20);

    DigestSink<HotItem> sink = new DigestSink<>("q5", HotItem::digest);
    check("Sluice hand-written", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.q5HandWritten(events, 2, sink), sink));
    check("Jet", expected, () -> jet.q5(events));
    check("Flink", expected, () -> new FlinkPeer(2).q5(events));
    check("Sluice windowing library", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.q5Library(events, 2, sink), sink));
  }

  @Test
  void q7AgreesOnEveryEngine() throws Exception {
    NexmarkEvents events = bids();
    List<Long> digests = new ArrayList<>();
    for (HighestBid h : Reference.q7(events.bids())) {
      digests.add(h.digest());
    }
    ResultDigest expected = Reference.digest(digests);
    System.out.println("Q7 reference: " + expected + " (seed " + SEED + ")");
    assertThat(expected.count()).isGreaterThan(4);

    DigestSink<HighestBid> sink = new DigestSink<>("q7", HighestBid::digest);
    check("Sluice hand-written", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.q7HandWritten(events, 2, sink), sink));
    check("Jet", expected, () -> jet.q7(events));
    check("Flink", expected, () -> new FlinkPeer(2).q7(events));
    check("Sluice windowing library", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.q7Library(events, 2, sink), sink));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cepInputs")
  void cepAgreesOnEveryEngine(String name, CepEvents events) throws Exception {
    List<CepMatch> matches = Reference.cep(events.events());
    List<Long> digests = new ArrayList<>();
    for (CepMatch m : matches) {
      digests.add(m.digest());
    }
    ResultDigest expected = Reference.digest(digests);
    System.out.println("CEP reference (" + name + "): " + expected + " (seed " + SEED + ")");
    assertThat(expected.count()).isGreaterThan(1_000);

    DigestSink<CepMatch> sink = new DigestSink<>("cep", CepMatch::digest);
    check("Sluice hand-written", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.cepHandWritten(events, 2, sink), sink));
    check("Esper", expected, () -> EsperPeer.cep(events));
    check("Flink CEP", expected, () -> new FlinkPeer(2).cep(events));
    check("Sluice CEP library", expected,
        () -> SluiceQueries.run(sluice, SluiceQueries.cepLibrary(events, 2, sink), sink));
  }

  /**
   * A fine-grained input (1 ms ticks, 500 keys) and a coarse one (500 ms ticks, 50 keys) where
   * a B exactly 5 s after an open A — too late — is common, so the bound is exercised.
   */
  static Stream<Arguments> cepInputs() {
    CepEvents coarse = new CepEventGenerator(SEED, 50, 10, 500, 64).generate(40_000);
    assertThat(Reference.firstBExactlyAtBound(coarse.events()))
        .as("A's whose first B is exactly 5 s later").isGreaterThan(50);
    return Stream.of(
        Arguments.of("1 ms ticks", new CepEventGenerator(SEED, 500, 10, 1, 64).generate(100_000)),
        Arguments.of("500 ms ticks", coarse));
  }

  private static void check(String engine, ResultDigest expected, Callable<ResultDigest> run)
      throws Exception {
    long start = System.nanoTime();
    ResultDigest actual = run.call();
    System.out.printf("  %s: %s in %d ms%n", engine, actual, (System.nanoTime() - start) / 1_000_000);
    assertThat(actual).as(engine).isEqualTo(expected);
  }

  @Test
  void joinsAgreeWithTheReference() throws Exception {
    NexmarkEvents events = new NexmarkGenerator(SEED, 2_000, 20).personsAndAuctions(250_000);
    List<Long> q3 = new ArrayList<>();
    for (LocalItem item : Reference.q3(events.persons(), events.auctions())) {
      q3.add(item.digest());
    }
    List<Long> q8 = new ArrayList<>();
    for (NewUser user : Reference.q8(events.persons(), events.auctions())) {
      q8.add(user.digest());
    }
    ResultDigest expectedQ3 = Reference.digest(q3);
    ResultDigest expectedQ8 = Reference.digest(q8);
    System.out.println("Q3 reference: " + expectedQ3 + ", Q8 reference: " + expectedQ8);
    assertThat(expectedQ3.count()).isGreaterThan(100);
    assertThat(expectedQ8.count()).isGreaterThan(100);

    check("Jet Q3", expectedQ3, () -> jet.q3(events));
    check("Jet Q8", expectedQ8, () -> jet.q8(events));
    DigestSink<LocalItem> q3Sink = new DigestSink<>("q3", LocalItem::digest);
    check("Sluice join library Q3", expectedQ3,
        () -> SluiceQueries.run(sluice, SluiceJoinQueries.q3JoinLibrary(events, 2, q3Sink), q3Sink));
    DigestSink<NewUser> q8Sink = new DigestSink<>("q8", NewUser::digest);
    check("Sluice join library Q8", expectedQ8,
        () -> SluiceQueries.run(sluice, SluiceJoinQueries.q8JoinLibrary(events, 2, q8Sink), q8Sink));
  }
}
