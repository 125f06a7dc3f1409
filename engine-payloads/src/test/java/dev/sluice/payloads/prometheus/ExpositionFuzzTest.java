package dev.sluice.payloads.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.util.List;

/**
 * Fuzzes both exposition parsers with the same input: each either returns families that survive
 * a write/parse round trip in its own format unchanged, or rejects the input with {@link PayloadFormatException};
 * any other exception or a hang is a finding. Runs for 20 s inside {@code mvn verify} (the
 * module's {@code fuzz} surefire execution sets {@code JAZZER_FUZZ=1}).
 */
class ExpositionFuzzTest {
  private static final PayloadLimits LIMITS = new PayloadLimits(4096, 64, 8, 256, 64);
  private static final OpenMetricsParser OM = new OpenMetricsParser(LIMITS);
  private static final PrometheusTextParser PROM = new PrometheusTextParser(LIMITS);

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "# TYPE ", "# HELP ", "# UNIT ", "# EOF", " counter", " histogram", " summary",
    " gaugehistogram", " stateset", " info", "_total", "_bucket", "_count", "_sum",
    "{le=\"+Inf\"}", "{quantile=\"0.5\"}", " # {a=\"b\"} 1", "NaN", "+Inf", "\\n", "\\\""
  })
  void parsesOrRejects(byte[] input) {
    try {
      List<MetricFamily> families = OM.parse(input);
      assertThat(new OpenMetricsParser().parse(ExpositionWriter.openMetrics(families)))
          .isEqualTo(families);
    } catch (PayloadFormatException e) {
      assertThat(e.format()).isEqualTo("openmetrics");
      assertThat(e.location()).isNotBlank();
    }
    try {
      List<MetricFamily> families = PROM.parse(input);
      List<MetricFamily> again = new PrometheusTextParser().parse(ExpositionWriter.prometheus(families));
      if (exactTimestamps(families)) {
        assertThat(again).isEqualTo(families);
      } else {
        // a timestamp beyond 2^53 ms (year 287,000) has no exact double in seconds: the model
        // keeps the nearest, so only the shape survives the round trip
        assertThat(again).hasSameSizeAs(families);
      }
    } catch (PayloadFormatException e) {
      assertThat(e.format()).isEqualTo("prometheus");
      assertThat(e.location()).isNotBlank();
    }
  }

  /** True if every sample's timestamp, in milliseconds, is within the doubles' exact integers. */
  private static boolean exactTimestamps(List<MetricFamily> families) {
    for (MetricFamily f : families) {
      for (Sample x : f.samples()) {
        if (x.timestampSeconds() != null && Math.abs(x.timestampSeconds()) * 1000 >= 0x1p53) {
          return false;
        }
      }
    }
    return true;
  }
}
