package dev.sluice.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scenario.internal.HtmlReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ScenarioReport} as text, JSON, or a self-contained HTML page (no scripts, no
 * external resources) with charts drawn as inline SVG: throughput over time against the planned
 * rate, latency (p50 and p99) over time, and latency by percentile. Thread-safe.
 */
public final class ReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportWriter() {}

  /** A readable summary ending with PASSED or FAILED and the failed criteria. */
  public static String text(ScenarioReport r) {
    StringBuilder sb = new StringBuilder();
    Scenario s = r.scenario();
    sb.append(String.format(Locale.ROOT, "scenario %s — %s%n", s.name(), s.description()));
    sb.append(String.format(Locale.ROOT, "  target    %s%n", r.run().target()));
    if (r.partial()) {
      sb.append(String.format(Locale.ROOT,
          "  ended     PARTIAL: %s after %.1f s of the planned %.1f s%n", r.stoppedBy().text(),
          r.durationMillis() / 1000.0, r.plannedMillis() / 1000.0));
    }
    if (r.keptSchedule()) {
      sb.append(String.format(Locale.ROOT, "  schedule  kept: planned %.1f s, took %.1f s%n",
          r.plannedMillis() / 1000.0, r.durationMillis() / 1000.0));
    } else {
      sb.append(String.format(Locale.ROOT,
          "  schedule  NOT KEPT: planned %.1f s, took %.1f s (%s); backlog %,d events at %s%n",
          r.plannedMillis() / 1000.0, r.durationMillis() / 1000.0,
          r.partial() ? "stopped before it caught up"
              : String.format(Locale.ROOT, "ended %.1f s late", r.endedLateMillis() / 1000.0),
          r.backlogAtPlannedEnd(),
          r.durationMillis() >= r.plannedMillis() ? "the planned end" : "the stop"));
    }
    sb.append(String.format(Locale.ROOT,
        "  rate      planned %,.0f ev/s, achieved %,.0f ev/s (%.1f%%): %,d events of the"
            + " measured phases completed in %.1f s of wall-clock time%n",
        r.scheduledEps(), r.achievedEps(),
        r.scheduledEps() == 0 ? 0 : 100 * r.achievedEps() / r.scheduledEps(),
        r.latency().count(), r.measuredWallMillis() / 1000.0));
    sb.append(String.format(Locale.ROOT,
        "  events    planned %,.0f, emitted %,d, completed %,d, errors %,d%s, dropped %,d,"
            + " skipped %,d%n",
        r.plannedEvents(), r.emitted(), r.completed(), r.errors(), kinds(r.errorsByKind()),
        r.dropped(), r.skipped()));
    if (r.latency().count() == 0) {
      sb.append("  latency   none measured: no event of the measured phases completed\n");
    } else {
      sb.append(String.format(Locale.ROOT,
          "  latency   p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (from"
              + " intended emission time, measured phases)%n",
          r.latency().p50Nanos() / 1e6, ScenarioRunner.percentile(r, 95),
          r.latency().p99Nanos() / 1e6, r.latency().p999Nanos() / 1e6,
          r.latency().maxNanos() / 1e6));
    }
    sb.append(String.format(Locale.ROOT, "  success   %.4f%n", r.successRate()));
    if (s.circuitBreaker() != null || !r.circuitTransitions().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "  circuit   %s%n",
          r.circuitTransitions().isEmpty() ? "no transitions"
              : String.join(", ", r.circuitTransitions())));
    }
    sb.append(String.format(Locale.ROOT, "  memory    peak heap %,d MB%n", r.peakHeapBytes() >> 20));
    sb.append(String.format(Locale.ROOT, "  criteria  %s%n", criteria(s.criteria())));
    RunInfo run = r.run();
    sb.append(String.format(Locale.ROOT,
        "  context   started %s, seed %d, sluice %s%n            %s, %s, %d processors%n",
        run.startTime(), run.seed(), run.sluiceVersion(), run.jvm(), run.host(),
        run.availableProcessors()));
    for (RunInfo.OptionOverride o : run.overrides()) {
      sb.append(String.format(Locale.ROOT, "  override  %s %s (was %s)%n", o.option(), o.value(),
          o.replaced()));
    }
    for (String n : r.notes()) {
      sb.append("  note      ").append(n).append('\n');
    }
    if (r.passed()) {
      sb.append("PASSED\n");
    } else {
      sb.append("FAILED\n");
      for (String f : r.failures()) {
        sb.append("  - ").append(f).append('\n');
      }
    }
    return sb.toString();
  }

  private static String kinds(Map<String, Long> byKind) {
    if (byKind.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    byKind.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %,d", k, v)));
    return " (" + String.join(", ", parts) + ")";
  }

  /** The criteria as a short list; {@code none} if there are none. */
  public static String criteria(Scenario.SuccessCriteria c) {
    List<String> parts = new ArrayList<>();
    if (c.minSustainedEps() > 0) {
      parts.add(String.format(Locale.ROOT, "achieved ≥ %,.0f ev/s", c.minSustainedEps()));
    }
    if (c.maxP95Ms() > 0) {
      parts.add(String.format(Locale.ROOT, "p95 ≤ %s ms", num(c.maxP95Ms())));
    }
    if (c.maxP99Ms() > 0) {
      parts.add(String.format(Locale.ROOT, "p99 ≤ %s ms", num(c.maxP99Ms())));
    }
    if (c.minSuccessRate() > 0) {
      parts.add(String.format(Locale.ROOT, "success ≥ %s", num(c.minSuccessRate())));
    }
    if (c.maxHeapBytes() > 0) {
      parts.add(String.format(Locale.ROOT, "peak heap ≤ %,d MB", c.maxHeapBytes() >> 20));
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
  }

  /**
   * The report as JSON. Every figure's name carries its unit ({@code ...EventsPerSecond}, {@code
   * ...Millis}, {@code ...Bytes}, {@code ...Events}); a criterion the scenario does not set is
   * absent from {@code scenario.successCriteria}.
   */
  public static String json(ScenarioReport r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("passed", r.passed());
    o.put("stoppedBy", r.stoppedBy().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    o.put("keptSchedule", r.keptSchedule());
    ArrayNode f = o.putArray("failures");
    r.failures().forEach(f::add);
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    RunInfo run = r.run();
    o.put("startTime", run.startTime().toString());
    o.put("sluiceVersion", run.sluiceVersion());
    o.put("seed", run.seed());
    o.put("jvm", run.jvm());
    o.put("host", run.host());
    o.put("availableProcessors", run.availableProcessors());
    o.put("target", run.target());
    ArrayNode ov = o.putArray("overrides");
    for (RunInfo.OptionOverride x : run.overrides()) {
      ov.addObject().put("option", x.option()).put("value", x.value())
          .put("replaced", x.replaced());
    }
    try {
      o.set("scenario", MAPPER.readTree(ScenarioJson.write(r.scenario())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // targetEventsPerSecond is the scenario's targetEps; the measured phases' planned mean rate
    // (which differs when phases ramp) is plannedEventsPerSecond
    o.put("targetEventsPerSecond", r.scenario().targetEps());
    o.put("plannedEventsPerSecond", r.scheduledEps());
    o.put("achievedEventsPerSecond", r.achievedEps());
    o.put("measuredCompletedEvents", r.latency().count());
    o.put("measuredWallMillis", r.measuredWallMillis());
    o.put("plannedDurationMillis", r.plannedMillis());
    o.put("wallDurationMillis", r.durationMillis());
    o.put("endedLateMillis", r.endedLateMillis());
    o.put("warmupMillis", r.scenario().warmupDuration().toMillis());
    o.put("plannedEndBacklogEvents", r.backlogAtPlannedEnd());
    o.put("plannedEvents", Math.round(r.plannedEvents()));
    o.put("emittedEvents", r.emitted());
    o.put("completedEvents", r.completed());
    o.put("errorEvents", r.errors());
    ObjectNode kinds = o.putObject("errorEventsByKind");
    r.errorsByKind().forEach(kinds::put);
    o.put("droppedEvents", r.dropped());
    o.put("skippedEvents", r.skipped());
    o.put("successRatio", r.successRate());
    if (r.latency().count() == 0) {
      o.putNull("latencyMillis"); // no event of the measured phases completed
    } else {
      ObjectNode lat = o.putObject("latencyMillis");
      lat.put("p50", r.latency().p50Nanos() / 1e6);
      lat.put("p95", ScenarioRunner.percentile(r, 95));
      lat.put("p99", r.latency().p99Nanos() / 1e6);
      lat.put("p999", r.latency().p999Nanos() / 1e6);
      lat.put("max", r.latency().maxNanos() / 1e6);
    }
    ArrayNode ct = o.putArray("circuitTransitions");
    r.circuitTransitions().forEach(ct::add);
    o.put("peakHeapBytes", r.peakHeapBytes());
    ArrayNode tl = o.putArray("timeline");
    for (ScenarioReport.TimelinePoint p : r.timeline()) {
      ObjectNode point = tl.addObject().put("seconds", p.seconds())
          .put("eventsPerSecond", p.eps());
      // null when no event completed in that period
      putFinite(point, "p50Millis", p.p50Millis());
      putFinite(point, "p99Millis", p.p99Millis());
      point.put("backlogEvents", p.backlog());
    }
    ArrayNode pc = o.putArray("percentiles");
    for (double[] p : r.percentiles()) {
      pc.addObject().put("percentile", p[0]).put("latencyMillis", p[1]);
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putFinite(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, v);
    } else {
      o.putNull(name);
    }
  }

  /**
   * A self-contained HTML page: the text summary, throughput over time with the planned rate,
   * p50/p99 latency over time, and latency by percentile.
   */
  public static String html(ScenarioReport r) {
    return HtmlReport.render(r, text(r));
  }
}
