package dev.sluice.payloads.prometheus;

import dev.sluice.testsupport.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * Random valid exposition documents for property tests: OpenMetrics documents with families of
 * all eight types (with {@code _created} samples, exemplars, timestamps, escapes in label values
 * and help), and 0.0.4 documents with counters (named with and without {@code _total}), gauges,
 * histograms, summaries and untyped families.
 */
final class ExpositionDocuments {
  private ExpositionDocuments() {}

  /** A document and the parser it is meant for; prints its text. */
  record Document(boolean openMetrics, String text) {
    @Override
    public String toString() {
      return (openMetrics ? "openmetrics" : "prometheus") + ":\n" + text;
    }
  }

  private static final String[] WORDS = {"alpha", "io", "rx_bytes", "queue", "temp", "x"};
  private static final String[] BOUNDS = {"0.005", "0.01", "0.1", "0.5", "1", "2.5", "10", "1e3"};
  private static final String[] NEGATIVE_BOUNDS = {"-100", "-1", "-0.5"};
  private static final String[] QUANTILES = {"0", "0.25", "0.5", "0.9", "0.99", "1"};
  private static final String VALUE_CHARS = "ab z_-\"\\\n\u00e9{},=#";

  static Document openMetrics(Generator g) {
    return new Document(true, new String(ExpositionWriter.openMetrics(families(g, true)),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  static Document prometheus(Generator g) {
    return new Document(false, new String(ExpositionWriter.prometheus(families(g, false)),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private static List<MetricFamily> families(Generator g, boolean om) {
    int n = g.intBetween(1, 6);
    List<MetricFamily> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "f" + i + "_" + g.pick(WORDS);
      MetricType type = om
          ? g.pick(MetricType.values())
          : g.pick(MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM,
              MetricType.SUMMARY, MetricType.UNKNOWN);
      String help = g.orNull(0.3, x -> x.stringOf("Help text \\\n\u00e9.", 0, 12));
      boolean timestamps = g.chance(0.3);
      boolean created = om && g.chance(0.4);
      if (!om && type == MetricType.COUNTER && g.chance(0.8)) {
        name += "_total";
      }
      int points = g.intBetween(type == MetricType.GAUGE || type == MetricType.UNKNOWN ? 0 : 1, 3);
      long baseMillis = 1_700_000_000_000L + g.longBetween(0, 1_000_000);
      List<Sample> samples = new ArrayList<>();
      for (int p = 0; p < points; p++) {
        List<Label> labels = new ArrayList<>();
        labels.add(new Label("i", Integer.toString(p)));
        if (g.bool()) {
          labels.add(new Label("v", g.stringOf(VALUE_CHARS, 0, 6)));
        }
        Double ts = timestamps ? (baseMillis + p) / 1000.0 : null;
        switch (type) {
          case COUNTER -> {
            Exemplar e = om && g.chance(0.3)
                ? new Exemplar(List.of(new Label("trace_id", g.stringOf("0123abc", 1, 8))),
                    g.decimalBetween(0, 10, 3), null)
                : null;
            samples.add(new Sample(om ? name + "_total" : name, labels, count(g), ts, e));
            if (created) {
              samples.add(new Sample(name + "_created", labels, 1.7e9 + p, ts, null));
            }
          }
          case GAUGE, UNKNOWN -> samples.add(new Sample(name, labels, anyValue(g), ts, null));
          case HISTOGRAM, GAUGEHISTOGRAM -> {
            boolean gauge = type == MetricType.GAUGEHISTOGRAM;
            List<String> bounds = new ArrayList<>();
            boolean negative = gauge && g.chance(0.3);
            if (negative) {
              bounds.add(g.pick(NEGATIVE_BOUNDS));
            }
            for (String b : BOUNDS) {
              if (g.chance(0.4)) {
                bounds.add(b);
              }
            }
            bounds.add("+Inf");
            double cumulative = 0;
            for (String le : bounds) {
              cumulative += g.intBetween(0, 5);
              List<Label> l = new ArrayList<>(labels);
              l.add(new Label("le", le));
              samples.add(new Sample(name + "_bucket", l, cumulative, ts, null));
            }
            if (g.chance(0.8)) {
              samples.add(new Sample(name + (gauge ? "_gcount" : "_count"), labels, cumulative,
                  ts, null));
              double sum = g.decimalBetween(0, 100, 3);
              samples.add(new Sample(name + (gauge ? "_gsum" : "_sum"), labels,
                  negative && g.bool() ? -sum : sum, ts, null));
            }
            if (created && !gauge) {
              samples.add(new Sample(name + "_created", labels, 1.7e9, ts, null));
            }
          }
          case SUMMARY -> {
            double v = 0;
            for (String q : QUANTILES) {
              if (g.chance(0.5)) {
                List<Label> l = new ArrayList<>(labels);
                l.add(new Label("quantile", q));
                v += g.decimalBetween(0, 3, 2);
                samples.add(new Sample(name, l, g.chance(0.1) ? Double.NaN : v, ts, null));
              }
            }
            if (g.chance(0.8)) {
              samples.add(new Sample(name + "_count", labels, count(g), ts, null));
              samples.add(new Sample(name + "_sum", labels, g.decimalBetween(0, 50, 3), ts, null));
            }
            if (created) {
              samples.add(new Sample(name + "_created", labels, 1.7e9, ts, null));
            }
          }
          case INFO -> samples.add(new Sample(name + "_info", labels, 1, ts, null));
          case STATESET -> {
            for (String state : new String[] {"on", "off"}) {
              List<Label> l = new ArrayList<>(labels);
              l.add(new Label(name, state));
              samples.add(new Sample(name, l, g.intBetween(0, 1), ts, null));
            }
          }
          default -> throw new IllegalStateException(type.name());
        }
      }
      out.add(new MetricFamily(name, type, help, null, samples));
    }
    return out;
  }

  private static double count(Generator g) {
    return g.bool() ? g.intBetween(0, 1_000_000) : g.decimalBetween(0, 1e6, 3);
  }

  private static double anyValue(Generator g) {
    return switch (g.intBetween(0, 9)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      case 2 -> Double.NEGATIVE_INFINITY;
      case 3 -> g.anyDouble();
      default -> g.decimalBetween(-1e6, 1e6, 3);
    };
  }
}
