package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.metrics.DebugEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Job lifecycle listeners: per job and engine-wide, on the engine's event thread. */
class JobListenerTest {

  private static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("listen"));
  }

  /** Records each change with the listener's name and the thread it was heard on. */
  static final class Recorder implements JobListener {
    final String name;
    final List<String> heard;
    final List<JobStatusChange> changes = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    Recorder(String name, List<String> heard) {
      this.name = name;
      this.heard = heard;
    }

    @Override
    public void onStatusChange(JobStatusChange change) {
      heard.add(name + ":" + change.job().name() + ":" + change.previous() + "->" + change.status());
      changes.add(change);
      threads.add(Thread.currentThread().getName());
    }
  }

  private static Pipeline numbers(String sink) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", List.of(1, 2, 3))).sink(Sinks.discard(sink));
    return p;
  }

  @Test
  void everyChangeIsHeardInOrderOnTheEventThreadBeforeJoinReturns() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    Recorder own = new Recorder("own", heard);
    Recorder everyJob = new Recorder("engine", heard);
    try (Engine engine = engine()) {
      engine.addJobListener(everyJob);
      Job job = engine.submit(numbers("d"), JobOptions.defaults().withName("a").withListener(own));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(heard)
          .containsExactly(
              "own:a:QUEUED->RUNNING", "engine:a:QUEUED->RUNNING",
              "own:a:RUNNING->COMPLETED", "engine:a:RUNNING->COMPLETED");
      assertThat(own.threads).containsOnly("listen-events");
      assertThat(own.changes).allMatch(c -> c.job() == job && c.cause() == null);
    }
  }

  @Test
  void aFailureIsHeardWithItsCause() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    Recorder own = new Recorder("own", heard);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", List.of(1, 0)))
          .map(x -> 10 / x)
          .named("divide")
          .sink(Sinks.discard("d"));
      Job job = engine.submit(p, JobOptions.defaults().withListener(own));
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class);
      JobStatusChange last = own.changes.get(own.changes.size() - 1);
      assertThat(last.status()).isEqualTo(JobStatus.FAILED);
      assertThat(last.cause())
          .isSameAs(job.failure().orElseThrow())
          .hasMessageContaining("stage 'divide'");
    }
  }

  @Test
  void cancellingIsHeardAsCancellingThenCancelled() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch flowing = new CountDownLatch(1);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.generator("endless", () -> 1, Long.MAX_VALUE))
          .peek(x -> flowing.countDown())
          .sink(Sinks.discard("d"));
      Job job =
          engine.submit(
              p, JobOptions.defaults().withName("c").withListener(new Recorder("own", heard)));
      assertThat(flowing.await(10, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(heard)
          .containsExactly(
              "own:c:QUEUED->RUNNING", "own:c:RUNNING->CANCELLING", "own:c:CANCELLING->CANCELLED");
    }
  }

  @Test
  void aJobCancelledWhileQueuedIsHeardAndADrainedQueuedJobStartsDraining() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withThreadNamePrefix("listen"))) {
      engine.addJobListener(new Recorder("engine", heard));
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first, "first");
      Job cancelled = engine.submit(numbers("d2"), "second");
      Job drained = engine.submit(numbers("d3"), "third");
      cancelled.cancel();
      drained.drain();
      gate.complete();
      assertThat(running.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(cancelled.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(drained.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(heard)
          .containsSubsequence("engine:second:QUEUED->CANCELLED")
          .containsSubsequence("engine:third:QUEUED->DRAINING", "engine:third:DRAINING->COMPLETED");
      // drained before it started, the third job's source ended at once
      assertThat(drained.counts("n").out()).isZero();
    }
  }

  @Test
  void aThrowingListenerIsCountedAndLoggedAndHarmsNothing() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    JobListener broken =
        change -> {
          throw new IllegalStateException("listener bug");
        };
    try (Engine engine = engine()) {
      engine.addJobListener(new Recorder("after", heard));
      Job job =
          engine.submit(numbers("d"), JobOptions.defaults().withName("b").withListener(broken));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(engine.listenerFailures()).isEqualTo(2);
      assertThat(heard).containsExactly("after:b:QUEUED->RUNNING", "after:b:RUNNING->COMPLETED");
      assertThat(engine.debugLog().events())
          .filteredOn(e -> e.kind() == DebugEvent.Kind.INFO && e.subject().equals("b"))
          .hasSize(2)
          .allMatch(e -> e.message().contains("listener bug"));
    }
  }

  @Test
  void aRemovedListenerHearsNoMore() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    Recorder r = new Recorder("engine", heard);
    try (Engine engine = engine()) {
      engine.addJobListener(r);
      engine.submit(numbers("d"), "x").join(Duration.ofSeconds(10));
      assertThat(engine.removeJobListener(r)).isTrue();
      assertThat(engine.removeJobListener(r)).isFalse();
      engine.submit(numbers("d"), "y").join(Duration.ofSeconds(10));
      assertThat(heard).containsExactly("engine:x:QUEUED->RUNNING", "engine:x:RUNNING->COMPLETED");
    }
  }

  @Test
  void theEventThreadEndsWithTheEngine() throws Exception {
    Engine engine = engine();
    engine.submit(numbers("d")).join(Duration.ofSeconds(10));
    assertThat(engine.liveThreads()).contains("listen-events");
    engine.close();
    assertThat(engine.liveThreads()).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("listen-events") && t.isAlive());
  }
}
