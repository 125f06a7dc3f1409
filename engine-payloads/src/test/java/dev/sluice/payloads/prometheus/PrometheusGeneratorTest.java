package dev.sluice.payloads.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusGeneratorTest {

  private static PayloadGenerator generator(long seed, int size, Map<String, String> options) {
    return PayloadGenerators.require("prometheus").create(new GeneratorSpec(seed, size, options));
  }

  @Test
  void everyScrapePassesTheStrictParserAndCountersOnlyGrow() {
    OpenMetricsParser parser = new OpenMetricsParser();
    for (long seed = 0; seed < 30; seed++) {
      PayloadGenerator g = generator(seed, 4_000, Map.of());
      double previousTotal = -1;
      for (int scrape = 0; scrape < 5; scrape++) {
        List<MetricFamily> fams = parser.parse(g.next());
        assertThat(fams).extracting(MetricFamily::type).containsExactly(MetricType.COUNTER,
            MetricType.GAUGE, MetricType.HISTOGRAM, MetricType.SUMMARY);
        double total = fams.get(0).samples().stream().mapToDouble(Sample::value).sum();
        assertThat(total).isGreaterThan(previousTotal);
        previousTotal = total;
      }
    }
  }

  @Test
  void textFormatAndSizeTarget() {
    byte[] small = generator(1, 2_000, Map.of()).next();
    byte[] large = generator(1, 100_000, Map.of()).next();
    assertThat(large.length).isBetween(60_000, 140_000);
    assertThat(small.length).isLessThan(large.length);
    byte[] text = generator(1, 2_000, Map.of("format", "prometheus")).next();
    assertThat(new PrometheusTextParser().parse(text)).hasSize(4);
    assertThat(generator(5, 3_000, Map.of()).next()).isEqualTo(generator(5, 3_000, Map.of()).next());
    assertThatThrownBy(() -> generator(1, 100, Map.of("format", "xml")))
        .hasMessageContaining("option 'format'");
  }
}
