package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} lines (counter,
 * gauge, histogram, summary, untyped), other comments and blank lines ignored, samples {@code
 * name{labels} value [timestampMillis]}. A family's samples are its name, or for histograms and
 * summaries its name with {@code _bucket}/{@code _sum}/{@code _count}.
 */
public final class PrometheusTextReader {
  private static final String FORMAT = "prometheus";
  private final PayloadLimits limits;

  /** A reader enforcing {@code limits}. */
  public PrometheusTextReader(PayloadLimits limits) {
    this.limits = limits;
  }

  /** One family under construction. */
  private static final class Family {
    final String name;
    MetricType type = MetricType.UNKNOWN;
    boolean typed;
    String help;
    final List<Sample> samples = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }
  }

  /** Parses a whole exposition. */
  public List<MetricFamily> read(byte[] input) {
    String text = Utf8Text.decode(FORMAT, input, limits);
    Map<String, Family> families = new LinkedHashMap<>();
    Map<String, Family> bySampleName = new LinkedHashMap<>();
    int lineNumber = 0;
    int lines = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (++lines > limits.maxRecords()) {
        throw new PayloadFormatException(FORMAT, "line " + lineNumber,
            "more than " + limits.maxRecords() + " lines");
      }
      TextCursor c = new TextCursor(FORMAT, line, lineNumber, limits.maxLabelNameLength(),
          limits.maxStringLength());
      String trimmed = line.stripLeading();
      c.pos = line.length() - trimmed.length();
      if (trimmed.startsWith("#")) {
        String[] parts = trimmed.split("[ \t]+", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String name = parts[2];
          c.pos = line.indexOf(name, c.pos);
          TextCursor nc = new TextCursor(FORMAT, name, lineNumber, limits.maxLabelNameLength(),
              limits.maxStringLength());
          nc.name(true, "metric name");
          if (!nc.atEnd()) {
            throw c.error("'" + name + "' is not a metric name");
          }
          Family f = families.computeIfAbsent(name, Family::new);
          String rest = parts.length == 4 ? parts[3] : "";
          if (parts[1].equals("HELP")) {
            if (f.help != null) {
              throw c.error("repeated HELP for '" + name + "'");
            }
            f.help = OpenMetricsReader.unescapeHelp(rest);
          } else {
            if (f.typed) {
              throw c.error("repeated TYPE for '" + name + "'");
            }
            if (!f.samples.isEmpty()) {
              throw c.error("TYPE for '" + name + "' after its samples");
            }
            f.type =
                switch (rest.strip()) {
                  case "counter" -> MetricType.COUNTER;
                  case "gauge" -> MetricType.GAUGE;
                  case "histogram" -> MetricType.HISTOGRAM;
                  case "summary" -> MetricType.SUMMARY;
                  case "untyped" -> MetricType.UNKNOWN;
                  default -> throw c.error("unknown type '" + rest.strip()
                      + "'; one of counter, gauge, histogram, summary, untyped");
                };
            f.typed = true;
            bySampleName.put(name, f);
            if (f.type == MetricType.HISTOGRAM || f.type == MetricType.SUMMARY) {
              bySampleName.put(name + "_sum", f);
              bySampleName.put(name + "_count", f);
              if (f.type == MetricType.HISTOGRAM) {
                bySampleName.put(name + "_bucket", f);
              }
            }
          }
        }
        continue;
      }
      String name = c.name(true, "metric name");
      List<Label> labels = !c.atEnd() && c.peek() == '{' ? c.labels() : List.of();
      if (c.atEnd() || (c.peek() != ' ' && c.peek() != '\t')) {
        throw c.error("expected a space before the value");
      }
      while (!c.atEnd() && (c.peek() == ' ' || c.peek() == '\t')) {
        c.pos++;
      }
      int at = c.pos;
      String valueText = token(c);
      Double value = Numbers.value(valueText, true);
      if (value == null) {
        c.pos = at;
        throw c.error("'" + valueText + "' is not a number");
      }
      Double ts = null;
      while (!c.atEnd() && (c.peek() == ' ' || c.peek() == '\t')) {
        c.pos++;
      }
      if (!c.atEnd()) {
        at = c.pos;
        String t = token(c);
        try {
          ts = Long.parseLong(t) / 1000.0;
        } catch (NumberFormatException e) {
          c.pos = at;
          throw c.error("'" + t + "' is not a timestamp in milliseconds");
        }
        while (!c.atEnd() && (c.peek() == ' ' || c.peek() == '\t')) {
          c.pos++;
        }
        if (!c.atEnd()) {
          throw c.error("unexpected text after the timestamp");
        }
      }
      Family f = bySampleName.get(name);
      if (f == null) {
        f = families.computeIfAbsent(name, Family::new);
        bySampleName.put(name, f);
      }
      f.samples.add(new Sample(name, labels, value, ts, null));
    }
    List<MetricFamily> out = new ArrayList<>(families.size());
    for (Family f : families.values()) {
      out.add(new MetricFamily(f.name, f.type, f.help, null, f.samples));
    }
    return out;
  }

  private static String token(TextCursor c) {
    int start = c.pos;
    while (!c.atEnd() && c.peek() != ' ' && c.peek() != '\t') {
      c.pos++;
    }
    return c.line.substring(start, c.pos);
  }
}
