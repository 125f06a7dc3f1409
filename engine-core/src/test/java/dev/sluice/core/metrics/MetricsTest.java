package dev.sluice.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.fault.AsyncCallSettings;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.WhileOpen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final Engine engine =
      Engine.create(EngineConfig.defaults().withWorkerThreads(2).withThreadNamePrefix("metrics"));

  @AfterEach
  void close() {
    engine.close();
  }

  record Reading(int sensor, long time) {}

  private Job runReadings(int n) throws Exception {
    long now = System.currentTimeMillis();
    List<Reading> input = IntStream.range(0, n).mapToObj(i -> new Reading(i % 10, now)).toList();
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("readings", input))
        .withTimestamps(Reading::time, 0)
        .map(r -> r)
        .named("parse")
        .keyBy(Reading::sensor)
        .partition()
        .named("by-sensor")
        .sink(Sinks.discard("out"));
    Job job = engine.submit(p, "readings-job");
    job.join(Duration.ofSeconds(20));
    return job;
  }

  @Test
  void snapshotTreeCarriesCountsLatenciesWatermarksEdgesAndSamples() throws Exception {
    runReadings(64 * 100);
    EngineSnapshot s = engine.snapshot();
    JobSnapshot job = s.jobs().stream().filter(j -> j.name().equals("readings-job")).findFirst()
        .orElseThrow();
    assertThat(job.status()).isEqualTo("COMPLETED");
    StageSnapshot parse = job.stage("parse");
    assertThat(parse.in()).isEqualTo(6400);
    assertThat(parse.out()).isEqualTo(6400);
    // one event timed on the first of every 16 calls of each tasklet
    assertThat(parse.processingLatency().count()).isBetween(1L, 6400L / 16);
    assertThat(parse.watermark()).isEqualTo(Long.MAX_VALUE); // the job ended
    assertThat(parse.eventTimeLagMillis()).isEqualTo(-1);
    StageSnapshot out = job.stage("out");
    assertThat(out.endToEndLatency().count()).isPositive();
    assertThat(out.endToEndLatency().maxNanos()).isLessThan(Duration.ofMinutes(1).toNanos());
    assertThat(out.sampledEvents()).isEmpty();
    assertThat(job.stage("readings").sampledEvents())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith("Reading["));
    assertThat(job.edges()).singleElement().satisfies(e -> {
      assertThat(e.from()).isEqualTo("parse");
      assertThat(e.to()).isEqualTo("by-sensor");
      assertThat(e.capacityEvents()).isEqualTo(1024);
      assertThat(e.queuedEvents()).isZero();
    });
    String json = MetricsJson.toJson(s);
    assertThat(json)
        .contains("\"name\":\"readings-job\"")
        .contains("\"processingLatency\":{\"count\":" + parse.processingLatency().count())
        .contains("\"errorRate\":0.0");
  }

  @Test
  void samplingPassesThroughFlatMapAndMapMulti() throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", IntStream.range(0, 64 * 100).boxed().toList()))
        .flatMap(x -> List.of(x, x))
        .named("fm")
        .mapMulti((Integer x, java.util.function.Consumer<Object> out) -> out.accept(x))
        .named("mm")
        .map(x -> x)
        .named("after")
        .sink(Sinks.discard("out"));
    engine.submit(p, "fan-out-job").join(Duration.ofSeconds(20));
    JobSnapshot job =
        engine.snapshot().jobs().stream()
            .filter(j -> j.name().equals("fan-out-job"))
            .findFirst()
            .orElseThrow();
    for (String stage : List.of("fm", "mm", "after")) {
      // the source times one event per 16 of its calls; each timed event stays timed downstream
      assertThat(job.stage(stage).processingLatency().count()).as(stage).isPositive();
    }
    assertThat(job.stage("after").in()).isEqualTo(2 * 6400);
  }

  @Test
  void metricsOffKeepsCountsButSamplesNothing() throws Exception {
    try (Engine off =
        Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(false))) {
      Pipeline p = Pipeline.create();
      p.source(Sources.fromIterable("n", IntStream.range(0, 1000).boxed().toList()))
          .map(x -> x)
          .named("m")
          .sink(Sinks.discard("out"));
      off.submit(p).join(Duration.ofSeconds(20));
      StageSnapshot m = off.snapshot().jobs().get(0).stage("m");
      assertThat(m.in()).isEqualTo(1000);
      assertThat(m.processingLatency().count()).isZero();
      assertThat(off.snapshot().jobs().get(0).stage("n").sampledEvents()).isEmpty();
    }
  }

  @Test
  void throughputAndLagWhileRunning() throws Exception {
    PushSource<Reading> push = Sources.push("push", 1024, BackpressureStrategy.BLOCK);
    Pipeline p = Pipeline.create();
    p.source(push).withTimestamps(Reading::time, 0).named("ts").sink(Sinks.discard("out"));
    Job job = engine.submit(p, "live");
    engine.snapshot(); // baseline for rates
    long eventTime = System.currentTimeMillis() - 5_000;
    for (int i = 0; i < 500; i++) {
      push.offer(new Reading(1, eventTime));
    }
    while (job.counts("out").out() < 500) {
      Thread.sleep(1);
    }
    Thread.sleep(20);
    StageSnapshot ts = engine.snapshot().jobs().get(0).stage("ts");
    assertThat(ts.eventsPerSecond()).isGreaterThan(0);
    assertThat(ts.history()).hasSize(1);
    assertThat(ts.watermark()).isEqualTo(eventTime - 1);
    assertThat(ts.eventTimeLagMillis()).isGreaterThanOrEqualTo(5_000);
    push.complete();
    job.join(Duration.ofSeconds(20));
  }

  @Test
  void reporterPrintsStagesAndStopsItsThread() throws Exception {
    runReadings(100);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    MetricsReporter reporter = engine.startReporter(Duration.ofMillis(10), console, false, null);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!bytes.toString(StandardCharsets.UTF_8).contains("by-sensor")
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    reporter.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("job readings-job [COMPLETED]")
        .contains("parse")
        .contains("edge parse -> by-sensor");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("sluice-metrics-reporter") && t.isAlive());
  }

  @Test
  void debugLogRecordsJobStatesAndCircuitTransitions() throws Exception {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("n", IntStream.range(0, 20).boxed().toList()))
        .mapAsync(
            (Integer x) -> CompletableFuture.<Integer>failedFuture(new IllegalStateException("down")),
            AsyncCallSettings.defaults()
                .withMaxConcurrency(1)
                .withCircuitBreaker(
                    new CircuitBreakerSettings("payments", 2, Duration.ofHours(1), 1,
                        WhileOpen.DROP))
                .withFallback((Integer x) -> -1))
        .sink(Sinks.discard("out"));
    engine.submit(p, "with-breaker").join(Duration.ofSeconds(20));
    List<String> log = new ArrayList<>();
    for (DebugEvent e : engine.debugLog().events()) {
      log.add(e.kind() + " " + e.subject() + " " + e.message());
    }
    assertThat(log)
        .contains("CIRCUIT_TRANSITION payments CLOSED -> OPEN", "JOB_STATE with-breaker COMPLETED");
    assertThat(MetricsJson.toJson(engine.debugLog().events())).contains("CIRCUIT_TRANSITION");
  }

  @Test
  void collectSinkStillWorksWithSampling() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    p.source(Sources.fromIterable("n", List.of(1, 2, 3))).sink(out);
    engine.submit(p).join(Duration.ofSeconds(10));
    assertThat(out.items()).containsExactly(1, 2, 3);
  }
}
