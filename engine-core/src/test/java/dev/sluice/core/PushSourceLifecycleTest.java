package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How a push source follows its job: open, closed, what happens to what it accepted. */
class PushSourceLifecycleTest {

  private static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("push-"));
  }

  /** A sink that refuses everything until opened, so the source's buffer stays full. */
  private static Sink<Integer> gated(AtomicBoolean open) {
    return new Sink<>() {
      @Override
      public String name() {
        return "gated";
      }

      @Override
      public SinkWriter<Integer> createWriter(int i, int p) {
        return (event, ts) -> open.get();
      }
    };
  }

  @Test
  void completeClosesTheSourceAndLaterOffersAreAnError() throws Exception {
    PushSource<Integer> push = Sources.push("push", 8, BackpressureStrategy.BLOCK);
    CompletableFuture<Void> closed = push.whenClosed();
    assertThat(push.isOpen()).isTrue();
    assertThat(closed).isNotDone();
    push.complete();
    assertThat(push.isOpen()).isFalse();
    assertThat(closed).isCompleted();
    assertThatThrownBy(() -> push.offer(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> push.tryOffer(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void drainClosesTheSourceAtOnceAndRefusesNewEventsWithoutCountingThem() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 8, BackpressureStrategy.DROP_NEWEST);
      AtomicBoolean open = new AtomicBoolean();
      Pipeline p = Pipeline.create();
      p.source(push).sink(gated(open));
      Job job = engine.submit(p);
      assertThat(push.offer(1)).isTrue();
      job.drain();
      assertThat(push.isOpen()).isFalse();
      assertThat(push.whenClosed()).isCompleted();
      assertThat(push.offer(2)).isFalse();
      assertThat(push.tryOffer(3)).isFalse();
      assertThat(push.droppedCount()).isZero();
      open.set(true);
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.counts("gated").out()).isEqualTo(1);
    }
  }

  @Test
  void aCancelledJobDiscardsAndCountsWhatItsSourceStillBuffered() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 64, BackpressureStrategy.BLOCK);
      Pipeline p = Pipeline.create();
      p.source(push).sink(gated(new AtomicBoolean()));
      Job job = engine.submit(p);
      CompletableFuture<Void> closed = push.whenClosed();
      for (int i = 0; i < 50; i++) {
        assertThat(push.offer(i)).isTrue();
      }
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(closed).isCompleted();
      assertThat(push.isOpen()).isFalse();
      assertThat(push.buffered()).isZero();
      StageCounts source = job.counts("push");
      // what the reader emitted (held by the blocked sink) is in-flight and lost with the
      // cancel; what was still buffered is counted as dropped
      assertThat(source.out() + push.droppedCount()).isEqualTo(50);
      assertThat(source.dropped()).isEqualTo(push.droppedCount());
      assertThat(source.balanced()).isTrue();
      assertThat(push.offer(99)).isFalse();
    }
  }

  @Test
  void whenClosedCompletesWhenTheJobFails() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 64, BackpressureStrategy.BLOCK);
      Pipeline p = Pipeline.create();
      p.source(push)
          .map(
              x -> {
                throw new IllegalStateException("boom");
              })
          .sink(Sinks.discard("d"));
      Job job = engine.submit(p);
      CompletableFuture<Void> closed = push.whenClosed();
      assertThat(push.offer(1)).isTrue();
      closed.get(10, TimeUnit.SECONDS);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(push.isOpen()).isFalse();
    }
  }

  @Test
  void aPushSourceFeedsOneJobOnlyAndARejectedSubmissionDoesNotBindIt() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withMaxQueuedJobs(0)
                .withThreadNamePrefix("push-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first, "first");

      PushSource<Integer> push = Sources.push("push", 16, BackpressureStrategy.BLOCK);
      Pipeline second = Pipeline.create();
      second.source(push).sink(Sinks.discard("d2"));
      assertThatThrownBy(() -> engine.submit(second))
          .isInstanceOf(JobRejectedException.class);
      assertThatThrownBy(() -> engine.submit(first))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("push source 'gate' already feeds job 'first'");

      gate.complete();
      running.join(Duration.ofSeconds(10));
      Job later = engine.submit(second); // not bound by the rejected submission
      push.offer(1);
      push.complete();
      assertThat(later.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(later.counts("d2").out()).isEqualTo(1);
    }
  }

  @Test
  void drainingAQueuedJobDeliversWhatItsPushSourceAccepted() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withThreadNamePrefix("push-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first);
      PushSource<Integer> push = Sources.push("push", 16, BackpressureStrategy.BLOCK);
      CollectSink<Integer> out = Sinks.collect("out");
      Pipeline second = Pipeline.create();
      second.source(push).sink(out);
      Job queued = engine.submit(second);
      for (int i = 0; i < 10; i++) {
        assertThat(push.offer(i)).isTrue();
      }
      queued.drain();
      assertThat(push.isOpen()).isFalse();
      gate.complete();
      assertThat(running.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(queued.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(out.items()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
  }

  @Test
  void feedersMayWaitForTheSourceToCloseWithoutPolling() throws Exception {
    try (Engine engine = engine()) {
      PushSource<String> push = Sources.push("push", 16, BackpressureStrategy.BLOCK);
      CollectSink<String> out = Sinks.collect("out");
      Pipeline p = Pipeline.create();
      p.source(push).sink(out);
      Job job = engine.submit(p);
      List<String> stoppedBecause = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<Void> stopped =
          push.whenClosed().thenRun(() -> stoppedBecause.add(job.status().name()));
      push.offer("a");
      job.drain();
      stopped.get(10, TimeUnit.SECONDS);
      // the source closes because of the drain; the job may already have completed by the time
      // the callback reads its status (a loaded machine delays the callback's thread), never
      // anything else
      assertThat(stoppedBecause).hasSize(1);
      assertThat(stoppedBecause.get(0)).isIn("DRAINING", "COMPLETED");
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(out.items()).containsExactly("a");
    }
  }
}
