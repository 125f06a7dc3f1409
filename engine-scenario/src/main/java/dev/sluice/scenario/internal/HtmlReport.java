package dev.sluice.scenario.internal;

import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTML page of a report: the text summary and three SVG charts. Stateless. */
public final class HtmlReport {
  private HtmlReport() {}

  /** The page for {@code r}, with {@code summary} (the text report) at the top. */
  public static String render(ScenarioReport r, String summary) {
    StringBuilder sb = new StringBuilder();
    String name = SvgChart.esc(r.scenario().name());
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Sluice scenario ").append(name).append("</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;color:#222;max-width:820px}")
        .append("pre{background:#f6f6f6;padding:1em;white-space:pre-wrap}")
        .append(".pass{color:#1a7f37}.fail{color:#c62828}")
        .append("svg{background:#fff;border:1px solid #ddd;margin:0.5em 0 1.5em 0}")
        .append("</style></head><body>\n");
    sb.append("<h1>Scenario ").append(name).append(" <span class=\"")
        .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</span></h1>\n");
    sb.append("<pre>").append(SvgChart.esc(summary)).append("</pre>\n");
    sb.append("<h2>Throughput over time</h2>\n").append(throughput(r));
    sb.append("<h2>Latency over time</h2>\n").append(latencyOverTime(r));
    sb.append("<h2>Latency by percentile</h2>\n").append(percentiles(r));
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static String throughput(ScenarioReport r) {
    List<ScenarioReport.TimelinePoint> tl = r.timeline();
    double[] xs = new double[tl.size()];
    double[] ys = new double[tl.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = tl.get(i).seconds();
      ys[i] = tl.get(i).eps();
    }
    // the planned rate, phase by phase
    List<Double> px = new ArrayList<>();
    List<Double> py = new ArrayList<>();
    double t = 0;
    for (Scenario.Phase p : r.scenario().effectivePhases()) {
      px.add(t);
      py.add(p.fromEps());
      t += p.duration().toNanos() / 1e9;
      px.add(t);
      py.add(p.toEps());
    }
    double planned = r.plannedMillis() / 1000.0;
    SvgChart c = new SvgChart("seconds since the start", "events per second")
        .xRange(0, Math.max(planned, r.durationMillis() / 1000.0))
        .line("planned", "#9e9e9e", unbox(px), unbox(py), false)
        .line("completed at the sink", "#1565c0", xs, ys, false)
        .marker(planned, "planned end");
    stopped(c, r);
    double min = r.scenario().criteria().minSustainedEps();
    if (min > 0) {
      c.reference(min, String.format(Locale.ROOT, "criterion: achieved ≥ %,.0f ev/s", min),
          "#c62828");
    }
    if (!r.scenario().warmupDuration().isZero() && r.scenario().effectivePhases().get(0)
        .kind() == Scenario.Phase.Kind.WARMUP) {
      c.marker(r.scenario().warmupDuration().toNanos() / 1e9, "warm-up ends");
    }
    return c.render();
  }

  private static String latencyOverTime(ScenarioReport r) {
    List<ScenarioReport.TimelinePoint> tl = r.timeline();
    double[] xs = new double[tl.size()];
    double[] p50 = new double[tl.size()];
    double[] p99 = new double[tl.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = tl.get(i).seconds();
      p50[i] = tl.get(i).p50Millis();
      p99[i] = tl.get(i).p99Millis();
    }
    double planned = r.plannedMillis() / 1000.0;
    SvgChart c = new SvgChart("seconds since the start", "latency (ms), per progress period")
        .xRange(0, Math.max(planned, r.durationMillis() / 1000.0))
        .line("p50", "#2e7d32", xs, p50, false)
        .line("p99", "#ef6c00", xs, p99, false)
        .marker(planned, "planned end");
    stopped(c, r);
    limits(c, r.scenario().criteria());
    return c.render();
  }

  private static String percentiles(ScenarioReport r) {
    List<double[]> pc = r.percentiles();
    double[] xs = new double[pc.size()];
    double[] ys = new double[pc.size()];
    String[] labels = new String[pc.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = i;
      ys[i] = pc.get(i)[1];
      double q = pc.get(i)[0];
      labels[i] = q == 100 ? "max" : SvgChart.compact(q);
    }
    SvgChart c = new SvgChart("percentile (measured phases)", "latency (ms)")
        .categories(labels)
        .line("latency from intended emission time", "#1565c0", xs, ys, true);
    if (r.latency().count() == 0) {
      c = new SvgChart("percentile (measured phases)", "latency (ms)").categories(labels)
          .emptyText("no event of the measured phases completed");
    }
    limits(c, r.scenario().criteria());
    return c.render();
  }

  private static void stopped(SvgChart c, ScenarioReport r) {
    if (r.partial()) {
      c.marker(r.durationMillis() / 1000.0,
          r.stoppedBy() == ScenarioReport.StopReason.INTERRUPTED ? "interrupted" : "stopped by the cap");
    }
  }

  private static void limits(SvgChart c, Scenario.SuccessCriteria criteria) {
    if (criteria.maxP99Ms() > 0) {
      c.reference(criteria.maxP99Ms(), "criterion: p99 ≤ " + SvgChart.compact(criteria.maxP99Ms())
          + " ms", "#c62828");
    }
    if (criteria.maxP95Ms() > 0) {
      c.reference(criteria.maxP95Ms(), "criterion: p95 ≤ " + SvgChart.compact(criteria.maxP95Ms())
          + " ms", "#ad1457");
    }
  }

  private static double[] unbox(List<Double> v) {
    double[] a = new double[v.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = v.get(i);
    }
    return a;
  }
}
