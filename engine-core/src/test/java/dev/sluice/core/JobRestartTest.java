package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.JobSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Job-level restarts: a failed job run again by the engine, as the same {@link Job}. */
class JobRestartTest {

  private static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("restart-"));
  }

  private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

  /** Fails on event 5 during the first {@code failingAttempts} attempts (counted at event 0). */
  static final class FailingOnFive implements Function<Integer, Integer> {
    final AtomicInteger attempts = new AtomicInteger();
    final int failingAttempts;

    FailingOnFive(int failingAttempts) {
      this.failingAttempts = failingAttempts;
    }

    @Override
    public Integer apply(Integer x) {
      if (x == 0) {
        attempts.incrementAndGet();
      }
      if (x == 5 && attempts.get() <= failingAttempts) {
        throw new IllegalStateException("attempt " + attempts.get() + " broke");
      }
      return x;
    }
  }

  private static Pipeline tenThrough(Function<Integer, Integer> f, CollectSink<Integer> out) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", TEN)).map(f).named("check").sink(out);
    return p;
  }

  /** Records every change a listener hears. */
  static final class Recorder implements JobListener {
    final List<JobStatusChange> changes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onStatusChange(JobStatusChange change) {
      changes.add(change);
    }

    List<JobStatus> statuses() {
      synchronized (changes) {
        return changes.stream().map(JobStatusChange::status).toList();
      }
    }
  }

  @Test
  void aFailedJobIsRestartedFromItsSourcesAndJoinWaitsForTheFinalOutcome() throws Exception {
    FailingOnFive check = new FailingOnFive(1);
    CollectSink<Integer> out = Sinks.collect("out");
    Recorder recorder = new Recorder();
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              tenThrough(check, out),
              JobOptions.defaults()
                  .withName("restarted")
                  .withRestartStrategy(RestartStrategy.immediate(2))
                  .withListener(recorder));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.restarts()).isEqualTo(1);
      assertThat(job.failure()).isEmpty();
      assertThat(check.attempts.get()).isEqualTo(2);
      // the first attempt delivered 0..4 before failing; the second ran from the source again
      List<Integer> items = out.items();
      assertThat(items.subList(items.size() - 10, items.size())).containsExactlyElementsOf(TEN);
      assertThat(items.subList(0, items.size() - 10)).containsExactly(0, 1, 2, 3, 4);
      // counts sum both attempts
      assertThat(job.counts("numbers").out()).isEqualTo(items.size() + 1);
      assertThat(job.counts("out").out()).isEqualTo(items.size());
      assertThat(recorder.statuses())
          .containsExactly(
              JobStatus.RUNNING, JobStatus.RESTARTING, JobStatus.RUNNING, JobStatus.COMPLETED);
      JobStatusChange restarting = recorder.changes.get(1);
      assertThat(restarting.previous()).isEqualTo(JobStatus.RUNNING);
      assertThat(restarting.restarts()).isEqualTo(1);
      assertThat(restarting.cause())
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("stage 'check'")
          .hasMessageContaining("attempt 1 broke");
      JobSnapshot snapshot =
          engine.snapshot().jobs().stream()
              .filter(j -> j.name().equals("restarted"))
              .findFirst()
              .orElseThrow();
      assertThat(snapshot.restarts()).isEqualTo(1);
      assertThat(snapshot.status()).isEqualTo("COMPLETED");
      assertThat(engine.debugLog().events())
          .anyMatch(
              e -> e.kind() == DebugEvent.Kind.RESTART
                  && e.subject().equals("restarted")
                  && e.message().contains("job restart 1")
                  && e.message().contains("attempt 1 broke"))
          .anyMatch(
              e -> e.kind() == DebugEvent.Kind.JOB_STATE
                  && e.subject().equals("restarted")
                  && e.message().startsWith("RESTARTING"))
          .anyMatch(
              e -> e.kind() == DebugEvent.Kind.JOB_STATE
                  && e.subject().equals("restarted")
                  && e.message().equals("RUNNING (restart 1)"));
    }
  }

  @Test
  void whenRestartsRunOutTheJobFailsWithTheLastFailure() throws Exception {
    FailingOnFive check = new FailingOnFive(Integer.MAX_VALUE);
    Recorder recorder = new Recorder();
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              tenThrough(check, Sinks.collect("out")),
              JobOptions.defaults()
                  .withRestartStrategy(RestartStrategy.immediate(2))
                  .withListener(recorder));
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("attempt 3 broke");
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.restarts()).isEqualTo(2);
      assertThat(check.attempts.get()).isEqualTo(3);
      assertThat(recorder.statuses())
          .containsExactly(
              JobStatus.RUNNING, JobStatus.RESTARTING, JobStatus.RUNNING, JobStatus.RESTARTING,
              JobStatus.RUNNING, JobStatus.FAILED);
      assertThat(recorder.changes.get(5).cause()).isSameAs(job.failure().orElseThrow());
    }
  }

  @Test
  void theEngineWideStrategyAppliesToJobsWithoutTheirOwn() throws Exception {
    FailingOnFive check = new FailingOnFive(1);
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(2)
                .withThreadNamePrefix("restart-")
                .withJobRestartStrategy(RestartStrategy.immediate(1)))) {
      Job job = engine.submit(tenThrough(check, Sinks.collect("out")));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.restarts()).isEqualTo(1);
    }
  }

  @Test
  void withoutAStrategyAFailedJobIsNotRestarted() {
    FailingOnFive check = new FailingOnFive(1);
    try (Engine engine = engine()) {
      Job job = engine.submit(tenThrough(check, Sinks.collect("out")));
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class);
      assertThat(job.restarts()).isZero();
      assertThat(check.attempts.get()).isEqualTo(1);
    }
  }

  private static RestartStrategy anHourLater() {
    return RestartStrategy.exponentialBackoff(Duration.ofHours(1), 1.0, Duration.ofHours(1), 0, 1);
  }

  private static void awaitStatus(Job job, JobStatus status) throws InterruptedException {
    for (int i = 0; i < 10_000 && job.status() != status; i++) {
      Thread.sleep(1);
    }
    assertThat(job.status()).isEqualTo(status);
  }

  @Test
  void cancellingAJobThatWaitsToRestartEndsItAtOnce() throws Exception {
    FailingOnFive check = new FailingOnFive(1);
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              tenThrough(check, Sinks.collect("out")),
              JobOptions.defaults().withRestartStrategy(anHourLater()));
      awaitStatus(job, JobStatus.RESTARTING);
      assertThat(job.failure().orElseThrow()).hasMessageContaining("attempt 1 broke");
      assertThat(engine.runningJobs()).isEqualTo(1); // it keeps its slot
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(check.attempts.get()).isEqualTo(1);
      assertThat(engine.runningJobs()).isZero();
    }
  }

  @Test
  void drainingAJobThatWaitsToRestartAbandonsTheRestart() throws Exception {
    FailingOnFive check = new FailingOnFive(1);
    try (Engine engine = engine()) {
      Job job =
          engine.submit(
              tenThrough(check, Sinks.collect("out")),
              JobOptions.defaults().withRestartStrategy(anHourLater()));
      awaitStatus(job, JobStatus.RESTARTING);
      job.drain();
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("attempt 1 broke");
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(check.attempts.get()).isEqualTo(1);
    }
  }

  @Test
  void closingTheEngineCancelsAJobThatWaitsToRestartAndLeavesNoThread() throws Exception {
    FailingOnFive check = new FailingOnFive(1);
    Engine engine = engine();
    Job job =
        engine.submit(
            tenThrough(check, Sinks.collect("out")),
            JobOptions.defaults().withRestartStrategy(anHourLater()));
    awaitStatus(job, JobStatus.RESTARTING);
    engine.close();
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.completion()).isCompletedWithValue(JobStatus.CANCELLED);
    assertThat(engine.liveThreads()).isEmpty();
  }

  @Test
  void aCancelledJobIsNotRestarted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.generator("endless", () -> 1, Long.MAX_VALUE))
          .peek(x -> started.countDown())
          .sink(Sinks.discard("d"));
      Job job = engine.submit(p, JobOptions.defaults().withRestartStrategy(RestartStrategy.immediate(5)));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(job.restarts()).isZero();
    }
  }

  @Test
  void aRestartedJobGoesOnReadingItsPushSourceWhichStaysOpen() throws Exception {
    PushSource<Integer> push = Sources.push("push", 1024, BackpressureStrategy.BLOCK);
    AtomicInteger failures = new AtomicInteger();
    CollectSink<Integer> out = Sinks.collect("out");
    Recorder recorder = new Recorder();
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(push)
          .map(
              x -> {
                if (x == 3 && failures.getAndIncrement() == 0) {
                  throw new IllegalStateException("bad luck");
                }
                return x;
              })
          .sink(out);
      Job job =
          engine.submit(
              p,
              JobOptions.defaults()
                  .withRestartStrategy(RestartStrategy.immediate(1))
                  .withListener(recorder));
      for (int i = 0; i < 5; i++) {
        assertThat(push.offer(i)).isTrue();
      }
      for (int i = 0; i < 10_000 && recorder.statuses().size() < 3; i++) {
        Thread.sleep(1);
      }
      assertThat(recorder.statuses())
          .containsExactly(JobStatus.RUNNING, JobStatus.RESTARTING, JobStatus.RUNNING);
      assertThat(push.isOpen()).isTrue();
      for (int i = 5; i < 10; i++) {
        assertThat(push.offer(i)).isTrue();
      }
      push.complete();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      // event 3 was lost with the failed attempt; everything after it was read by the new one
      assertThat(out.items()).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9);
      assertThat(recorder.statuses())
          .containsExactly(
              JobStatus.RUNNING, JobStatus.RESTARTING, JobStatus.RUNNING, JobStatus.COMPLETED);
    }
  }

  @Test
  void aBlockingSinkJobRestartsOnNewThreadsAndLeavesNoneBehind() throws Exception {
    FailingOnFive check = new FailingOnFive(2);
    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    Engine engine = engine();
    try {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("numbers", TEN))
          .map(check)
          .rebalance()
          .sink(Sinks.blockingCallback("blocking", written::add));
      Job job = engine.submit(p, JobOptions.defaults().withRestartStrategy(RestartStrategy.immediate(2)));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.restarts()).isEqualTo(2);
      assertThat(written.subList(written.size() - 10, written.size())).containsExactlyElementsOf(TEN);
    } finally {
      engine.close();
    }
    assertThat(engine.liveThreads()).isEmpty();
  }
}
