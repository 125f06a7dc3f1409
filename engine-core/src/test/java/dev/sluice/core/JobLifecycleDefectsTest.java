package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.EngineSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for job life-cycle defects of issue 16 (numbers 2, 7, 8, 12, 14 and 15),
 * through the public API only.
 */
class JobLifecycleDefectsTest {

  private static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("defects-"));
  }

  /** A blocking source whose reader waits in an interruptible call until interrupted. */
  static final class SleepingSource implements Source<Integer> {
    final CountDownLatch reading = new CountDownLatch(1);

    @Override
    public String name() {
      return "sleeping";
    }

    @Override
    public boolean isBlocking() {
      return true;
    }

    @Override
    public SourceReader<Integer> createReader(int i, int p) {
      return (out, max) -> {
        reading.countDown();
        Thread.sleep(Long.MAX_VALUE);
        return 0;
      };
    }
  }

  /** A blocking sink whose writer waits in an interruptible call (a full queue's put). */
  static final class StuckSink implements Sink<Integer> {
    final CountDownLatch writing = new CountDownLatch(1);
    final List<Throwable> closedWith = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public boolean isBlocking() {
      return true;
    }

    @Override
    public SinkWriter<Integer> createWriter(int i, int p) {
      BlockingQueue<Integer> full = new ArrayBlockingQueue<>(1);
      full.add(0);
      return new SinkWriter<>() {
        @Override
        public boolean offer(Integer event, long timestamp) throws InterruptedException {
          writing.countDown();
          full.put(event);
          return true;
        }

        @Override
        public void close(Throwable failure) {
          closedWith.add(failure);
        }
      };
    }
  }

  /** A sink whose writers refuse every event until {@link #open} is called. */
  static final class GatedSink implements Sink<Integer> {
    final AtomicBoolean open = new AtomicBoolean();
    final List<Integer> written = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "gated";
    }

    @Override
    public SinkWriter<Integer> createWriter(int i, int p) {
      return (event, ts) -> {
        if (!open.get()) {
          return false;
        }
        written.add(event);
        return true;
      };
    }

    void open() {
      open.set(true);
    }
  }

  private static List<DebugEvent> eventsAbout(Engine engine, String subject) {
    List<DebugEvent> out = new ArrayList<>();
    for (DebugEvent e : engine.debugLog().events()) {
      if (e.subject().equals(subject) || e.subject().startsWith(subject + "/")) {
        out.add(e);
      }
    }
    return out;
  }

  // ---- defect 2: cancel while a blocking source or sink waits in an interruptible call ----

  @Test
  void cancellingWhileABlockingSourceSleepsEndsCancelledNotFailed() throws Exception {
    try (Engine engine = engine()) {
      SleepingSource source = new SleepingSource();
      Pipeline p = Pipeline.create();
      p.source(source).sink(Sinks.discard("d"));
      Job job = engine.submit(p);
      assertThat(source.reading.await(10, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(job.failure()).isEmpty();
    }
  }

  @Test
  void cancellingWhileABlockingSinkWaitsEndsCancelledAndClosesItWithoutFailure()
      throws Exception {
    try (Engine engine = engine()) {
      StuckSink sink = new StuckSink();
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", List.of(1, 2, 3))).sink(sink);
      Job job = engine.submit(p);
      assertThat(sink.writing.await(10, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(sink.closedWith).containsExactly((Throwable) null);
    }
  }

  @Test
  void closingTheEngineWhileABlockingSourceSleepsCancelsTheJob() throws Exception {
    SleepingSource source = new SleepingSource();
    Job job;
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(source).sink(Sinks.discard("d"));
      job = engine.submit(p);
      assertThat(source.reading.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(job.completion()).isCompletedWithValue(JobStatus.CANCELLED);
  }

  @Test
  void cancellingARestartableBlockingSourceDoesNotCountARestart() throws Exception {
    try (Engine engine = engine()) {
      SleepingSource source = new SleepingSource();
      Pipeline p = Pipeline.create();
      p.source(source).restart(RestartStrategy.immediate(5)).sink(Sinks.discard("d"));
      Job job = engine.submit(p);
      assertThat(source.reading.await(10, TimeUnit.SECONDS)).isTrue();
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(engine.snapshot().jobs().get(0).stage("sleeping").restarts()).isZero();
    }
  }

  // ---- defect 7: drain() must deliver what a push source accepted ----

  @Test
  void drainDeliversEveryEventAPushSourceHadAccepted() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 1024, BackpressureStrategy.BLOCK);
      GatedSink sink = new GatedSink();
      Pipeline p = Pipeline.create();
      p.source(push).sink(sink);
      Job job = engine.submit(p);
      for (int i = 0; i < 1000; i++) {
        assertThat(push.offer(i)).isTrue();
      }
      job.drain();
      sink.open();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(sink.written).containsExactlyElementsOf(IntStream.range(0, 1000).boxed().toList());
      assertThat(job.counts("push").out()).isEqualTo(1000);
      assertThat(job.counts("gated").out()).isEqualTo(1000);
    }
  }

  @Test
  void drainWhileFeedersOfferDeliversExactlyTheAcceptedEvents() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 256, BackpressureStrategy.BLOCK);
      CountingSink<Integer> sink = Sinks.counting("sink");
      Pipeline p = Pipeline.create();
      p.source(push).rebalance().parallelism(2).sink(sink);
      Job job = engine.submit(p);
      AtomicLong accepted = new AtomicLong();
      List<CompletableFuture<Void>> feeders = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        feeders.add(
            CompletableFuture.runAsync(
                () -> {
                  boolean ok = true;
                  for (int i = 0; ok && i < 1_000_000; i++) {
                    try {
                      ok = push.offer(i); // false once the drain closed the source
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    if (ok) {
                      accepted.incrementAndGet();
                    }
                  }
                }));
      }
      while (sink.count() < 10_000) {
        Thread.sleep(1);
      }
      job.drain();
      assertThat(job.join(Duration.ofSeconds(20))).isEqualTo(JobStatus.COMPLETED);
      for (CompletableFuture<Void> f : feeders) {
        f.get(20, TimeUnit.SECONDS);
      }
      assertThat(sink.count()).isEqualTo(accepted.get());
      assertThat(job.counts("push").dropped()).isZero();
    }
  }

  // ---- defect 8: a job cancelled while QUEUED leaves the job list and is logged ----

  @Test
  void jobsCancelledWhileQueuedLeaveTheEngineAndAreLogged() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withThreadNamePrefix("defects-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first, "running");
      List<Job> queued = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Pipeline p = Pipeline.create();
        p.source(Sources.fromIterable("n", List.of(1))).sink(Sinks.discard("d2"));
        queued.add(engine.submit(p, "queued-" + i));
      }
      for (Job j : queued) {
        j.cancel();
        assertThat(j.join(Duration.ofSeconds(1))).isEqualTo(JobStatus.CANCELLED);
      }
      EngineSnapshot snapshot = engine.snapshot();
      // the running job plus at most the 16 most recently ended ones
      assertThat(snapshot.jobs()).hasSizeLessThanOrEqualTo(17);
      assertThat(snapshot.jobs()).anyMatch(j -> j.name().equals("running"));
      assertThat(engine.queuedJobs()).isZero();
      for (Job j : queued) {
        assertThat(eventsAbout(engine, j.name()))
            .as(j.name())
            .anyMatch(
                e -> e.kind() == DebugEvent.Kind.JOB_STATE && e.message().contains("CANCELLED"));
      }
      running.cancel();
      running.join(Duration.ofSeconds(10));
    }
  }

  // ---- defect 12: restart strategies cover the first createReader / createWriter ----

  @Test
  void aSourceThatCannotConnectAtStartIsRestarted() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Source<Integer> source =
        new Source<>() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public SourceReader<Integer> createReader(int i, int p) {
            if (attempts.incrementAndGet() <= 2) {
              throw new IllegalStateException("connection refused");
            }
            AtomicInteger next = new AtomicInteger();
            return (out, max) -> {
              if (next.get() >= 5) {
                return SourceReader.END;
              }
              out.emit(next.getAndIncrement());
              return 1;
            };
          }
        };
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      CollectSink<Integer> out = Sinks.collect("out");
      p.source(source).restart(RestartStrategy.immediate(2)).sink(out);
      Job job = engine.submit(p);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(out.items()).containsExactly(0, 1, 2, 3, 4);
      assertThat(attempts.get()).isEqualTo(3);
      assertThat(engine.snapshot().jobs().get(0).stage("flaky").restarts()).isEqualTo(2);
    }
  }

  /** A sink whose first {@code failures} createWriter calls throw. */
  static final class UnreachableSink implements Sink<Integer> {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    final int failures;

    UnreachableSink(int failures) {
      this.failures = failures;
    }

    @Override
    public String name() {
      return "unreachable";
    }

    @Override
    public SinkWriter<Integer> createWriter(int i, int p) {
      if (attempts.incrementAndGet() <= failures) {
        throw new IllegalStateException("connection refused");
      }
      return new SinkWriter<>() {
        @Override
        public boolean offer(Integer event, long timestamp) {
          written.add(event);
          return true;
        }

        @Override
        public void complete() {
          completed.incrementAndGet();
        }
      };
    }
  }

  @Test
  void aSinkThatCannotConnectAtStartIsRestarted() throws Exception {
    UnreachableSink sink = new UnreachableSink(2);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", List.of(1, 2, 3)))
          .sink(sink)
          .restart(
              RestartStrategy.exponentialBackoff(
                  Duration.ofMillis(1), 2.0, Duration.ofMillis(5), 0.0, 2));
      Job job = engine.submit(p);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(sink.written).containsExactly(1, 2, 3);
      assertThat(sink.attempts.get()).isEqualTo(3);
      assertThat(sink.completed.get()).isEqualTo(1);
    }
  }

  @Test
  void aSinkThatCannotConnectAtStartOfAnEmptyStreamIsRestartedAndCompleted() throws Exception {
    UnreachableSink sink = new UnreachableSink(1);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", List.<Integer>of()))
          .sink(sink)
          .restart(RestartStrategy.immediate(1));
      Job job = engine.submit(p);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(sink.attempts.get()).isEqualTo(2);
      assertThat(sink.completed.get()).isEqualTo(1);
    }
  }

  @Test
  void aSinkThatNeverConnectsFailsTheJobOnceItsRestartsRunOut() {
    UnreachableSink sink = new UnreachableSink(Integer.MAX_VALUE);
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", List.of(1))).sink(sink).restart(RestartStrategy.immediate(2));
      Job job = engine.submit(p);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("stage 'unreachable'")
          .hasMessageContaining("connection refused");
      assertThat(sink.attempts.get()).isEqualTo(3);
    }
  }

  // ---- defect 14: a feeder blocked in offer() is released when the job ends ----

  @Test
  void aFeederBlockedInOfferIsReleasedWhenItsJobIsCancelled() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 2, BackpressureStrategy.BLOCK);
      GatedSink sink = new GatedSink();
      Pipeline p = Pipeline.create();
      p.source(push).sink(sink);
      Job job = engine.submit(p);
      CompletableFuture<Boolean> lastOffer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  boolean ok = true;
                  for (int i = 0; ok && i < 100_000; i++) {
                    ok = push.offer(i);
                  }
                  return ok;
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      while (push.buffered() < 2) {
        Thread.sleep(1);
      }
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(lastOffer.get(10, TimeUnit.SECONDS)).isFalse();
    }
  }

  @Test
  void aFeederBlockedInOfferIsReleasedWhenItsQueuedJobIsCancelled() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withThreadNamePrefix("defects-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first);
      PushSource<Integer> push = Sources.push("push", 2, BackpressureStrategy.BLOCK);
      Pipeline second = Pipeline.create();
      second.source(push).sink(Sinks.discard("d2"));
      Job queued = engine.submit(second);
      CompletableFuture<Boolean> lastOffer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  boolean ok = true;
                  for (int i = 0; ok && i < 100; i++) {
                    ok = push.offer(i);
                  }
                  return ok;
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      while (push.buffered() < 2) {
        Thread.sleep(1);
      }
      queued.cancel();
      assertThat(lastOffer.get(10, TimeUnit.SECONDS)).isFalse();
      running.cancel();
      running.join(Duration.ofSeconds(10));
    }
  }

  // ---- defect 15: the debug log keeps every state change and every restart ----

  @Test
  void theDebugLogKeepsEveryStateChangeAndEveryRestartWithStageAndCause() throws Exception {
    AtomicInteger readers = new AtomicInteger();
    Source<Integer> source =
        new Source<>() {
          @Override
          public String name() {
            return "resuming";
          }

          @Override
          public SourceReader<Integer> createReader(int i, int p) {
            int n = readers.incrementAndGet();
            return (out, max) -> {
              if (n == 1) {
                throw new IllegalStateException("connection lost");
              }
              return SourceReader.END;
            };
          }
        };
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(source).restart(RestartStrategy.immediate(1)).sink(Sinks.discard("d"));
      Job job = engine.submit(p, "logged");
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      List<DebugEvent> events = eventsAbout(engine, "logged");
      assertThat(events)
          .anyMatch(e -> e.kind() == DebugEvent.Kind.JOB_STATE && e.message().contains("RUNNING"));
      assertThat(events)
          .anyMatch(
              e -> e.kind() == DebugEvent.Kind.RESTART
                  && e.subject().equals("logged/resuming")
                  && e.message().contains("connection lost"));
      assertThat(events)
          .anyMatch(
              e -> e.kind() == DebugEvent.Kind.JOB_STATE && e.message().contains("COMPLETED"));
    }
  }
}
