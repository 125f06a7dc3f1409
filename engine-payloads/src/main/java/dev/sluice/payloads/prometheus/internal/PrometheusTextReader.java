package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} lines (counter,
 * gauge, histogram, summary, untyped), other comments and blank lines ignored, samples {@code
 * name{labels} value [timestampMillis]} with any number of blanks or tabs between tokens and an
 * optional trailing comma in the label set. A family's samples are its name, or for histograms
 * and summaries its name with {@code _bucket}/{@code _sum}/{@code _count}. Histogram and summary
 * points follow the format's rules ({@link MetricPoint}, shared with OpenMetrics); every line,
 * the last included, ends with a line feed unless {@code lenient}.
 */
public final class PrometheusTextReader {
  private static final String FORMAT = "prometheus";
  private final PayloadLimits limits;
  private final boolean lenient;

  /** A strict reader enforcing {@code limits}. */
  public PrometheusTextReader(PayloadLimits limits) {
    this(limits, false);
  }

  /**
   * A reader enforcing {@code limits}; {@code lenient} accepts a last line without a line feed,
   * which the format forbids.
   */
  public PrometheusTextReader(PayloadLimits limits, boolean lenient) {
    this.limits = limits;
    this.lenient = lenient;
  }

  /** One family under construction. */
  private static final class Family {
    final String name;
    MetricType type = MetricType.UNKNOWN;
    boolean typed;
    String help;
    final List<Sample> samples = new ArrayList<>();
    Map<List<Label>, MetricPoint> points;

    Family(String name) {
      this.name = name;
    }
  }

