package dev.sluice.monitor;

import dev.sluice.core.JobStatus;
import dev.sluice.core.metrics.EdgeSnapshot;
import dev.sluice.core.metrics.EngineSnapshot;
import dev.sluice.core.metrics.JobSnapshot;
import dev.sluice.core.metrics.LatencySnapshot;
import dev.sluice.core.metrics.StageSnapshot;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders engine snapshots as Prometheus / OpenMetrics metric families (write them with {@link
 * dev.sluice.payloads.prometheus.ExpositionWriter}). Names follow the Prometheus conventions:
 * prefix {@code sluice_}, base units in names ({@code _seconds}, {@code _events}, {@code _ratio}),
 * counters end in {@code _total}; labels {@code job}, {@code stage}, {@code edge} (plus {@code
 * from} and {@code to}). The table is in {@code docs/monitoring.md}.
 *
 * <p>Latencies are summaries: the quantiles are those of the last interval (the time between two
 * snapshots, as in the snapshot itself), {@code _count} and {@code _sum} are cumulative over every
 * snapshot passed to {@link #accumulate} — call it exactly once per snapshot taken, since each
 * engine snapshot reports the latencies recorded since the previous one.
 *
 * <p><b>Threading:</b> thread-safe (synchronized). Allocates per call; not for per-event paths.
 */
public final class OpenMetricsExport {
  private static final String[] BREAKER_STATES = {"CLOSED", "OPEN", "HALF_OPEN"};

  /** Per job/stage/kind: {count, sum of nanoseconds}. */
  private final Map<String, double[]> latencyTotals = new HashMap<>();

  /** An export with no latencies accumulated yet. */
  public OpenMetricsExport() {}

  /** Adds the interval latencies of {@code snapshot} to the cumulative counts and sums. */
  public synchronized void accumulate(EngineSnapshot snapshot) {
    for (JobSnapshot j : snapshot.jobs()) {
      for (StageSnapshot s : j.stages()) {
        add(key(j, s, "p"), s.processingLatency());
        add(key(j, s, "e"), s.endToEndLatency());
      }
    }
  }

  private void add(String key, LatencySnapshot l) {
    if (l.count() == 0) {
      return;
    }
    double[] t = latencyTotals.computeIfAbsent(key, k -> new double[2]);
    t[0] += l.count();
    t[1] += l.meanNanos() * l.count();
  }

  private static String key(JobSnapshot j, StageSnapshot s, String kind) {
    return j.id() + "\u0000" + s.name() + "\u0000" + kind;
  }

  /** The families of {@code snapshot}, without circuit breakers. */
  public List<MetricFamily> families(EngineSnapshot snapshot) {
    return families(snapshot, Map.of());
  }

  /**
   * The families of {@code snapshot}.
   *
   * @param breakers circuit breaker states by breaker name (for example {@code OPEN}); becomes the
   *     stateset {@code sluice_circuit_breaker_state}
   */
  public synchronized List<MetricFamily> families(
      EngineSnapshot snapshot, Map<String, String> breakers) {
    List<MetricFamily> out = new ArrayList<>();
    List<JobSnapshot> jobs = snapshot.jobs();

    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (JobStatus st : JobStatus.values()) {
      byStatus.put(st.name(), 0);
    }
    for (JobSnapshot j : jobs) {
      byStatus.merge(j.status(), 1, Integer::sum);
    }
    List<Sample> jobCounts = new ArrayList<>();
    byStatus.forEach((st, n) -> jobCounts.add(sample("sluice_jobs", n, "status", st)));
    out.add(family("sluice_jobs", MetricType.GAUGE,
        "Jobs of the engine (running and recently ended) by status.", null, jobCounts));

    List<Sample> states = new ArrayList<>();
    List<Sample> restarts = new ArrayList<>();
    for (JobSnapshot j : jobs) {
      for (JobStatus st : JobStatus.values()) {
        states.add(sample("sluice_job_status", st.name().equals(j.status()) ? 1 : 0,
            "job", j.name(), "sluice_job_status", st.name()));
      }
      restarts.add(sample("sluice_job_restarts_total", j.restarts(), "job", j.name()));
    }
    out.add(family("sluice_job_status", MetricType.STATESET, "The job's status.", null, states));
    out.add(family("sluice_job_restarts", MetricType.COUNTER,
        "Restarts of the job after a failure.", null, restarts));

    stageCounter(out, jobs, "sluice_stage_events_in", "Events that arrived at the stage.",
        StageSnapshot::in);
    stageCounter(out, jobs, "sluice_stage_events_out", "Events the stage emitted or wrote.",
        StageSnapshot::out);
    stageCounter(out, jobs, "sluice_stage_events_filtered", "Events that produced no output.",
        StageSnapshot::filtered);
    stageCounter(out, jobs, "sluice_stage_events_dropped",
        "Events dropped by backpressure or an open circuit.", StageSnapshot::dropped);
    stageCounter(out, jobs, "sluice_stage_events_dead_lettered",
        "Events sent to the dead-letter output.", StageSnapshot::deadLettered);
    stageCounter(out, jobs, "sluice_stage_errors", "User-code failures handled by the error policy.",
        StageSnapshot::errors);
    stageCounter(out, jobs, "sluice_stage_restarts", "Restarts of a source reader or sink writer.",
        StageSnapshot::restarts);
    stageCounter(out, jobs, "sluice_stage_late_answers",
        "Async answers that arrived after their timeout.", StageSnapshot::lateAnswers);
    stageCounter(out, jobs, "sluice_stage_side_output_events",
        "Events emitted to connected side outputs.", StageSnapshot::sideOutput);

    stageGauge(out, jobs, "sluice_stage_events_per_second",
        "Output rate over the last interval, events per second.", null,
        StageSnapshot::eventsPerSecond, false);
    stageGauge(out, jobs, "sluice_stage_bytes_per_second",
        "Byte rate over the last interval where sizes are known.", null,
        StageSnapshot::bytesPerSecond, false);
    stageGauge(out, jobs, "sluice_stage_watermark_seconds",
        "The stage's watermark, seconds since the epoch (absent before the first).", "seconds",
        s -> hasWatermark(s) ? s.watermark() / 1000.0 : Double.NaN, true);
    stageGauge(out, jobs, "sluice_stage_event_time_lag_seconds",
        "Wall-clock time minus the watermark (absent without a watermark).", "seconds",
        s -> s.eventTimeLagMillis() < 0 ? Double.NaN : s.eventTimeLagMillis() / 1000.0, true);

    latency(out, jobs, "sluice_stage_processing_latency_seconds",
        "Time spent in the stage's user code per event (sampled); quantiles over the last interval.",
        "p");
    latency(out, jobs, "sluice_stage_end_to_end_latency_seconds",
        "At sinks: now minus the event's timestamp; quantiles over the last interval.", "e");

    List<Sample> queued = new ArrayList<>();
    List<Sample> capacity = new ArrayList<>();
    List<Sample> utilisation = new ArrayList<>();
    List<Sample> edgeDropped = new ArrayList<>();
    for (JobSnapshot j : jobs) {
      for (EdgeSnapshot e : j.edges()) {
        List<Label> l = edgeLabels(j, e);
        queued.add(new Sample("sluice_edge_queued_events", l, e.queuedEvents(), null, null));
        capacity.add(new Sample("sluice_edge_capacity_events", l, e.capacityEvents(), null, null));
        utilisation.add(new Sample("sluice_edge_utilisation_ratio", l, e.utilisation(), null, null));
        edgeDropped.add(new Sample("sluice_edge_events_dropped_total", l, e.dropped(), null, null));
      }
    }
    out.add(family("sluice_edge_queued_events", MetricType.GAUGE,
        "Items on the queue edge not yet taken by the consumer.", "events", queued));
    out.add(family("sluice_edge_capacity_events", MetricType.GAUGE,
        "What the edge's channels hold when full.", "events", capacity));
    out.add(family("sluice_edge_utilisation_ratio", MetricType.GAUGE,
        "Queued divided by capacity, 0 to 1.", "ratio", utilisation));
    out.add(family("sluice_edge_events_dropped", MetricType.COUNTER,
        "Events the edge dropped (backpressure).", null, edgeDropped));

    List<Sample> breakerStates = new ArrayList<>();
    breakers.forEach((name, state) -> {
      List<String> known = new ArrayList<>(List.of(BREAKER_STATES));
      if (!known.contains(state)) {
        known.add(state);
      }
      for (String s : known) {
        breakerStates.add(sample("sluice_circuit_breaker_state", s.equals(state) ? 1 : 0,
            "breaker", name, "sluice_circuit_breaker_state", s));
      }
    });
    out.add(family("sluice_circuit_breaker_state", MetricType.STATESET,
        "State of each circuit breaker that has changed state.", null, breakerStates));
    return out;
  }

  private static boolean hasWatermark(StageSnapshot s) {
    return s.watermark() != Long.MIN_VALUE && s.watermark() != Long.MAX_VALUE;
  }

  private static void stageCounter(
      List<MetricFamily> out, List<JobSnapshot> jobs, String name, String help,
      ToDoubleFunction<StageSnapshot> value) {
    List<Sample> samples = new ArrayList<>();
    for (JobSnapshot j : jobs) {
      for (StageSnapshot s : j.stages()) {
        samples.add(new Sample(name + "_total", stageLabels(j, s), value.applyAsDouble(s), null,
            null));
      }
    }
    out.add(family(name, MetricType.COUNTER, help, null, samples));
  }

  private static void stageGauge(
      List<MetricFamily> out, List<JobSnapshot> jobs, String name, String help, String unit,
      ToDoubleFunction<StageSnapshot> value, boolean skipNaN) {
    List<Sample> samples = new ArrayList<>();
    for (JobSnapshot j : jobs) {
      for (StageSnapshot s : j.stages()) {
        double v = value.applyAsDouble(s);
        if (!(skipNaN && Double.isNaN(v))) {
          samples.add(new Sample(name, stageLabels(j, s), v, null, null));
        }
      }
    }
    out.add(family(name, MetricType.GAUGE, help, unit, samples));
  }

  private void latency(
      List<MetricFamily> out, List<JobSnapshot> jobs, String name, String help, String kind) {
    List<Sample> samples = new ArrayList<>();
    for (JobSnapshot j : jobs) {
      for (StageSnapshot s : j.stages()) {
        LatencySnapshot l = kind.equals("p") ? s.processingLatency() : s.endToEndLatency();
        double[] totals = latencyTotals.getOrDefault(key(j, s, kind), new double[2]);
        if (totals[0] == 0 && l.count() == 0) {
          continue; // the stage records no such latency
        }
        List<Label> base = stageLabels(j, s);
        quantile(samples, name, base, "0.5", l.p50Nanos());
        quantile(samples, name, base, "0.9", l.p90Nanos());
        quantile(samples, name, base, "0.99", l.p99Nanos());
        quantile(samples, name, base, "0.999", l.p999Nanos());
        samples.add(new Sample(name + "_count", base, totals[0], null, null));
        samples.add(new Sample(name + "_sum", base, totals[1] / 1e9, null, null));
      }
    }
    out.add(family(name, MetricType.SUMMARY, help, "seconds", samples));
  }

  private static void quantile(
      List<Sample> samples, String name, List<Label> base, String q, long nanos) {
    List<Label> l = new ArrayList<>(base);
    l.add(new Label("quantile", q));
    samples.add(new Sample(name, l, nanos / 1e9, null, null));
  }

  private static List<Label> stageLabels(JobSnapshot j, StageSnapshot s) {
    return List.of(new Label("job", j.name()), new Label("stage", s.name()));
  }

  private static List<Label> edgeLabels(JobSnapshot j, EdgeSnapshot e) {
    return List.of(
        new Label("job", j.name()), new Label("edge", e.from() + "->" + e.to()),
        new Label("from", e.from()), new Label("to", e.to()));
  }

  private static Sample sample(String name, double value, String... labels) {
    List<Label> l = new ArrayList<>(labels.length / 2);
    for (int i = 0; i < labels.length; i += 2) {
      l.add(new Label(labels[i], labels[i + 1]));
    }
    return new Sample(name, l, value, null, null);
  }

  private static MetricFamily family(
      String name, MetricType type, String help, String unit, List<Sample> samples) {
    return new MetricFamily(name, type, help, unit, samples);
  }
}
