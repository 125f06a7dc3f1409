package dev.sluice.payloads.prometheus.internal;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGeneratorFactory;
import dev.sluice.payloads.prometheus.ExpositionWriter;
import dev.sluice.payloads.prometheus.Label;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.MetricType;
import dev.sluice.payloads.prometheus.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The {@code prometheus} generator: successive scrapes of a service with counters (monotonic
 * across scrapes), gauges, histograms (cumulative buckets, count equal to the +Inf bucket, sum
 * consistent with the observations) and summaries (ordered quantiles), as OpenMetrics
 * ({@code format=openmetrics}, the default) or text 0.0.4 ({@code format=prometheus}). The number
 * of label sets ({@code series}) follows the size target unless given.
 */
public final class PrometheusGeneratorFactory implements PayloadGeneratorFactory {
  private static final Set<String> OPTIONS = Set.of("format", "series");
  private static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  private static final String[] METHODS = {"get", "post", "put", "delete"};

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public String description() {
    return "scrapes with consistent counters, gauges, histograms and summaries";
  }

  @Override
  public PayloadGenerator create(GeneratorSpec spec) {
    for (String key : spec.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "prometheus generator: unknown option '" + key + "'; known: " + new TreeSet<>(OPTIONS));
      }
    }
    String format = spec.option("format", "openmetrics");
    if (!format.equals("openmetrics") && !format.equals("prometheus")) {
      throw new IllegalArgumentException(
          "prometheus generator: option 'format' must be 'openmetrics' or 'prometheus', was '"
              + format + "'");
    }
    int series;
    try {
      series = Integer.parseInt(spec.option("series", "0"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("prometheus generator: option 'series' must be an integer");
    }
    if (series < 0 || series > 100_000) {
      throw new IllegalArgumentException("prometheus generator: option 'series' must be 0..100000");
    }
    if (series == 0) {
      Scraper probe = new Scraper(spec.seed(), 1, format.equals("openmetrics"));
      int perSeries = probe.next().length;
      series = Math.max(1, spec.sizeTargetBytes() / Math.max(1, perSeries));
    }
    return new Scraper(spec.seed(), series, format.equals("openmetrics"));
  }

  private static final class Scraper implements PayloadGenerator {
    private final SplittableRandom random;
    private final int series;
    private final boolean openMetrics;
    private final long[] requests;
    private final long[][] bucketCounts;
    private final double[] durationSum;
    private final double[] temperature;
    private double time = 1_700_000_000;

    Scraper(long seed, int series, boolean openMetrics) {
      this.random = new SplittableRandom(seed);
      this.series = series;
      this.openMetrics = openMetrics;
      this.requests = new long[series];
      this.bucketCounts = new long[series][BOUNDS.length + 1];
      this.durationSum = new double[series];
      this.temperature = new double[series];
      for (int i = 0; i < series; i++) {
        temperature[i] = 40 + random.nextDouble() * 20;
      }
    }

    @Override
    public String format() {
      return openMetrics ? "openmetrics" : "prometheus";
    }

    private static List<Label> labels(int i, String... extra) {
      List<Label> l = new ArrayList<>();
      l.add(new Label("instance", "node-" + (i / METHODS.length)));
      l.add(new Label("method", METHODS[i % METHODS.length]));
      for (int k = 0; k + 1 < extra.length; k += 2) {
        l.add(new Label(extra[k], extra[k + 1]));
      }
      return l;
    }

    @Override
    public byte[] next() {
      time += 15;
      List<Sample> counter = new ArrayList<>();
      List<Sample> gauge = new ArrayList<>();
      List<Sample> histogram = new ArrayList<>();
      List<Sample> summary = new ArrayList<>();
      for (int i = 0; i < series; i++) {
        int n = 1 + random.nextInt(50);
        requests[i] += n;
        double[] observed = new double[n];
        for (int k = 0; k < n; k++) {
          double d = Math.exp(random.nextGaussian() * 1.2 - 3); // log-normal latencies
          observed[k] = d;
          durationSum[i] += d;
          int b = 0;
          while (b < BOUNDS.length && d > BOUNDS[b]) {
            b++;
          }
          bucketCounts[i][b]++;
        }
        temperature[i] += random.nextDouble(-0.5, 0.5);
        counter.add(new Sample("http_requests_total", labels(i), requests[i], null, null));
        gauge.add(new Sample("node_temperature_celsius", labels(i),
            Math.round(temperature[i] * 100) / 100.0, null, null));
        long cumulative = 0;
        for (int b = 0; b <= BOUNDS.length; b++) {
          cumulative += bucketCounts[i][b];
          String le = b < BOUNDS.length ? ExpositionWriterNumbers.of(BOUNDS[b]) : "+Inf";
          histogram.add(new Sample("http_request_duration_seconds_bucket", labels(i, "le", le),
              cumulative, null, null));
        }
        histogram.add(new Sample("http_request_duration_seconds_count", labels(i), cumulative,
            null, null));
        histogram.add(new Sample("http_request_duration_seconds_sum", labels(i),
            Math.round(durationSum[i] * 1e6) / 1e6, null, null));
        java.util.Arrays.sort(observed);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
          double v = observed[Math.min(observed.length - 1, (int) (q * observed.length))];
          summary.add(new Sample("rpc_duration_seconds", labels(i, "quantile", Double.toString(q)),
              Math.round(v * 1e6) / 1e6, null, null));
        }
        summary.add(new Sample("rpc_duration_seconds_count", labels(i), n, null, null));
        double sum = 0;
        for (double v : observed) {
          sum += v;
        }
        summary.add(new Sample("rpc_duration_seconds_sum", labels(i), Math.round(sum * 1e6) / 1e6,
            null, null));
      }
      List<MetricFamily> families = List.of(
          new MetricFamily(openMetrics ? "http_requests" : "http_requests_total",
              MetricType.COUNTER, "Requests served.", null, counter),
          new MetricFamily("node_temperature_celsius", MetricType.GAUGE, "Temperature.", null,
              gauge),
          new MetricFamily("http_request_duration_seconds", MetricType.HISTOGRAM,
              "Request latency.", null, histogram),
          new MetricFamily("rpc_duration_seconds", MetricType.SUMMARY,
              "RPC latency (this scrape).", null, summary));
      return openMetrics ? ExpositionWriter.openMetrics(families)
          : ExpositionWriter.prometheus(families);
    }
  }

  /** Bucket bounds as plain decimals. */
  private static final class ExpositionWriterNumbers {
    static String of(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }
}
