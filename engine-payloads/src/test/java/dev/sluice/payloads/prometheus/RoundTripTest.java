package dev.sluice.payloads.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.ConformanceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RoundTripTest {
  private final OpenMetricsParser om = new OpenMetricsParser();
  private final PrometheusTextParser prom = new PrometheusTextParser();

  @TestFactory
  Stream<DynamicTest> everyValidSuiteDocumentRoundTrips() throws IOException {
    Path suite = ConformanceData.root().resolve("openmetrics/tests/testdata/parsers");
    ObjectMapper json = new ObjectMapper();
    List<Path> good;
    try (Stream<Path> dirs = Files.list(suite)) {
      good = dirs.filter(d -> {
        try {
          return json.readTree(d.resolve("test.json").toFile()).get("shouldParse").asBoolean();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).sorted().toList();
    }
    assertThat(good).hasSize(44);
    return good.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
      List<MetricFamily> once = om.parse(Files.readAllBytes(d.resolve("metrics")));
      byte[] written = ExpositionWriter.openMetrics(once);
      assertThat(om.parse(written)).as(new String(written, StandardCharsets.UTF_8)).isEqualTo(once);
    }));
  }

  private static final String SCRAPE = """
      # HELP http_requests_total The total number of HTTP requests.
      # TYPE http_requests_total counter
      http_requests_total{method="post",code="200"} 1027 1395066363000
      http_requests_total{method="post",code="400"}    3 1395066363000

      # Escaping in label values:
      msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
      # Minimalistic line:
      metric_without_timestamp_and_labels 12.47
      # A weird metric from before the epoch:
      something_weird{problem="division by zero"} +Inf -3982045
      # A histogram, which has a pretty complex representation in the text format:
      # HELP http_request_duration_seconds A histogram of the request duration.
      # TYPE http_request_duration_seconds histogram
      http_request_duration_seconds_bucket{le="0.05"} 24054
      http_request_duration_seconds_bucket{le="0.1"} 33444
      http_request_duration_seconds_bucket{le="+Inf"} 144320
      http_request_duration_seconds_sum 53423
      http_request_duration_seconds_count 144320
      # TYPE rpc_duration_seconds summary
      rpc_duration_seconds{quantile="0.01"} 3102
      rpc_duration_seconds{quantile="0.5"} 4773
      rpc_duration_seconds_sum 1.7560473e+07
      rpc_duration_seconds_count 2693
      """;

  @Test
  void readsATypicalScrapeAndRoundTripsIt() {
    List<MetricFamily> fams = prom.parse(SCRAPE.getBytes(StandardCharsets.UTF_8));
    assertThat(fams).extracting(MetricFamily::name).containsExactly(
        "http_requests_total", "msdos_file_access_time_seconds",
        "metric_without_timestamp_and_labels", "something_weird", "http_request_duration_seconds",
        "rpc_duration_seconds");
    MetricFamily counter = fams.get(0);
    assertThat(counter.type()).isEqualTo(MetricType.COUNTER);
    assertThat(counter.samples().get(0).timestampSeconds()).isEqualTo(1395066363.0);
    assertThat(fams.get(1).samples().get(0).label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(fams.get(1).samples().get(0).label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(fams.get(3).samples().get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(fams.get(4).samples()).hasSize(5);
    assertThat(fams.get(5).type()).isEqualTo(MetricType.SUMMARY);
    assertThat(prom.parse(ExpositionWriter.prometheus(fams))).isEqualTo(fams);
  }

  @Test
  void negativeZeroKeepsItsSign() {
    // found by fuzzing: -0 was written as "0" and read back as +0.0
    List<MetricFamily> fams = prom.parse("g -0\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Double.doubleToRawLongBits(fams.get(0).samples().get(0).value()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(ExpositionWriter.prometheus(fams)).asString().contains("g -0.0\n");
    assertThat(prom.parse(ExpositionWriter.prometheus(fams))).isEqualTo(fams);
    assertThat(ExpositionWriter.number(0.0)).isEqualTo("0");
  }

  @Test
  void prometheusErrorsNameLineAndColumn() {
    assertThatThrownBy(() -> prom.parse("ok 1\nbad{a=1} 2\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessage("prometheus: line 2, column 7: expected '\"' to open the label value");
    assertThatThrownBy(() -> prom.parse("x 1 soon\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("prometheus: line 1, column 5: 'soon' is not a timestamp in milliseconds");
    assertThatThrownBy(() -> prom.parse("# TYPE x meter\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("unknown type 'meter'");
  }
}