  /** Parses a whole exposition. */
  public List<MetricFamily> read(byte[] input) {
    String text = Utf8Text.decode(FORMAT, input, limits);
    Map<String, Family> families = new LinkedHashMap<>();
    Map<String, Family> bySampleName = new HashMap<>();
    TextCursor c = new TextCursor(FORMAT, text, 0, limits.maxLabelNameLength(),
        limits.maxStringLength());
    int lineNumber = 0;
    int lines = 0;
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      lineNumber++;
      int end = newline < 0 ? text.length() : newline;
      if (newline < 0 && !lenient) {
        c.moveTo(start, end, lineNumber);
        c.pos = end;
        throw c.error("the last line must end with a line feed (\\n)");
      }
      c.moveTo(start, end, lineNumber);
      start = newline < 0 ? text.length() : newline + 1;
      c.skipBlanks();
      if (c.atEnd()) {
        continue; // blank line
      }
      if (++lines > limits.maxRecords()) {
        throw new PayloadFormatException(FORMAT, "line " + lineNumber,
            "more than " + limits.maxRecords() + " lines");
      }
      if (c.peek() == '#') {
        comment(c, families, bySampleName);
      } else {
        sample(c, families, bySampleName);
      }
    }
    List<MetricFamily> out = new ArrayList<>(families.size());
    for (Family f : families.values()) {
      if (f.type == MetricType.HISTOGRAM && f.points != null) {
        for (MetricPoint p : f.points.values()) {
          if (p.checkBuckets(FORMAT, f.name)) {
            p.checkCount(FORMAT, f.name);
          }
        }
      }
      out.add(new MetricFamily(f.name, f.type, f.help, null, f.samples));
    }
    return out;
  }

  /** {@code # HELP name text}, {@code # TYPE name type}; any other comment is ignored. */
  private void comment(TextCursor c, Map<String, Family> families,
      Map<String, Family> bySampleName) {
    c.pos++;
    c.skipBlanks();
    String keyword = c.blankDelimitedToken();
    boolean help = keyword.equals("HELP");
    if (!help && !keyword.equals("TYPE")) {
      return;
    }
    if (!c.skipBlanks() || c.atEnd()) {
      return; // "# HELP" alone is a comment like any other
    }
    int at = c.pos;
    String name = c.blankDelimitedToken();
    c.pos = at;
    TextCursor nc = new TextCursor(FORMAT, name, c.lineNumber, limits.maxLabelNameLength(),
        limits.maxStringLength());
    nc.name(true, "metric name");
    if (!nc.atEnd()) {
      throw c.error("'" + name + "' is not a metric name");
    }
    c.pos += name.length();
    boolean separated = c.skipBlanks();
    String rest = c.rest();
    if (!rest.isEmpty() && !separated) {
      throw c.error("expected a blank after the metric name");
    }
    Family f = families.computeIfAbsent(name, Family::new);
    if (help) {
      if (f.help != null) {
        throw c.error("repeated HELP for '" + name + "'");
      }
      f.help = OpenMetricsReader.unescapeHelp(rest);
      return;
    }
    if (f.typed) {
      throw c.error("repeated TYPE for '" + name + "'");
    }
    if (!f.samples.isEmpty()) {
      throw c.error("TYPE for '" + name + "' after its samples");
    }
    String type = rest.strip();
    f.type =
        switch (type) {
          case "counter" -> MetricType.COUNTER;
          case "gauge" -> MetricType.GAUGE;
          case "histogram" -> MetricType.HISTOGRAM;
          case "summary" -> MetricType.SUMMARY;
          case "untyped" -> MetricType.UNKNOWN;
          default -> throw c.error("unknown type '" + type
              + "'; one of counter, gauge, histogram, summary, untyped");
        };
    f.typed = true;
    claim(c, bySampleName, name, f);
    if (f.type == MetricType.HISTOGRAM || f.type == MetricType.SUMMARY) {
      claim(c, bySampleName, name + "_sum", f);
      claim(c, bySampleName, name + "_count", f);
      if (f.type == MetricType.HISTOGRAM) {
        claim(c, bySampleName, name + "_bucket", f);
      }
    }
  }

  /** Makes samples named {@code sampleName} belong to {@code f}, unless another family has them. */
  private static void claim(TextCursor c, Map<String, Family> bySampleName, String sampleName,
      Family f) {
    Family other = bySampleName.get(sampleName);
    if (other != null && other != f && !other.samples.isEmpty()) {
      throw c.error("samples named '" + sampleName + "' of '" + f.name
          + "' already appeared as their own family");
    }
    bySampleName.put(sampleName, f);
  }

  /** {@code name [{labels}] value [timestamp]}, blanks and tabs between tokens. */
  private void sample(TextCursor c, Map<String, Family> families,
      Map<String, Family> bySampleName) {
    int nameAt = c.pos;
    String name = c.name(true, "metric name");
    boolean separated = c.skipBlanks();
    List<Label> labels = List.of();
    if (!c.atEnd() && c.peek() == '{') {
      labels = c.labels(true);
      separated = true; // a value may follow the closing brace directly
      c.skipBlanks();
    }
    if (c.atEnd()) {
      throw c.error("expected a value");
    }
    if (!separated) {
      throw c.error("expected a blank or '{' after the metric name");
    }
    int at = c.pos;
    String valueText = c.blankDelimitedToken();
    Double value = Numbers.value(valueText, true);
    if (value == null) {
      c.pos = at;
      throw c.error("'" + valueText + "' is not a number");
    }
    Double ts = null;
    c.skipBlanks();
    if (!c.atEnd()) {
      at = c.pos;
      String t = c.blankDelimitedToken();
      try {
        ts = Long.parseLong(t) / 1000.0;
      } catch (NumberFormatException e) {
        c.pos = at;
        throw c.error("'" + t + "' is not a timestamp in milliseconds");
      }
      c.skipBlanks();
      if (!c.atEnd()) {
        throw c.error("unexpected text after the timestamp");
      }
    }
    Family f = bySampleName.get(name);
    if (f == null) {
      f = families.get(name);
      if (f == null) {
        f = new Family(name);
        families.put(name, f);
      }
      bySampleName.put(name, f);
    }
    Sample sample = new Sample(name, labels, value, ts, null);
    c.pos = nameAt;
    check(c, f, sample);
    f.samples.add(sample);
  }

  /** The histogram and summary rules (shared with OpenMetrics through {@link MetricPoint}). */
  private static void check(TextCursor c, Family f, Sample s) {
    if (f.type != MetricType.HISTOGRAM && f.type != MetricType.SUMMARY) {
      return;
    }
    String suffix = s.name().substring(f.name.length());
    if (f.type == MetricType.HISTOGRAM && suffix.isEmpty()) {
      throw c.error("'" + s.name() + "' is not a sample name of histogram '" + f.name
          + "'; expected " + f.name + "_bucket, " + f.name + "_count or " + f.name + "_sum");
    }
    if (f.points == null) {
      f.points = new HashMap<>();
    }
    MetricPoint p =
        f.points.computeIfAbsent(MetricPoint.key(f.type, f.name, s),
            k -> new MetricPoint(c.lineNumber));
    switch (suffix) {
      case "_bucket" -> p.bucket(c, s);
      case "_count" -> {
        MetricPoint.nonNegative(c, s, s.value());
        if (p.count != null) {
          throw c.error("'" + s.name() + "' repeats the count of a point");
        }
        p.count = s.value();
      }
      case "_sum" -> {
        if (p.sum != null) {
          throw c.error("'" + s.name() + "' repeats the sum of a point");
        }
        p.sum = s.value();
      }
      default -> p.quantile(c, s, true);
    }
  }
}
