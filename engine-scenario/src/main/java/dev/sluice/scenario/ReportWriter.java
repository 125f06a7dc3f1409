package dev.sluice.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ScenarioReport} as text, JSON, or a self-contained HTML page (no scripts, no
 * external resources) with a throughput-over-time chart and a latency percentile plot drawn as
 * inline SVG. Thread-safe.
 */
public final class ReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportWriter() {}

  /** A readable summary ending with PASSED or FAILED and the failed criteria. */
  public static String text(ScenarioReport r) {
    StringBuilder sb = new StringBuilder();
    Scenario s = r.scenario();
    sb.append(String.format(Locale.ROOT, "scenario %s — %s%n", s.name(), s.description()));
    sb.append(String.format(Locale.ROOT, "  rate      target %,.0f ev/s, achieved %,.0f ev/s (%.1f%%)%n",
        r.targetEps(), r.achievedEps(), r.targetEps() == 0 ? 0 : 100 * r.achievedEps() / r.targetEps()));
    sb.append(String.format(Locale.ROOT, "  events    emitted %,d, completed %,d, errors %,d, dropped %,d, skipped %,d%n",
        r.emitted(), r.completed(), r.errors(), r.dropped(), r.skipped()));
    sb.append(String.format(Locale.ROOT, "  latency   p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (from intended emission time)%n",
        r.latency().p50Nanos() / 1e6, valueAt(r, 95), r.latency().p99Nanos() / 1e6,
        r.latency().p999Nanos() / 1e6, r.latency().maxNanos() / 1e6));
    sb.append(String.format(Locale.ROOT, "  success   %.4f%n", r.successRate()));
    sb.append(String.format(Locale.ROOT, "  circuit   %s%n",
        r.circuitTransitions().isEmpty() ? "no transitions" : String.join(", ", r.circuitTransitions())));
    sb.append(String.format(Locale.ROOT, "  memory    peak heap %,d MB%n", r.peakHeapBytes() >> 20));
    sb.append(String.format(Locale.ROOT, "  duration  %.1f s%n", r.durationMillis() / 1000.0));
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

  static double valueAt(ScenarioReport r, double q) {
    for (double[] p : r.percentiles()) {
      if (p[0] == q) {
        return p[1];
      }
    }
    return 0;
  }

  /** The report as JSON (the scenario, the figures, the timeline and the verdict). */
  public static String json(ScenarioReport r) {
    ObjectNode o = MAPPER.createObjectNode();
    try {
      o.set("scenario", MAPPER.readTree(ScenarioJson.write(r.scenario())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    o.put("passed", r.passed());
    ArrayNode f = o.putArray("failures");
    r.failures().forEach(f::add);
    o.put("targetEps", r.targetEps());
    o.put("achievedEps", r.achievedEps());
    o.put("emitted", r.emitted());
    o.put("completed", r.completed());
    o.put("errors", r.errors());
    o.put("dropped", r.dropped());
    o.put("skipped", r.skipped());
    o.put("successRate", r.successRate());
    ObjectNode lat = o.putObject("latencyMs");
    lat.put("p50", r.latency().p50Nanos() / 1e6);
    lat.put("p95", valueAt(r, 95));
    lat.put("p99", r.latency().p99Nanos() / 1e6);
    lat.put("p999", r.latency().p999Nanos() / 1e6);
    lat.put("max", r.latency().maxNanos() / 1e6);
    ArrayNode ct = o.putArray("circuitTransitions");
    r.circuitTransitions().forEach(ct::add);
    o.put("peakHeapBytes", r.peakHeapBytes());
    o.put("durationMillis", r.durationMillis());
    ArrayNode tl = o.putArray("timeline");
    for (double[] p : r.timeline()) {
      tl.addObject().put("t", p[0]).put("eps", p[1]).put("p50Ms", p[2]).put("p99Ms", p[3]);
    }
    ArrayNode pc = o.putArray("percentiles");
    for (double[] p : r.percentiles()) {
      pc.addObject().put("percentile", p[0]).put("ms", p[1]);
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-contained HTML page with the summary, a throughput chart and a percentile plot. */
  public static String html(ScenarioReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Sluice scenario ").append(esc(r.scenario().name())).append("</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;color:#222}")
        .append("pre{background:#f6f6f6;padding:1em}.pass{color:#1a7f37}.fail{color:#c62828}")
        .append("svg{background:#fff;border:1px solid #ddd;margin:1em 0}</style></head><body>\n");
    sb.append("<h1>Scenario ").append(esc(r.scenario().name())).append(" <span class=\"")
        .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</span></h1>\n");
    sb.append("<pre>").append(esc(text(r))).append("</pre>\n");
    sb.append("<h2>Throughput over time</h2>\n");
    List<double[]> tl = r.timeline();
    double[] xs = new double[tl.size()];
    double[] ys = new double[tl.size()];
    for (int i = 0; i < tl.size(); i++) {
      xs[i] = tl.get(i)[0];
      ys[i] = tl.get(i)[1];
    }
    sb.append(chart(xs, ys, "seconds", "events/s", r.targetEps(), false));
    sb.append("<h2>Latency by percentile</h2>\n");
    List<double[]> pc = r.percentiles();
    double[] px = new double[pc.size()];
    double[] py = new double[pc.size()];
    for (int i = 0; i < pc.size(); i++) {
      px[i] = i;
      py[i] = pc.get(i)[1];
    }
    StringBuilder labels = new StringBuilder();
    for (double[] p : pc) {
      labels.append(fmt(p[0])).append(' ');
    }
    sb.append(chart(px, py, "percentile: " + labels.toString().trim(), "ms", -1, true));
    sb.append("</body></html>\n");
    return sb.toString();
  }

  private static String chart(double[] xs, double[] ys, String xLabel, String yLabel,
      double reference, boolean points) {
    int w = 720;
    int h = 260;
    int pad = 50;
    double maxX = 1;
    double maxY = reference > 0 ? reference : 1;
    for (int i = 0; i < xs.length; i++) {
      maxX = Math.max(maxX, xs[i]);
      maxY = Math.max(maxY, ys[i]);
    }
    maxY *= 1.1;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
        w, h, w, h));
    sb.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", pad, h - pad, w - 10, h - pad));
    sb.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", pad, pad, h - pad));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
        pad, h - 15, esc(xLabel)));
    sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"20\" font-size=\"11\">%s (max %s)</text>",
        esc(yLabel), fmt(maxY / 1.1)));
    if (reference > 0) {
      double y = h - pad - (h - pad - 10) * reference / maxY;
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"4\"/>",
          pad, y, w - 10, y));
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      double x = pad + (w - pad - 10) * xs[i] / maxX;
      double y = h - pad - (h - pad - 10) * ys[i] / maxY;
      path.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      if (points) {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1565c0\"/>", x, y));
      }
    }
    if (xs.length > 0) {
      sb.append("<path d=\"").append(path.toString().trim())
          .append("\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>");
    }
    return sb.append("</svg>\n").toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
