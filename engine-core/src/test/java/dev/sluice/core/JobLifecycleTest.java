package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class JobLifecycleTest {

  private static Pipeline endlessLoad(CountingSink<Object> sink) {
    Pipeline p = Pipeline.create();
    p.source(Sources.generator("endless", () -> "x", Long.MAX_VALUE))
        .map(s -> s + "y")
        .keyBy(s -> s.length())
        .partition()
        .parallelism(2)
        .queueCapacity(64)
        .sink(sink);
    return p;
  }

  private static List<String> sluiceThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("lifecycle-")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  private static Engine engine() {
    return Engine.create(
        EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("lifecycle-"));
  }

  @Test
  void cancelUnderFullLoadStopsPromptlyAndLeaksNoThread() throws Exception {
    CountingSink<Object> sink = Sinks.counting("sink");
    try (Engine engine = engine()) {
      Job job = engine.submit(endlessLoad(sink));
      while (sink.count() < 100_000) {
        Thread.sleep(1);
      }
      job.cancel();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
      assertThat(job.completion()).isCompletedWithValue(JobStatus.CANCELLED);
    }
    assertThat(sluiceThreads()).isEmpty();
  }

  @Test
  void drainUnderFullLoadLetsInFlightEventsFinish() throws Exception {
    CountingSink<Object> sink = Sinks.counting("sink");
    try (Engine engine = engine()) {
      Job job = engine.submit(endlessLoad(sink));
      while (sink.count() < 100_000) {
        Thread.sleep(1);
      }
      job.drain();
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      long produced = job.counts("endless").out();
      assertThat(sink.count()).isEqualTo(produced);
      job.counts().forEach(c -> assertThat(c.balanced()).as(c.toString()).isTrue());
    }
    assertThat(sluiceThreads()).isEmpty();
  }

  @Test
  void closingTheEngineCancelsRunningJobsAndStopsEveryThread() throws Exception {
    Job job;
    CountingSink<Object> sink = Sinks.counting("sink");
    Engine engine = engine();
    job = engine.submit(endlessLoad(sink));
    engine.close();
    assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(sluiceThreads()).isEmpty();
    assertThatThrownBy(() -> engine.submit(endlessLoad(sink)))
        .isInstanceOf(JobRejectedException.class);
  }

  @Test
  void admissionControlQueuesThenRejects() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withMaxQueuedJobs(1)
                .withThreadNamePrefix("lifecycle-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first);
      Pipeline second = Pipeline.create();
      CollectSink<Integer> out = Sinks.collect("out");
      second.source(Sources.fromIterable("n", List.of(1, 2, 3))).sink(out);
      Job queued = engine.submit(second);
      assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(engine.queuedJobs()).isEqualTo(1);
      assertThatThrownBy(() -> engine.submit(second))
          .isInstanceOf(JobRejectedException.class)
          .hasMessageContaining("maxQueuedJobs=1");
      gate.complete();
      assertThat(running.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(queued.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
      assertThat(out.items()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void cancellingAQueuedJobEndsItAtOnce() throws Exception {
    try (Engine engine =
        Engine.create(
            EngineConfig.defaults()
                .withWorkerThreads(1)
                .withMaxConcurrentJobs(1)
                .withThreadNamePrefix("lifecycle-"))) {
      PushSource<Integer> gate = Sources.push("gate", 16, BackpressureStrategy.BLOCK);
      Pipeline first = Pipeline.create();
      first.source(gate).sink(Sinks.discard("d"));
      Job running = engine.submit(first);
      Pipeline second = Pipeline.create();
      second.source(Sources.fromIterable("n", List.of(1))).sink(Sinks.discard("d2"));
      Job queued = engine.submit(second);
      queued.cancel();
      assertThat(queued.join(Duration.ofSeconds(1))).isEqualTo(JobStatus.CANCELLED);
      running.cancel();
      assertThat(running.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.CANCELLED);
    }
  }

  @Test
  void reactorFluxSourceAndDemandHonouringSink() throws Exception {
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      PublisherSink<Integer> sink = Sinks.publisher("flux-out");
      p.source(Sources.fromPublisher("flux-in", Flux.range(0, 5000)))
          .map(x -> x * 2)
          .sink(sink);
      Job job = engine.submit(p);
      StepVerifier.create(sink.flux(), 0)
          .expectSubscription()
          .expectNoEvent(Duration.ofMillis(50))
          .thenRequest(3)
          .expectNext(0, 2, 4)
          .thenRequest(Long.MAX_VALUE)
          .expectNextCount(4997)
          .expectComplete()
          .verify(Duration.ofSeconds(20));
      assertThat(job.join(Duration.ofSeconds(10))).isEqualTo(JobStatus.COMPLETED);
    }
  }

  @Test
  void publisherErrorFailsTheJobNamingTheSource() throws Exception {
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(
              Sources.fromPublisher(
                  "broken",
                  Flux.range(0, 10).concatWith(Flux.error(new IOException("connection reset")))))
          .sink(Sinks.discard("sink"));
      Job job = engine.submit(p);
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("stage 'broken'")
          .hasMessageContaining("connection reset");
    }
  }

  @Test
  void fileLinesSourceRunsOnADedicatedThread(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lines.txt");
    Files.write(file, IntStream.range(0, 10_000).mapToObj(i -> "line " + i).toList());
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      CollectSink<String> out = Sinks.collect("out");
      p.source(Sources.fileLines("file", file)).filter(l -> l.endsWith("7")).sink(out);
      assertThat(engine.plan(p).chains().get(0).dedicatedThread()).isTrue();
      engine.submit(p).join(Duration.ofSeconds(10));
      assertThat(out.items()).hasSize(1000).startsWith("line 7", "line 17");
    }
    assertThat(sluiceThreads()).isEmpty();
  }

  @Test
  void missingFileFailsTheJobWithThePath(@TempDir Path dir) {
    try (Engine engine = engine()) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fileLines("file", dir.resolve("absent.txt"))).sink(Sinks.discard("s"));
      Job job = engine.submit(p);
      assertThatThrownBy(() -> job.join(Duration.ofSeconds(10)))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("stage 'file'")
          .hasMessageContaining("absent.txt");
    }
  }

  @Test
  void pushSourceFedFromManyThreadsLosesNothingUnderBlock() throws Exception {
    try (Engine engine = engine()) {
      PushSource<Integer> push = Sources.push("push", 64, BackpressureStrategy.BLOCK);
      Pipeline p = Pipeline.create();
      CountingSink<Integer> sink = Sinks.counting("sink");
      p.source(push).rebalance().parallelism(2).sink(sink);
      Job job = engine.submit(p);
      int threads = 4;
      int each = 50_000;
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        new Thread(() -> {
          try {
            for (int i = 0; i < each; i++) {
              push.offer(i);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        }).start();
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      push.complete();
      job.join(Duration.ofSeconds(10));
      assertThat(sink.count()).isEqualTo((long) threads * each);
    }
  }
}
