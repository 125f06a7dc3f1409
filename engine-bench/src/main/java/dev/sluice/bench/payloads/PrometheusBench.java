package dev.sluice.bench.payloads;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.payloads.prometheus.MetricFamily;
import dev.sluice.payloads.prometheus.OpenMetricsParser;
import dev.sluice.payloads.prometheus.PrometheusTextParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse throughput of a realistic ~100 KB scrape (the {@code prometheus} generator) in both
 * formats; the {@code bytes} aux counter turns ops/s into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrometheusBench {
  byte[] openMetrics;
  byte[] text;
  final OpenMetricsParser om = new OpenMetricsParser();
  final PrometheusTextParser prom = new PrometheusTextParser();

  /** Bytes parsed per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    openMetrics = PayloadGenerators.require("prometheus")
        .create(new dev.sluice.core.payload.GeneratorSpec(1, 100_000, Map.of())).next();
    text = PayloadGenerators.require("prometheus")
        .create(new GeneratorSpec(1, 100_000, Map.of("format", "prometheus"))).next();
  }

  @Benchmark
  public List<MetricFamily> openMetricsParse(Bytes b) {
    b.bytes += openMetrics.length;
    return om.parse(openMetrics);
  }

  @Benchmark
  public List<MetricFamily> prometheusTextParse(Bytes b) {
    b.bytes += text.length;
    return prom.parse(text);
  }
}
