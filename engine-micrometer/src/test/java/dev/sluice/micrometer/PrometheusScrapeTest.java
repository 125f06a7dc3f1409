package dev.sluice.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.PushSource;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.OpenMetricsParser;
import dev.sluice.payloads.prometheus.Sample;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The binder behind a PrometheusMeterRegistry, scraped in the OpenMetrics format and read back
 * with the project's strict OpenMetrics parser, while real jobs run.
 */
class PrometheusScrapeTest {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";

  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @AfterEach
  void close() {
    registry.close();
    engine.close();
  }

  private List<MetricFamily> scrape() {
    return new OpenMetricsParser().parse(registry.scrape(OPENMETRICS)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no family " + name + " in the scrape"));
  }

  private static Optional<Sample> sample(
      List<MetricFamily> families, String family, String sampleName, Job job, String... labels) {
    return family(families, family).samples().stream()
        .filter(s -> s.name().equals(sampleName))
        .filter(s -> Long.toString(job.id()).equals(s.label("job_id")))
        .filter(s -> {
          for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.label(labels[i]))) {
              return false;
            }
          }
          return true;
        })
        .findFirst();
  }

  private static double stageCount(
      List<MetricFamily> families, String what, Job job, String stage) {
    return sample(families, "sluice_stage_" + what + "_events",
        "sluice_stage_" + what + "_events_total", job, "stage", stage)
        .orElseThrow(() -> new AssertionError("no " + what + " sample for " + stage))
        .value();
  }

  /**
   * The job listener registers a job's meters on the engine's event thread, shortly after the
   * submission: wait until it has started (the job's first meter is there), then for it to end
   * (registration holds the binder's lock).
   */
  private void awaitMetersOf(SluiceEngineMetrics metrics, Job job) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (registry.find("sluice.job.status").tag("job.id", Long.toString(job.id())).meters()
        .isEmpty()) {
      assertThat(System.nanoTime()).as("meters of job %s", job.name()).isLessThan(deadline);
      Thread.sleep(5);
    }
    metrics.snapshotsTaken();
  }

  @Test
  void scrapedCountersAgreeWithTheSnapshotAndLaterJobsAreSeen() throws Exception {
    SluiceEngineMetrics metrics =
        new SluiceEngineMetrics(engine, Tags.empty(), Duration.ofMillis(100));
    metrics.bindTo(registry);

    PushSource<Integer> input = Sources.push("input", 1024, BackpressureStrategy.BLOCK);
    CollectSink<Integer> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(input).filter(i -> i % 3 != 0).named("not-thirds").rebalance()
        .map(i -> -i).named("negate").sink(out).named("out");
    Job running = engine.submit(p, "live");
    for (int i = 0; i < 300; i++) {
      input.offer(i);
    }
    awaitMetersOf(metrics, running);

    // Scraped while the job runs: its series are there, with Prometheus-style names.
    List<MetricFamily> live = scrape();
    assertThat(family(live, "sluice_stage_in_events").type()).isEqualTo(MetricType.COUNTER);
    assertThat(sample(live, "sluice_job_status", "sluice_job_status", running, "status", "RUNNING")
        .orElseThrow().value()).isEqualTo(1);
    assertThat(family(live, "sluice_stage_processing_latency_seconds").type())
        .isEqualTo(MetricType.GAUGE);
    assertThat(family(live, "sluice_edge_utilisation").samples())
        .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1.0));

    input.complete();
    assertThat(running.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.items()).hasSize(200);

    // A job submitted after the first scrape.
    CollectSink<Integer> laterOut = Sinks.collect("out");
    Job later = engine.submit(SluiceEngineMetricsTest.numbers(50, laterOut), "later");
    assertThat(later.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    Thread.sleep(150); // older than the binder's minimum snapshot interval: the scrape refreshes
    List<MetricFamily> done = scrape();
    for (Job job : List.of(running, later)) {
      JobSnapshot snap = engine.snapshot().jobs().stream()
          .filter(j -> j.id() == job.id()).findFirst().orElseThrow();
      for (StageSnapshot s : snap.stages()) {
        assertThat(stageCount(done, "in", job, s.name())).as(s.name()).isEqualTo(s.in());
        assertThat(stageCount(done, "out", job, s.name())).as(s.name()).isEqualTo(s.out());
        assertThat(stageCount(done, "filtered", job, s.name())).as(s.name())
            .isEqualTo(s.filtered());
      }
      assertThat(sample(done, "sluice_job_status", "sluice_job_status", job, "status", "COMPLETED")
          .orElseThrow().label("job_name")).isEqualTo(job.name());
    }
    assertThat(stageCount(done, "out", running, "input")).isEqualTo(300);
    assertThat(stageCount(done, "filtered", running, "not-thirds")).isEqualTo(100);
    assertThat(stageCount(done, "in", running, "out")).isEqualTo(200);
    assertThat(stageCount(done, "in", later, "out")).isEqualTo(25);
    metrics.close();
    assertThat(registry.scrape(OPENMETRICS)).doesNotContain("sluice_");
  }
}
