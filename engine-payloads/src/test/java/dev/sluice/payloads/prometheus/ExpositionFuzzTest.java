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
      assertThat(new PrometheusTextParser().parse(ExpositionWriter.prometheus(families)))
          .isEqualTo(families);
    } catch (PayloadFormatException e) {
      assertThat(e.format()).isEqualTo("prometheus");
      assertThat(e.location()).isNotBlank();
    }
  }
}
