package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import dev.sluice.core.metrics.DebugEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Regression tests for issue 16, defects 9 (breaker listeners) and 11 (sink drops). */
class CircuitBreakerDefectsTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T00:00:00Z"));

  @AfterEach
  void close() {
    engine.close();
  }

  /** A sink whose every write fails. */
  static final class DownSink implements Sink<Integer> {
    @Override
    public String name() {
      return "down";
    }

    @Override
    public SinkWriter<Integer> createWriter(int i, int p) {
      return (event, ts) -> {
        throw new IllegalStateException("destination down");
      };
    }
  }

  private List<String> transitionsLogged() {
    return engine.debugLog().events().stream()
        .filter(e -> e.kind() == DebugEvent.Kind.CIRCUIT_TRANSITION)
        .map(e -> e.subject() + ": " + e.message())
        .toList();
  }

  /**
   * Submits {@code p} three times, one job after the other; the first job opens the breaker, each
   * later one half-opens it and opens it again. Returns the transitions logged per job.
   */
  private List<List<String>> runThreeTimes(Pipeline p) throws Exception {
    List<List<String>> perJob = new java.util.ArrayList<>();
    for (int run = 0; run < 3; run++) {
      if (run > 0) {
        clock.advance(Duration.ofSeconds(11)); // past the reset timeout: the next call half-opens
      }
      int before = transitionsLogged().size();
      engine.submit(p).join(Duration.ofSeconds(30));
      List<String> all = transitionsLogged();
      perJob.add(all.subList(before, all.size()));
    }
    return perJob;
  }

  @Test
  void anAsyncBreakersTransitionsAreLoggedOncePerJob() throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", List.of(1)))
        .mapAsync(
            (Integer x) ->
                CompletableFuture.<Integer>failedFuture(new IllegalStateException("down")),
            AsyncCallSettings.defaults()
                .withClock(clock)
                .withCircuitBreaker(
                    new CircuitBreakerSettings(
                        "svc", 1, Duration.ofSeconds(10), 1, WhileOpen.FAIL_FAST)))
        .onError(ErrorPolicy.SKIP)
        .sink(Sinks.discard("d"));
    List<List<String>> perJob = runThreeTimes(p);
    assertThat(perJob.get(0)).containsExactly("svc: CLOSED -> OPEN");
    assertThat(perJob.get(1)).containsExactly("svc: OPEN -> HALF_OPEN", "svc: HALF_OPEN -> OPEN");
    assertThat(perJob.get(2)).containsExactly("svc: OPEN -> HALF_OPEN", "svc: HALF_OPEN -> OPEN");
  }

  @Test
  void aSinkBreakersTransitionsAreLoggedOncePerJobAndNoListenerRemains() throws Exception {
    CircuitBreakingSink<Integer> sink =
        new CircuitBreakingSink<>(
            new DownSink(),
            new CircuitBreakerSettings("dest", 1, Duration.ofSeconds(10), 1, WhileOpen.FAIL_FAST),
            clock);
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", List.of(1))).sink(sink).onError(ErrorPolicy.SKIP);
    List<List<String>> perJob = runThreeTimes(p);
    assertThat(perJob.get(0)).containsExactly("dest: CLOSED -> OPEN");
    assertThat(perJob.get(1)).containsExactly("dest: OPEN -> HALF_OPEN", "dest: HALF_OPEN -> OPEN");
    assertThat(perJob.get(2)).containsExactly("dest: OPEN -> HALF_OPEN", "dest: HALF_OPEN -> OPEN");

    // every job has ended: a transition now reaches the sink's own record, but no job's listener
    int logged = transitionsLogged().size();
    sink.circuitBreaker().transitionToClosedState();
    assertThat(sink.transitions()).last().extracting(CircuitTransition::to).isEqualTo("CLOSED");
    assertThat(transitionsLogged()).hasSize(logged);
  }

  @Test
  void eventsASinkDropsWhileOpenAreCountedAsDroppedNotWritten() throws Exception {
    CircuitBreakingSink<Integer> sink =
        new CircuitBreakingSink<>(
            new DownSink(),
            new CircuitBreakerSettings("dest", 3, Duration.ofSeconds(10), 2, WhileOpen.DROP),
            clock);
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", IntStream.range(0, 100).boxed().toList()))
        .sink(sink)
        .onError(ErrorPolicy.SKIP);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(30));
    StageCounts c = job.counts("down");
    assertThat(c.in()).isEqualTo(100);
    assertThat(c.errors()).isEqualTo(3); // the failures that opened the circuit
    assertThat(c.filtered()).isEqualTo(3);
    assertThat(c.dropped()).isEqualTo(97);
    assertThat(c.out()).isZero();
    assertThat(c.balanced()).as(c.toString()).isTrue();
    assertThat(sink.droppedCount()).isEqualTo(97);
    assertThat(engine.snapshot().jobs().get(0).stage("down").dropped()).isEqualTo(97);
  }
}
