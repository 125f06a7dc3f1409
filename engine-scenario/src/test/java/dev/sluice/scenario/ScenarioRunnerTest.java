package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.emission.ScheduledEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  private static Scenario scenario(double eps, Duration d, double errorRate,
      Scenario.SuccessCriteria criteria) {
    return new Scenario("unit", "a short run", eps, 50, d, "synthetic", 128, errorRate,
        Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(1_000, 1_000),
        Scenario.Arrival.CONSTANT, List.of(), criteria);
  }

  /**
   * A target that takes at least a millisecond per event (parked on one worker): it cannot keep
   * up with more than about 1,000 events per second.
   */
  private static Target<ScheduledEvent<byte[]>> slowTarget() {
    return Target.of("slow pipeline",
        (in, s) -> in.map(e -> {
          LockSupport.parkNanos(1_000_000);
          return e;
        }).named("slow"),
        ScheduledEvent::intendedNanos);
  }

  @Test
  void aRunThatKeepsItsScheduleReportsTheRateItMeasured() {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(
                scenario(2_000, Duration.ofMillis(1500), 0.01,
                    new Scenario.SuccessCriteria(1_000, 0, 0, 0.95, 0)),
                new ScenarioRunner.Options(
                    new PrintStream(progress, true, StandardCharsets.UTF_8), false,
                    Duration.ofMillis(250), 42));
    assertThat(r.emitted()).isBetween(2_985L, 3_015L); // 1.5 s at 2,000 ev/s, within 0.5%
    assertThat(r.completed() + r.errors()).isEqualTo(r.emitted());
    // about 1% injected failures, dead-lettered and counted by kind
    assertThat((double) r.errors()).isCloseTo(30, within(25.0));
    assertThat(r.errorsByKind()).containsOnlyKeys("injected failure");
    // the achieved rate is what completed divided by the measured wall time
    assertThat(r.achievedEps() * r.measuredWallMillis() / 1000.0)
        .isCloseTo(r.completed(), within(r.completed() * 0.01));
    assertThat(r.achievedEps()).isCloseTo(2_000 * (1 - 0.01), within(100.0));
    assertThat(r.stoppedBy()).isEqualTo(ScenarioReport.StopReason.COMPLETED);
    assertThat(r.latency().count()).isEqualTo(r.completed());
    assertThat(r.passed()).as(r.failures().toString()).isTrue();
    assertThat(r.timeline()).isNotEmpty();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[unit]").contains("ev/s")
        .contains("backlog");
    assertThat(ReportWriter.text(r)).contains("scenario unit").contains("PASSED");
  }

  @Test
  void aRunThatFallsBehindEndsLateSaysSoAndFailsItsRateCriterion() {
    // 3,000 events planned over 1.5 s into a target that manages about 1,000 per second
    ScenarioReport r = new ScenarioRunner(engine).run(
        scenario(2_000, Duration.ofMillis(1500), 0,
            new Scenario.SuccessCriteria(1_900, 0, 0, 0, 0)),
        ScenarioRunner.Options.quiet().withWallClockCap(Duration.ofSeconds(30)), slowTarget());
    assertThat(r.stoppedBy()).isEqualTo(ScenarioReport.StopReason.COMPLETED);
    assertThat(r.completed()).isEqualTo(r.emitted());
    assertThat(r.endedLateMillis()).isGreaterThan(1_000);
    assertThat(r.keptSchedule()).isFalse();
    assertThat(r.backlogAtPlannedEnd()).isGreaterThan(500);
    // measured, not planned: well below the 2,000 the schedule asked for
    assertThat(r.achievedEps()).isLessThan(1_300);
    assertThat(r.achievedEps() * r.measuredWallMillis() / 1000.0)
        .isCloseTo(r.completed(), within(r.completed() * 0.01));
    assertThat(r.failures()).singleElement().asString().startsWith("achieved rate");
    assertThat(ReportWriter.text(r)).contains("schedule  NOT KEPT").contains("ended")
        .contains("late").contains("FAILED");
  }

  @Test
  void theWallClockCapStopsARunThatFallsBehindWithAPartialReport() {
    ScenarioReport r = new ScenarioRunner(engine).run(
        scenario(5_000, Duration.ofSeconds(1), 0, Scenario.SuccessCriteria.NONE),
        ScenarioRunner.Options.quiet().withWallClockCap(Duration.ofMillis(1500)), slowTarget());
    assertThat(r.stoppedBy()).isEqualTo(ScenarioReport.StopReason.WALL_CLOCK_CAP);
    assertThat(r.partial()).isTrue();
    assertThat(r.durationMillis()).isLessThan(5_000L); // the cap counts from the submission
    assertThat(r.completed()).isLessThan(3_000);
    assertThat(r.backlogAtPlannedEnd()).isGreaterThan(1_000);
    // a partial run cannot pass, even without criteria
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).singleElement().asString()
        .startsWith("the run did not finish: stopped by the wall-clock cap");
    assertThat(ReportWriter.text(r)).contains("PARTIAL: stopped by the wall-clock cap");
  }

  @Test
  void interruptingTheCallerStopsTheRunWithAPartialReport() throws Exception {
    AtomicReference<ScenarioReport> report = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t = new Thread(() -> {
      report.set(new ScenarioRunner(engine).run(
          scenario(1_000, Duration.ofSeconds(30), 0, Scenario.SuccessCriteria.NONE),
          ScenarioRunner.Options.quiet()));
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    Thread.sleep(700);
    t.interrupt();
    t.join(20_000);
    assertThat(t.isAlive()).isFalse();
    ScenarioReport r = report.get();
    assertThat(r.stoppedBy()).isEqualTo(ScenarioReport.StopReason.INTERRUPTED);
    assertThat(r.durationMillis()).isLessThan(20_000);
    assertThat(r.completed()).isPositive();
    assertThat(r.passed()).isFalse();
    assertThat(stillInterrupted.get()).isTrue();
  }

  @Test
  void unmetCriteriaFailTheRunWithReasons() {
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(scenario(2_000, Duration.ofMillis(1500), 0.2,
                    new Scenario.SuccessCriteria(5_000, 0, 0, 0.99, 1)),
                ScenarioRunner.Options.quiet());
    assertThat(r.passed()).isFalse();
    assertThat(r.failures())
        .anySatisfy(f -> assertThat(f).startsWith("achieved rate"))
        .anySatisfy(f -> assertThat(f).startsWith("success rate"))
        .anySatisfy(f -> assertThat(f).startsWith("peak heap"));
    assertThat(ReportWriter.text(r)).contains("FAILED");
  }

  @Test
  void aCircuitBreakerOpensWhenTheStepKeepsFailing() {
    Scenario s = new Scenario("breaker", "always failing", 1_000, 10, Duration.ofMillis(800),
        "synthetic", 64, 1.0, Scenario.LatencySpike.NONE, new Scenario.CircuitBreaker(5, 60_000),
        Scenario.Arrival.CONSTANT, List.of(), Scenario.SuccessCriteria.NONE);
    ScenarioReport r = new ScenarioRunner(engine).run(s, ScenarioRunner.Options.quiet());
    assertThat(r.circuitTransitions()).containsExactly("CLOSED->OPEN");
    assertThat(r.completed()).isZero();
    assertThat(r.errors()).isEqualTo(r.emitted());
    assertThat(r.errorsByKind()).containsOnlyKeys("injected failure", "circuit open");
    // the breaker opens after its threshold; calls in flight by then fail too, the rest fast
    assertThat(r.errorsByKind().get("injected failure")).isBetween(5L, r.errors() / 2);
    assertThat(r.achievedEps()).isZero();
    assertThat(ReportWriter.text(r)).contains("latency   none measured");
  }

  @Test
  void runsAUserPipeline() {
    ScenarioReport r =
        new ScenarioRunner(engine)
            .run(scenario(2_000, Duration.ofMillis(1500), 0, Scenario.SuccessCriteria.NONE),
                ScenarioRunner.Options.quiet(),
                in -> in.filter(e -> e.payload().length > 0),
                ScheduledEvent::intendedNanos);
    assertThat(r.completed()).isEqualTo(r.emitted());
    assertThat(r.run().target()).isEqualTo("user pipeline");
  }
}
