package dev.sluice.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.fault.CircuitBreakerSettings;
import dev.sluice.core.fault.CircuitBreakingSink;
import dev.sluice.core.fault.ErrorPolicy;
import dev.sluice.core.fault.WhileOpen;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The binder against a SimpleMeterRegistry and real jobs of a real engine. */
class SluiceEngineMetricsTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    engine.close();
  }

  /** numbers (0..n-1) → evens (filter) → rebalance → squares (map) → out. */
  static Pipeline numbers(int n, CollectSink<Integer> out) {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromList("numbers", IntStream.range(0, n).boxed().toList()))
        .filter(i -> i % 2 == 0).named("evens")
        .rebalance()
        .map(i -> i * i).named("squares")
        .sink(out).named("out");
    return p;
  }

  private double stageCounter(String name, Job job, String stage) {
    return registry.get(name).tags("job.name", job.name(), "job.id", Long.toString(job.id()))
        .tag("stage", stage).functionCounter().count();
  }

  @Test
  void countersAgreeWithTheEngineSnapshotAndCarryJobStageAndEdgeTags() throws Exception {
    SluiceEngineMetrics metrics =
        new SluiceEngineMetrics(engine, Tags.of("engine", "test"), Duration.ZERO);
    metrics.bindTo(registry);
    CollectSink<Integer> out = Sinks.collect("out");
    Job job = engine.submit(numbers(1000, out), "numbers-job");
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    JobSnapshot snap = engine.snapshot().jobs().stream()
        .filter(j -> j.id() == job.id()).findFirst().orElseThrow();
    for (StageSnapshot s : snap.stages()) {
      assertThat(stageCounter("sluice.stage.in", job, s.name())).as(s.name()).isEqualTo(s.in());
      assertThat(stageCounter("sluice.stage.out", job, s.name())).as(s.name()).isEqualTo(s.out());
      assertThat(stageCounter("sluice.stage.filtered", job, s.name()))
          .as(s.name()).isEqualTo(s.filtered());
      assertThat(stageCounter("sluice.stage.errors", job, s.name()))
          .as(s.name()).isEqualTo(s.errors());
    }
    // ... and with what the pipeline did.
    assertThat(stageCounter("sluice.stage.out", job, "numbers")).isEqualTo(1000);
    assertThat(stageCounter("sluice.stage.filtered", job, "evens")).isEqualTo(500);
    assertThat(stageCounter("sluice.stage.in", job, "squares")).isEqualTo(500);
    assertThat(stageCounter("sluice.stage.in", job, "out")).isEqualTo(500);
    assertThat(out.items()).hasSize(500);

    // Tags: every job meter carries the common tag, the job's name and id; stage meters the stage.
    List<Meter> jobMeters = registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("sluice.")
            && !m.getId().getName().startsWith("sluice.engine."))
        .toList();
    assertThat(jobMeters).isNotEmpty().allSatisfy(m -> {
      assertThat(m.getId().getTag("engine")).isEqualTo("test");
      assertThat(m.getId().getTag("job.name")).isEqualTo("numbers-job");
      assertThat(m.getId().getTag("job.id")).isEqualTo(Long.toString(job.id()));
    });
    assertThat(registry.find("sluice.stage.in").meters())
        .extracting(m -> m.getId().getTag("stage"))
        .containsExactlyInAnyOrderElementsOf(
            snap.stages().stream().map(StageSnapshot::name).toList());

    // Edges: one meter set per edge of the snapshot, tagged from, to and edge.
    assertThat(snap.edges()).isNotEmpty();
    for (EdgeSnapshot e : snap.edges()) {
      FunctionCounter dropped = registry.get("sluice.edge.dropped")
          .tags("edge", e.from() + "->" + e.to(), "from", e.from(), "to", e.to())
          .functionCounter();
      assertThat(dropped.count()).isEqualTo(e.dropped());
      assertThat(registry.get("sluice.edge.capacity").tag("edge", e.from() + "->" + e.to())
          .gauge().value()).isEqualTo(e.capacityEvents()).isPositive();
    }
    assertThat(registry.get("sluice.job.status").tag("status", "COMPLETED").gauge().value())
        .isEqualTo(1);
    assertThat(registry.get("sluice.job.status").tag("status", "RUNNING").gauge().value())
        .isEqualTo(0);
    assertThat(registry.get("sluice.job.queued").gauge().value()).isZero();
    assertThat(registry.get("sluice.engine.jobs.running").gauge().value()).isZero();
    // Latency gauges exist per quantile, in the registry's time unit.
    assertThat(registry.find("sluice.stage.processing.latency").tag("stage", "squares").meters())
        .extracting(m -> m.getId().getTag("quantile"))
        .containsExactlyInAnyOrder("0.5", "0.9", "0.99", "0.999");
    metrics.close();
    assertThat(registry.find("sluice.stage.in").meters()).isEmpty();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void jobsSubmittedAfterBindingGetMetersAndForgottenJobsLoseThem() throws Exception {
    SluiceEngineMetrics metrics = new SluiceEngineMetrics(engine);
    metrics.bindTo(registry);
    assertThat(registry.find("sluice.stage.in").meters()).isEmpty();

    Job first = engine.submit(numbers(10, Sinks.collect("out")), "first");
    first.join(Duration.ofSeconds(30));
    int stages = engine.snapshot().jobs().get(0).stages().size();
    // The job listener registered the job's meters before join returned; no scrape needed.
    assertThat(registry.find("sluice.stage.in").tag("job.name", "first").meters()).hasSize(stages);
    assertThat(stageCounter("sluice.stage.in", first, "out")).isEqualTo(5);

    Job second = engine.submit(numbers(20, Sinks.collect("out")), "second");
    second.join(Duration.ofSeconds(30));
    assertThat(stageCounter("sluice.stage.in", second, "out")).isEqualTo(10);
    assertThat(registry.find("sluice.stage.in").tag("job.name", "first").meters()).hasSize(stages);

    // The engine keeps the 16 most recently ended jobs; after 15 more, "first" is forgotten
    // and "second" is kept.
    for (int i = 0; i < 15; i++) {
      engine.submit(numbers(2, Sinks.collect("out")), "filler-" + i).join(Duration.ofSeconds(30));
    }
    assertThat(engine.snapshot().jobs()).noneMatch(j -> j.name().equals("first"))
        .anyMatch(j -> j.name().equals("second"));
    assertThat(registry.find("sluice.stage.in").tag("job.name", "first").meters()).isEmpty();
    assertThat(registry.find("sluice.job.status").tag("job.name", "first").meters()).isEmpty();
    assertThat(registry.find("sluice.stage.in").tag("job.name", "second").meters()).hasSize(stages);
    metrics.close();
  }

  @Test
  void aScrapeCostsOneSnapshotWithinTheInterval() throws Exception {
    SluiceEngineMetrics metrics =
        new SluiceEngineMetrics(engine, Tags.empty(), Duration.ofHours(1));
    metrics.bindTo(registry);
    Job job = engine.submit(numbers(100, Sinks.collect("out")), "j");
    job.join(Duration.ofSeconds(30));
    long before = metrics.snapshotsTaken();
    for (int scrape = 0; scrape < 3; scrape++) {
      for (Meter m : registry.getMeters()) {
        m.measure().forEach(measurement -> measurement.getValue());
      }
    }
    assertThat(metrics.snapshotsTaken()).isEqualTo(before);
    // Values are those of the last refresh (the job listener's, at the job's final change).
    assertThat(stageCounter("sluice.stage.in", job, "out")).isEqualTo(50);
    metrics.close();
  }

  /** A destination that is always down. */
  static final class DownSink implements Sink<Integer> {
    @Override
    public String name() {
      return "down";
    }

    @Override
    public SinkWriter<Integer> createWriter(int instanceIndex, int parallelism) {
      return (event, timestamp) -> {
        throw new IllegalStateException("destination down");
      };
    }
  }

  @Test
  void circuitBreakerStateIsAGaugePerState() throws Exception {
    SluiceEngineMetrics metrics = new SluiceEngineMetrics(engine, Tags.empty(), Duration.ZERO);
    metrics.bindTo(registry);
    CircuitBreakingSink<Integer> sink = new CircuitBreakingSink<>(new DownSink(),
        new CircuitBreakerSettings("payments-api", 3, Duration.ofHours(1), 2, WhileOpen.DROP));
    Pipeline p = Pipeline.create();
    p.source(Sources.fromList("numbers", IntStream.range(0, 10).boxed().toList()))
        .sink(sink).named("to-api").onError(ErrorPolicy.SKIP);
    Job job = engine.submit(p, "breaker-job");
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    assertThat(registry.find("sluice.circuit.state").tag("breaker", "payments-api").meters())
        .extracting(m -> m.getId().getTag("state"))
        .containsExactlyInAnyOrder("CLOSED", "OPEN", "HALF_OPEN");
    assertThat(registry.get("sluice.circuit.state").tags("breaker", "payments-api", "state", "OPEN")
        .gauge().value()).isEqualTo(1);
    assertThat(registry.get("sluice.circuit.state")
        .tags("breaker", "payments-api", "state", "CLOSED").gauge().value()).isEqualTo(0);
    assertThat(stageCounter("sluice.stage.dropped", job, "to-api")
        + stageCounter("sluice.stage.errors", job, "to-api")).isEqualTo(10);
    metrics.close();
  }
}
