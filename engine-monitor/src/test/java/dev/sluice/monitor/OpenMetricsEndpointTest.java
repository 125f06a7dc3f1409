package dev.sluice.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.StageCounts;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.OpenMetricsParser;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import dev.sluice.payloads.prometheus.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is parsed by the project's strict OpenMetrics parser and its figures agree
 * with the snapshot the monitor took, while the job runs and after it ended.
 */
class OpenMetricsEndpointTest {
  private static final Duration INTERVAL = Duration.ofMillis(200);

  @Test
  void metricsParseStrictlyAndAgreeWithTheSnapshotWhileRunningAndAfterTheEnd() throws Exception {
    try (Engine engine = Engine.create();
        Monitor monitor =
            Monitor.start(engine, MonitorConfig.defaults().withInterval(INTERVAL))) {
      Job job = engine.submit(TestJobs.pipeline(40_000, 20_000), "metrics-job");

      // While running: retry until no new snapshot was taken between reading it and scraping.
      int consistent = 0;
      for (int attempt = 0; attempt < 50 && consistent < 3; attempt++) {
        EngineSnapshot before = monitor.latestSnapshot();
        RawHttp.Response r = RawHttp.get(monitor.address(), "/metrics");
        EngineSnapshot after = monitor.latestSnapshot();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type"))
            .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        List<MetricFamily> families = new OpenMetricsParser().parse(r.body());
        if (before.timeMillis() == after.timeMillis()
            && !before.jobs().isEmpty()
            && before.jobs().get(0).status().equals("RUNNING")) {
          assertAgrees(families, before);
          consistent++;
        }
        Thread.sleep(INTERVAL.toMillis() / 3);
      }
      assertThat(consistent).as("scrapes that fell between two snapshots").isGreaterThan(0);

      assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
      EngineSnapshot last = awaitSnapshotWithStatus(monitor, "COMPLETED");
      List<MetricFamily> families =
          new OpenMetricsParser().parse(RawHttp.get(monitor.address(), "/metrics").body());
      assertAgrees(families, last);
      // After the end the counts are exact: they equal the job's own counts.
      for (StageCounts c : job.counts()) {
        assertThat(value(families, "sluice_stage_events_in_total", "metrics-job", c.stage()))
            .as("in of %s", c.stage())
            .isEqualTo(c.in());
        assertThat(value(families, "sluice_stage_events_out_total", "metrics-job", c.stage()))
            .as("out of %s", c.stage())
            .isEqualTo(c.out());
      }
      assertThat(value(families, "sluice_stage_events_in_total", "metrics-job", "readings"))
          .isEqualTo(40_000);
      assertThat(value(families, "sluice_stage_events_out_total", "metrics-job", "readings"))
          .isEqualTo(40_000);
      assertThat(value(families, "sluice_stage_events_dead_lettered_total", "metrics-job",
          "checked")).isEqualTo(40_000 / 194);
      assertThat(stateOf(families, "metrics-job")).isEqualTo("COMPLETED");
    }
  }

  @Test
  void textFormatOnAcceptAndLatencyCountsNeverDecrease() throws Exception {
    try (Engine engine = Engine.create();
        Monitor monitor =
            Monitor.start(engine, MonitorConfig.defaults().withInterval(INTERVAL))) {
      Job job = engine.submit(TestJobs.pipeline(Long.MAX_VALUE, 5_000), "text-job");
      RawHttp.Response text =
          RawHttp.request(monitor.address(), "GET", "/metrics",
              Map.of("Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
      assertThat(text.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      List<MetricFamily> parsed = new PrometheusTextParser().parse(text.body());
      assertThat(parsed).extracting(MetricFamily::name).contains("sluice_stage_events_out");

      double previous = -1;
      int grew = 0;
      for (int i = 0; i < 40 && grew < 2; i++) {
        Thread.sleep(INTERVAL.toMillis());
        List<MetricFamily> f =
            new OpenMetricsParser().parse(RawHttp.get(monitor.address(), "/metrics").body());
        MetricFamily latency = family(f, "sluice_stage_processing_latency_seconds");
        assertThat(latency.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(latency.unit()).isEqualTo("seconds");
        double count = latency.samples().stream()
            .filter(s -> s.name().endsWith("_count") && "number".equals(s.label("stage")))
            .mapToDouble(Sample::value).findFirst().orElse(0);
        assertThat(count).isGreaterThanOrEqualTo(previous);
        if (previous >= 0 && count > previous) {
          grew++;
        }
        previous = count;
      }
      assertThat(grew).as("processing latency _count grew while events flowed").isGreaterThan(0);
      job.cancel();
    }
  }

  private static EngineSnapshot awaitSnapshotWithStatus(Monitor monitor, String status)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      EngineSnapshot s = monitor.latestSnapshot();
      if (!s.jobs().isEmpty() && s.jobs().get(0).status().equals(status)) {
        Thread.sleep(INTERVAL.toMillis() * 2); // and one more snapshot, with final counts
        return monitor.latestSnapshot();
      }
      Thread.sleep(INTERVAL.toMillis() / 2);
    }
    throw new AssertionError("the monitor never saw " + status);
  }

  /** Every stage and edge figure of {@code s} is in {@code families} with the same value. */
  private static void assertAgrees(List<MetricFamily> families, EngineSnapshot s) {
    for (JobSnapshot j : s.jobs()) {
      for (StageSnapshot st : j.stages()) {
        String job = j.name();
        String stage = st.name();
        assertThat(value(families, "sluice_stage_events_in_total", job, stage)).isEqualTo(st.in());
        assertThat(value(families, "sluice_stage_events_out_total", job, stage)).isEqualTo(st.out());
        assertThat(value(families, "sluice_stage_events_filtered_total", job, stage))
            .isEqualTo(st.filtered());
        assertThat(value(families, "sluice_stage_events_dropped_total", job, stage))
            .isEqualTo(st.dropped());
        assertThat(value(families, "sluice_stage_events_dead_lettered_total", job, stage))
            .isEqualTo(st.deadLettered());
        assertThat(value(families, "sluice_stage_errors_total", job, stage))
            .isEqualTo(st.errors());
        assertThat(value(families, "sluice_stage_events_per_second", job, stage))
            .isEqualTo(st.eventsPerSecond());
      }
      assertThat(j.edges()).isNotEmpty();
      for (EdgeSnapshot e : j.edges()) {
        Sample q = family(families, "sluice_edge_queued_events").samples().stream()
            .filter(x -> j.name().equals(x.label("job"))
                && (e.from() + "->" + e.to()).equals(x.label("edge")))
            .findFirst().orElseThrow();
        assertThat(q.value()).isEqualTo(e.queuedEvents());
      }
      assertThat(stateOf(families, j.name())).isEqualTo(j.status());
    }
  }

  private static String stateOf(List<MetricFamily> families, String job) {
    return family(families, "sluice_job_status").samples().stream()
        .filter(x -> job.equals(x.label("job")) && x.value() == 1)
        .map(x -> x.label("sluice_job_status"))
        .findFirst().orElseThrow();
  }

  private static double value(List<MetricFamily> families, String sample, String job, String stage) {
    for (MetricFamily f : families) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sample) && job.equals(s.label("job")) && stage.equals(s.label("stage"))) {
          return s.value();
        }
      }
    }
    throw new AssertionError("no sample " + sample + "{job=" + job + ",stage=" + stage + "}");
  }

  private static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no family " + name));
  }
}
