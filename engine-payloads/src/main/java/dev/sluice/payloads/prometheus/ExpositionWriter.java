package dev.sluice.payloads.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes metric families as OpenMetrics 1.0 text ({@link #openMetrics}) or Prometheus text
 * format 0.0.4 ({@link #prometheus}), escaping label values and help text, so that what {@link
 * OpenMetricsParser} / {@link PrometheusTextParser} read back equals what was written.
 *
 * <p>In 0.0.4, timestamps are written in milliseconds and the OpenMetrics-only types (info,
 * stateset, gauge histogram) as {@code untyped}; exemplars and units are OpenMetrics-only and are
 * left out. <b>Threading:</b> stateless and thread-safe.
 */
public final class ExpositionWriter {
  private ExpositionWriter() {}

  /** The families as an OpenMetrics document ending with {@code # EOF}. */
  public static byte[] openMetrics(List<MetricFamily> families) {
    StringBuilder sb = new StringBuilder();
    for (MetricFamily f : families) {
      sb.append("# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
      if (f.unit() != null) {
        sb.append("# UNIT ").append(f.name()).append(' ').append(f.unit()).append('\n');
      }
      if (f.help() != null) {
        sb.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
      }
      for (Sample s : f.samples()) {
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
    }
    sb.append("# EOF\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The families as Prometheus text format 0.0.4. */
  public static byte[] prometheus(List<MetricFamily> families) {
    StringBuilder sb = new StringBuilder();
    for (MetricFamily f : families) {
      if (f.help() != null) {
        sb.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
      }
      String type =
          switch (f.type()) {
            case COUNTER, GAUGE, HISTOGRAM, SUMMARY -> f.type().text();
            default -> "untyped";
          };
      sb.append("# TYPE ").append(f.name()).append(' ').append(type).append('\n');
      for (Sample s : f.samples()) {
        sample(sb, s);
        if (s.timestampSeconds() != null) {
          sb.append(' ').append(Math.round(s.timestampSeconds() * 1000));
        }
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
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
}
