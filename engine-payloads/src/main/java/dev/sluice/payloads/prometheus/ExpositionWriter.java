package dev.sluice.payloads.prometheus;

import java.nio.charset.StandardCharsets;
import dev.sluice.payloads.prometheus.internal.MetricPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes metric families as OpenMetrics 1.0 text ({@link #openMetrics}) or Prometheus text
 * format 0.0.4 ({@link #prometheus}), escaping label values and help text, so that what {@link
 * OpenMetricsParser} / {@link PrometheusTextParser} read back equals what was written.
 *
 * <p>Both methods accept families as either parser returns them and convert the naming where the
 * formats differ, so that a document converted from one format to the other is accepted by the
 * other's parser with the same samples (the same names, labels and values):
 *
 * <ul>
 *   <li>0.0.4 → OpenMetrics: a counter family whose samples are all named like the family, say
 *       {@code http_requests_total}, becomes the OpenMetrics counter {@code http_requests} with
 *       those {@code http_requests_total} samples; a 0.0.4 counter whose name does not end with
 *       {@code _total} (or whose shortened name another family has) is written as {@code unknown}
 *       so that its samples keep their name.
 *   <li>OpenMetrics → 0.0.4: a counter {@code x} is written as the counter {@code x_total};
 *       {@code _created} samples of counters, histograms and summaries as a gauge {@code
 *       x_created}; a gauge histogram as a histogram {@code x} of its buckets plus gauges {@code
 *       x_gcount} and {@code x_gsum}; info ({@code x_info}) and stateset families as gauges;
 *       unknown as {@code untyped}. Timestamps are written in milliseconds; exemplars and units
 *       are OpenMetrics-only and are left out.
 *   <li>Back to OpenMetrics, a gauge {@code x_created} next to a counter {@code x_total} (or a
 *       histogram or summary {@code x}) becomes that family's {@code _created} samples again, and
 *       a point's samples are written together (0.0.4 allows them apart, OpenMetrics does not).
 * </ul>
 *
 * <p><b>Threading:</b> stateless and thread-safe. <b>Failure:</b> none; the writer does not
 * validate (parse the output to check a model built in code).
 */
public final class ExpositionWriter {
  private ExpositionWriter() {}

  /** The families as an OpenMetrics document ending with {@code # EOF}. */
  public static byte[] openMetrics(List<MetricFamily> families) {
    Map<String, MetricFamily> byName = new HashMap<>();
    for (MetricFamily f : families) {
      byName.put(f.name(), f);
    }
    // 0.0.4 gauges "x_created" written for the _created samples of an OpenMetrics family x
    Map<String, MetricFamily> created = new HashMap<>();
    Set<String> merged = new HashSet<>();
    StringBuilder sb = new StringBuilder();
    for (MetricFamily f : families) {
      String name = f.name();
      MetricType type = f.type();
      if (type == MetricType.COUNTER && !f.samples().isEmpty() && allSamplesNamed(f, name)) {
        // a 0.0.4 counter: family and samples share the name
        String shortName = name.endsWith("_total") ? name.substring(0, name.length() - 6) : null;
        if (shortName != null && !shortName.isEmpty() && !byName.containsKey(shortName)) {
          name = shortName;
        } else {
          type = MetricType.UNKNOWN;
        }
      }
      if (type == MetricType.COUNTER || type == MetricType.HISTOGRAM
          || type == MetricType.SUMMARY) {
        MetricFamily c = byName.get(name + "_created");
        if (c != null && c.type() == MetricType.GAUGE && !c.samples().isEmpty()
            && allSamplesNamed(c, c.name()) && !hasSampleNamed(f, c.name())) {
          created.put(f.name(), c);
          merged.add(c.name());
        }
      }
    }
    for (MetricFamily f : families) {
      if (merged.contains(f.name())) {
        continue;
      }
      String name = f.name();
      MetricType type = f.type();
      if (type == MetricType.COUNTER && !f.samples().isEmpty() && allSamplesNamed(f, name)) {
        String shortName = name.endsWith("_total") ? name.substring(0, name.length() - 6) : null;
        if (shortName != null && !shortName.isEmpty() && !byName.containsKey(shortName)) {
          name = shortName;
        } else {
          type = MetricType.UNKNOWN;
        }
      }
      sb.append("# TYPE ").append(name).append(' ').append(type.text()).append('\n');
      if (f.unit() != null) {
        sb.append("# UNIT ").append(name).append(' ').append(f.unit()).append('\n');
      }
      if (f.help() != null) {
        sb.append("# HELP ").append(name).append(' ').append(escapeHelp(f.help())).append('\n');
      }
      // a point's samples together (0.0.4 does not require it), then its _created sample
      Map<List<Label>, List<Sample>> points = new LinkedHashMap<>();
      for (Sample s : f.samples()) {
        points.computeIfAbsent(MetricPoint.key(type, name, s), k -> new ArrayList<>()).add(s);
      }
      MetricFamily c = created.get(f.name());
      if (c != null) {
        for (Sample s : c.samples()) {
          points.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(s);
        }
      }
      for (List<Sample> point : points.values()) {
        for (Sample s : point) {
          openMetricsSample(sb, s);
        }
      }
    }
    sb.append("# EOF\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void openMetricsSample(StringBuilder sb, Sample s) {
    sample(sb, s);
    if (s.timestampSeconds() != null) {
      sb.append(' ').append(number(s.timestampSeconds()));
    }
    Exemplar e = s.exemplar();
    if (e != null) {
      sb.append(" # ");
      labels(sb, e.labels(), true);
      sb.append(' ').append(number(e.value()));
      if (e.timestampSeconds() != null) {
        sb.append(' ').append(number(e.timestampSeconds()));
      }
    }
    sb.append('\n');
  }

  private static boolean hasSampleNamed(MetricFamily f, String name) {
    for (Sample s : f.samples()) {
      if (s.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The families as Prometheus text format 0.0.4. */
  public static byte[] prometheus(List<MetricFamily> families) {
    StringBuilder sb = new StringBuilder();
    for (MetricFamily f : families) {
      // the 0.0.4 families this family becomes: name -> type, in the order of first sample
      Map<String, String> types = new LinkedHashMap<>();
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      String n = f.name();
      if (f.samples().isEmpty()) {
        types.put(n, textType(f.type()));
        samples.put(n, List.of());
      }
      for (Sample s : f.samples()) {
        String name = s.name();
        String family;
        String type;
        switch (f.type()) {
          case COUNTER -> {
            boolean created = name.equals(n + "_created") || (n.endsWith("_total")
                && name.equals(n.substring(0, n.length() - 6) + "_created"));
            family = name;
            type = created ? "gauge" : "counter";
          }
          case HISTOGRAM, SUMMARY -> {
            boolean created = name.equals(n + "_created");
            family = created ? name : n;
            type = created ? "gauge" : f.type().text();
          }
          case GAUGEHISTOGRAM -> {
            boolean bucket = name.equals(n + "_bucket");
            family = bucket ? n : name;
            type = bucket ? "histogram" : "gauge";
          }
          case INFO, STATESET, GAUGE -> {
            family = name;
            type = "gauge";
          }
          default -> {
            family = name;
            type = "untyped";
          }
        }
        types.putIfAbsent(family, type);
        samples.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
      }
      for (Map.Entry<String, String> t : types.entrySet()) {
        String name = t.getKey();
        if (f.help() != null) {
          sb.append("# HELP ").append(name).append(' ').append(escapeHelp(f.help())).append('\n');
        }
        sb.append("# TYPE ").append(name).append(' ').append(t.getValue()).append('\n');
        for (Sample s : samples.get(name)) {
          sample(sb, s);
          if (s.timestampSeconds() != null) {
            sb.append(' ').append(millis(s.timestampSeconds()));
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String textType(MetricType type) {
    return switch (type) {
      case COUNTER, GAUGE, HISTOGRAM, SUMMARY -> type.text();
      case INFO, STATESET -> "gauge";
      case GAUGEHISTOGRAM -> "histogram";
      default -> "untyped";
    };
  }

  private static boolean allSamplesNamed(MetricFamily f, String name) {
    for (Sample s : f.samples()) {
      if (!s.name().equals(name)) {
        return false;
      }
    }
    return true;
  }

  private static void sample(StringBuilder sb, Sample s) {
    sb.append(s.name());
    if (!s.labels().isEmpty()) {
      labels(sb, s.labels(), false);
    }
    sb.append(' ').append(number(s.value()));
  }

  private static void labels(StringBuilder sb, List<Label> labels, boolean always) {
    if (labels.isEmpty() && !always) {
      return;
    }
    sb.append('{');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      Label l = labels.get(i);
      sb.append(l.name()).append("=\"");
      String v = l.value();
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    sb.append('}');
  }

  private static String escapeHelp(String help) {
    StringBuilder sb = new StringBuilder(help.length());
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A number as both formats read it: NaN, +Inf, -Inf, integers plainly, else shortest round trip. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean negativeZero = Double.doubleToRawLongBits(v) == NEGATIVE_ZERO;
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero) {
      return Long.toString((long) v);
    }
    return Double.toString(v).toLowerCase(Locale.ROOT); // -0.0 keeps its sign
  }

  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  /**
   * Seconds as the 0.0.4 format's integer milliseconds: the decimal the double prints as, moved
   * three places (so a value the parser read as {@code ms / 1000.0} is written back as the same
   * {@code ms}; {@code Math.round(seconds * 1000)} is off by one for large values), rounded half
   * to even when it has finer digits.
   */
  private static long millis(double seconds) {
    try {
      return new java.math.BigDecimal(Double.toString(seconds))
          .movePointRight(3)
          .setScale(0, java.math.RoundingMode.HALF_EVEN)
          .longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("timestamp " + seconds
          + " s does not fit the 0.0.4 format's 64-bit milliseconds", e);
    }
  }
}
