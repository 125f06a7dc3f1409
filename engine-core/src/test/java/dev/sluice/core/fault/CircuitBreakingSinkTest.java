package dev.sluice.core.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CircuitBreakingSinkTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T00:00:00Z"));

  /** A sink whose writes fail while {@code failing} is set. */
  static final class FlakySink implements Sink<Integer> {
    volatile boolean failing = true;
    final List<Integer> written = new ArrayList<>();

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public SinkWriter<Integer> createWriter(int i, int p) {
      return (event, ts) -> {
        if (failing) {
          throw new IllegalStateException("destination down");
        }
        synchronized (written) {
          written.add(event);
        }
        return true;
      };
    }
  }

  private static CircuitBreakerSettings settings(WhileOpen whileOpen) {
    return new CircuitBreakerSettings("dest", 3, Duration.ofSeconds(10), 2, whileOpen);
  }

  @Test
  void opensAfterThresholdHalfOpensAfterResetAndClosesAfterSuccesses() throws Exception {
    FlakySink flaky = new FlakySink();
    CircuitBreakingSink<Integer> sink =
        new CircuitBreakingSink<>(flaky, settings(WhileOpen.FAIL_FAST), clock);
    SinkWriter<Integer> w = sink.createWriter(0, 1);
    for (int i = 0; i < 3; i++) {
      int e = i;
      assertThatThrownBy(() -> w.offer(e, 0)).hasMessage("destination down");
    }
    assertThat(sink.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> w.offer(3, 0)).isInstanceOf(CallNotPermittedException.class);
    assertThat(sink.rejectedCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(9));
    assertThatThrownBy(() -> w.offer(4, 0)).isInstanceOf(CallNotPermittedException.class);
    clock.advance(Duration.ofMillis(1001)); // just past the 10 s reset timeout
    flaky.failing = false;
    assertThat(w.offer(5, 0)).isTrue(); // half-open: first permitted call
    assertThat(sink.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(w.offer(6, 0)).isTrue(); // second success closes
    assertThat(sink.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(flaky.written).containsExactly(5, 6);
    assertThat(sink.transitions())
        .extracting(t -> t.from() + "->" + t.to())
        .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
  }

  @Test
  void aFailureWhileHalfOpenOpensAgain() throws Exception {
    FlakySink flaky = new FlakySink();
    CircuitBreakingSink<Integer> sink =
        new CircuitBreakingSink<>(flaky, settings(WhileOpen.FAIL_FAST), clock);
    SinkWriter<Integer> w = sink.createWriter(0, 1);
    for (int i = 0; i < 3; i++) {
      int e = i;
      assertThatThrownBy(() -> w.offer(e, 0)).hasMessage("destination down");
    }
    clock.advance(Duration.ofMillis(10_001));
    assertThatThrownBy(() -> w.offer(9, 0)).hasMessage("destination down");
    assertThat(sink.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(sink.transitions())
        .extracting(t -> t.from() + "->" + t.to())
        .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
  }

  @Test
  void waitRefusesAndDropCountsWhileOpen() throws Exception {
    CircuitBreakingSink<Integer> waiting =
        new CircuitBreakingSink<>(new FlakySink(), settings(WhileOpen.WAIT), clock);
    SinkWriter<Integer> w = waiting.createWriter(0, 1);
    for (int i = 0; i < 3; i++) {
      int e = i;
      assertThatThrownBy(() -> w.offer(e, 0)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(w.offer(3, 0)).isFalse();
    assertThat(w.offer(3, 0)).isFalse();
    assertThat(waiting.rejectedCount()).isEqualTo(2);

    CircuitBreakingSink<Integer> dropping =
        new CircuitBreakingSink<>(new FlakySink(), settings(WhileOpen.DROP), clock);
    SinkWriter<Integer> d = dropping.createWriter(0, 1);
    for (int i = 0; i < 3; i++) {
      int e = i;
      assertThatThrownBy(() -> d.offer(e, 0)).isInstanceOf(IllegalStateException.class);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(d.offer(i, 0)).isTrue();
    }
    assertThat(dropping.droppedCount()).isEqualTo(5);
  }

  @Test
  void inAJobEveryEventIsDeadLetteredWhileTheDestinationIsDown() throws Exception {
    FlakySink flaky = new FlakySink();
    CircuitBreakingSink<Integer> sink =
        new CircuitBreakingSink<>(flaky, settings(WhileOpen.FAIL_FAST), clock);
    CollectSink<DeadLetter> dl = Sinks.collect("dl");
    // the sink stage's policy: dead-letter the failed writes
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      Pipeline q = Pipeline.create();
      q.source(Sources.fromIterable("n", IntStream.range(0, 100).boxed().toList()))
          .map(x -> x)
          .sink(sink)
          .onError(ErrorPolicy.DEAD_LETTER);
      q.deadLetters().sink(dl);
      Job job = engine.submit(q);
      job.join(Duration.ofSeconds(20));
      StageCounts c = job.counts("flaky");
      assertThat(c.deadLettered()).isEqualTo(100);
      assertThat(c.balanced()).isTrue();
      assertThat(dl.items()).hasSize(100);
      assertThat(dl.items().subList(0, 3))
          .allSatisfy(d -> assertThat(d.error()).hasMessage("destination down"));
      assertThat(dl.items().subList(3, 100))
          .allSatisfy(d -> assertThat(d.error()).isInstanceOf(CallNotPermittedException.class));
      assertThat(sink.transitions()).hasSize(1);
    }
  }
}
