package dev.sluice.payloads.prometheus.internal;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import dev.sluice.payloads.prometheus.Exemplar;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strict OpenMetrics 1.0 text parser: syntax, and the semantic rules (metadata placement,
 * grouping, type-specific sample names, labels and values, histogram and summary consistency,
 * exemplars, timestamps, units, {@code # EOF}).
 */
public final class OpenMetricsReader {
  private static final String FORMAT = "openmetrics";
  private static final int MAX_EXEMPLAR_LABEL_CHARS = 128;

  private final PayloadLimits limits;

  /** A reader enforcing {@code limits}. */
  public OpenMetricsReader(PayloadLimits limits) {
    this.limits = limits;
  }

  /** Parses a whole exposition. */
  public List<MetricFamily> read(byte[] input) {
    String text = Utf8Text.decode(FORMAT, input, limits);
    State state = new State();
    TextCursor c = new TextCursor(FORMAT, text, 0, limits.maxLabelNameLength(),
        limits.maxStringLength());
    int lineNumber = 0;
    int start = 0;
    boolean eof = false;
    while (start < text.length() || !eof) {
      if (start >= text.length()) {
        throw new PayloadFormatException(FORMAT, "line " + (lineNumber + 1), "missing '# EOF'");
      }
      int end = text.indexOf('\n', start);
      lineNumber++;
      int lineEnd = end < 0 ? text.length() : end;
      if (lineEnd - start == 5 && text.startsWith("# EOF", start)) {
        if (end >= 0 && end + 1 < text.length()) {
          throw new PayloadFormatException(FORMAT, "line " + (lineNumber + 1),
              "text after '# EOF'");
        }
        eof = true;
        break;
      }
      if (end < 0) {
        throw new PayloadFormatException(FORMAT, "line " + lineNumber,
            "the last line must be '# EOF'");
      }
      if (state.samples >= limits.maxRecords()) {
        throw new PayloadFormatException(FORMAT, "line " + lineNumber,
            "more than " + limits.maxRecords() + " lines");
      }
      c.moveTo(start, lineEnd, lineNumber);
      if (lineEnd == start) {
        throw c.error("blank line");
      }
      if (text.charAt(start) == '#') {
        metadata(c, state);
      } else {
        sample(c, state);
      }
      start = end + 1;
    }
    return state.finish();
  }

  // ---- metadata ----

  private void metadata(TextCursor c, State s) {
    String kind;
    if (c.startsWith("# HELP ", c.lineStart)) {
      kind = "HELP";
    } else if (c.startsWith("# TYPE ", c.lineStart)) {
      kind = "TYPE";
    } else if (c.startsWith("# UNIT ", c.lineStart)) {
      kind = "UNIT";
    } else {
      throw c.error("a line starting with '#' must be '# HELP', '# TYPE', '# UNIT' or '# EOF'");
    }
    c.pos = c.lineStart + 7;
    String name = c.name(true, "metric name");
    c.expect(' ', "a space after the metric name");
    String rest = c.rest();
    Family f = s.familyForMetadata(c, name);
    switch (kind) {
      case "HELP" -> {
        if (f.help != null) {
          throw c.error("repeated HELP for '" + name + "'");
        }
        f.help = unescapeHelp(rest);
      }
      case "UNIT" -> {
        if (f.unit != null) {
          throw c.error("repeated UNIT for '" + name + "'");
        }
        f.unit = rest;
      }
      default -> {
        if (f.typeDeclared) {
          throw c.error("repeated TYPE for '" + name + "'");
        }
        MetricType t = null;
        for (MetricType m : MetricType.values()) {
          if (m.text().equals(rest)) {
            t = m;
          }
        }
        if (t == null) {
          throw c.error("unknown type '" + rest + "'; one of counter, gauge, histogram, "
              + "gaugehistogram, summary, info, stateset, unknown");
        }
        f.type = t;
        f.typeDeclared = true;
        s.reserve(c, f);
      }
    }
  }

  static String unescapeHelp(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char e = s.charAt(i + 1);
        if (e == '\\') {
          sb.append('\\');
          i++;
          continue;
        }
        if (e == 'n') {
          sb.append('\n');
          i++;
          continue;
        }
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  // ---- samples ----

  private void sample(TextCursor c, State s) {
    String name = c.name(true, "metric name");
    List<Label> labels = c.atEnd() || c.peek() != '{' ? List.of() : c.labels();
    c.expect(' ', "a space before the value");
    double value = number(c, false, "", " is not a number");
    Double timestamp = null;
    Exemplar exemplar = null;
    if (!c.atEnd()) {
      c.expect(' ', "a space");
      if (c.startsWith("# ", c.pos)) {
        exemplar = exemplar(c);
      } else {
        timestamp = number(c, true, "", " is not a timestamp");
        if (!c.atEnd()) {
          c.expect(' ', "a space");
          if (!c.startsWith("# ", c.pos)) {
            throw c.error("unexpected text after the timestamp");
          }
          exemplar = exemplar(c);
        }
      }
    }
    s.add(c, new Sample(name, labels, value, timestamp, exemplar));
  }

  private Exemplar exemplar(TextCursor c) {
    c.expect('#', "'#'");
    c.expect(' ', "a space after '#'");
    if (c.atEnd() || c.peek() != '{') {
      throw c.error("an exemplar starts with '{'");
    }
    List<Label> labels = c.labels();
    int chars = 0;
    for (Label l : labels) {
      chars += l.name().codePointCount(0, l.name().length());
      chars += l.value().codePointCount(0, l.value().length());
    }
    if (chars > MAX_EXEMPLAR_LABEL_CHARS) {
      throw c.error("exemplar labels are " + chars + " characters long; at most "
          + MAX_EXEMPLAR_LABEL_CHARS);
    }
    c.expect(' ', "a space before the exemplar value");
    double value = number(c, false, "exemplar value ", " is not a number");
    Double ts = null;
    if (!c.atEnd()) {
      c.expect(' ', "a space");
      ts = number(c, true, "exemplar timestamp ", " is not a number");
      if (!c.atEnd()) {
        throw c.error("unexpected text after the exemplar");
      }
    }
    return new Exemplar(labels, value, ts);
  }

  /**
   * The number token at the cursor: a value ({@code NaN} and {@code ±Inf} allowed) or, for a
   * timestamp, a plain decimal. A malformed token is reported at its start as {@code prefix +
   * 'token' + suffix}.
   */
  private static double number(TextCursor c, boolean timestamp, String prefix, String suffix) {
    int at = c.pos;
    String text = c.token();
    Double v =
        timestamp
            ? (Numbers.decimal(text) ? Double.valueOf(Numbers.toDouble(text)) : null)
            : Numbers.value(text, false);
    if (v == null) {
      c.pos = at;
      throw c.error(prefix + "'" + text + "'" + suffix);
    }
    return v;
  }

  // ---- families and their rules ----

  /** One family being read. */
  private static final class Family {
    final String name;
    MetricType type = MetricType.UNKNOWN;
    boolean typeDeclared;
    String help;
    String unit;
    final int line;
    final List<Sample> samples = new ArrayList<>();
    final Map<List<Label>, MetricPoint> points = new HashMap<>();
    List<Label> currentPoint;
    /** Per series (name and labels): its last timestamp, or {@link #NO_TIMESTAMP}. */
    final Map<SeriesKey, Double> lastTimestamp = new HashMap<>();

    Family(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }

  private final class State {
    final List<Family> families = new ArrayList<>();
    final Map<String, Family> byName = new HashMap<>();
    final Set<String> reservedSampleNames = new HashSet<>();
    Family current;
    int samples;

    Family familyForMetadata(TextCursor c, String name) {
      if (current != null && current.name.equals(name)) {
        if (!current.samples.isEmpty()) {
          throw c.error("metadata for '" + name + "' must come before its samples");
        }
        return current;
      }
      return start(c, name);
    }

    Family start(TextCursor c, String name) {
      if (byName.containsKey(name)) {
        throw c.error("metric family '" + name + "' appears twice; a family's lines must be "
            + "together");
      }
      if (reservedSampleNames.contains(name)) {
        throw c.error("metric family '" + name + "' clashes with a sample name of another family");
      }
      Family f = new Family(name, c.lineNumber);
      families.add(f);
      byName.put(name, f);
      current = f;
      reserve(c, f);
      return f;
    }

    /** Reserves the family's possible sample names; a clash with another family is an error. */
    void reserve(TextCursor c, Family f) {
      for (String suffix : f.type.suffixes()) {
        String sampleName = f.name + suffix;
        if (!suffix.isEmpty() && byName.containsKey(sampleName) && byName.get(sampleName) != f) {
          throw c.error("samples of '" + f.name + "' would be named '" + sampleName
              + "', which is another family");
        }
        reservedSampleNames.add(sampleName);
      }
    }

    void add(TextCursor c, Sample sample) {
      samples++;
      Family f = current;
      String suffix = f == null ? null : suffixOf(f, sample.name());
      if (suffix == null) {
        f = start(c, sample.name());
        suffix = "";
      }
      if (!f.type.suffixes().contains(suffix)) {
        throw c.error("'" + sample.name() + "' is not a sample name of " + f.type.text()
            + " '" + f.name + "'");
      }
      checkSample(c, f, suffix, sample);
      f.samples.add(sample);
    }

    private String suffixOf(Family f, String sampleName) {
      if (!sampleName.startsWith(f.name)) {
        return null;
      }
      int rest = sampleName.length() - f.name.length();
      for (String suffix : f.type.suffixes()) {
        if (suffix.length() == rest && sampleName.endsWith(suffix)) {
          return suffix;
        }
      }
      return null;
    }

    List<MetricFamily> finish() {
      List<MetricFamily> out = new ArrayList<>(families.size());
      for (Family f : families) {
        finishFamily(f);
        out.add(new MetricFamily(f.name, f.type, f.help, f.unit, f.samples));
      }
      return out;
    }
  }

  /** Marks a series seen without a timestamp in {@code Family.lastTimestamp}. */
  private static final Double NO_TIMESTAMP = Double.valueOf(Double.NaN);

  /** A series: sample name and all its labels. */
  private record SeriesKey(String name, List<Label> labels) {}

  private static void checkSample(TextCursor c, Family f, String suffix, Sample s) {
    // grouping: a metric point's samples are together
    List<Label> key = MetricPoint.key(f.type, f.name, s);
    MetricPoint p = f.points.get(key);
    if (p == null) {
      p = new MetricPoint(c.lineNumber);
      f.points.put(key, p);
    } else if (!key.equals(f.currentPoint)) {
      throw c.error("samples of one metric point of '" + f.name + "' are not together");
    }
    f.currentPoint = key;
    // timestamps: all or none per series, never decreasing
    Double ts = s.timestampSeconds();
    Double previous =
        f.lastTimestamp.put(new SeriesKey(s.name(), s.labels()), ts == null ? NO_TIMESTAMP : ts);
    boolean seenWithout = previous == NO_TIMESTAMP;
    Double last = seenWithout ? null : previous;
    if (ts == null) {
      if (previous != null) {
        throw c.error("'" + s.name() + "' repeats a series "
            + (last != null ? "that had timestamps, without one" : "without timestamps"));
      }
    } else {
      if (seenWithout) {
        throw c.error("'" + s.name() + "' mixes samples with and without timestamps");
      }
      if (last != null && ts < last) {
        throw c.error("timestamp goes backwards for '" + s.name() + "'");
      }
    }
    double v = s.value();
    if (s.exemplar() != null) {
      boolean allowed =
          (f.type == MetricType.COUNTER && suffix.equals("_total"))
              || ((f.type == MetricType.HISTOGRAM || f.type == MetricType.GAUGEHISTOGRAM)
                  && suffix.equals("_bucket"));
      if (!allowed) {
        throw c.error("exemplars are not allowed on '" + s.name() + "' (" + f.type.text() + ")");
      }
    }
    switch (f.type) {
      case COUNTER -> {
        if (suffix.equals("_total")) {
          nonNegative(c, s, v);
        } else if (Double.isNaN(v)) {
          throw c.error("'" + s.name() + "' must not be NaN");
        }
      }
      case HISTOGRAM, GAUGEHISTOGRAM -> {
        boolean gauge = f.type == MetricType.GAUGEHISTOGRAM;
        switch (suffix) {
          case "_bucket" -> p.bucket(c, s);
          case "_count", "_gcount" -> {
            nonNegative(c, s, v);
            p.count = v;
          }
          case "_sum", "_gsum" -> {
            if (Double.isNaN(v)) {
              throw c.error("'" + s.name() + "' must not be NaN");
            }
            if (v < 0 && !gauge) {
              throw c.error("'" + s.name() + "' must not be negative");
            }
            p.sum = v;
          }
          default -> {
            // _created
          }
        }
      }
      case SUMMARY -> {
        if (suffix.isEmpty()) {
          p.quantile(c, s, false);
        } else if (suffix.equals("_count") || suffix.equals("_sum")) {
          nonNegative(c, s, v);
        }
      }
      case INFO -> {
        if (v != 1.0) {
          throw c.error("info values must be 1");
        }
      }
      case STATESET -> {
        if (s.label(f.name) == null) {
          throw c.error("stateset '" + f.name + "' samples need a label named '" + f.name + "'");
        }
        if (v != 0.0 && v != 1.0) {
          throw c.error("stateset values must be 0 or 1");
        }
      }
      default -> {
        // gauge and unknown: any value
      }
    }
  }

  private static void nonNegative(TextCursor c, Sample s, double v) {
    MetricPoint.nonNegative(c, s, v);
  }

  private static void finishFamily(Family f) {
    String where = "line " + f.line;
    if (f.unit != null && !f.unit.isEmpty()) {
      if (f.type == MetricType.INFO || f.type == MetricType.STATESET) {
        throw new PayloadFormatException(FORMAT, where, f.type.text() + " '" + f.name
            + "' cannot have a unit");
      }
      if (!f.name.endsWith("_" + f.unit)) {
        throw new PayloadFormatException(FORMAT, where, "the name '" + f.name
            + "' must end with the unit '_" + f.unit + "'");
      }
    }
    if (f.type != MetricType.HISTOGRAM && f.type != MetricType.GAUGEHISTOGRAM) {
      return;
    }
    for (MetricPoint p : f.points.values()) {
      String at = "line " + p.firstLine;
      if (!p.checkBuckets(FORMAT, f.name)) {
        continue;
      }
      if ((p.count == null) != (p.sum == null)) {
        throw new PayloadFormatException(FORMAT, at, "'" + f.name
            + "' must have both a count and a sum, or neither");
      }
      p.checkCount(FORMAT, f.name);
      if (p.sum != null && p.negativeBucket && f.type == MetricType.HISTOGRAM) {
        throw new PayloadFormatException(FORMAT, at, "'" + f.name
            + "' has negative buckets, so it must not have a sum");
      }
      if (p.sum != null && p.sum < 0 && !p.negativeBucket) {
        throw new PayloadFormatException(FORMAT, at, "'" + f.name
            + "' has a negative sum without negative buckets");
      }
    }
  }
}
