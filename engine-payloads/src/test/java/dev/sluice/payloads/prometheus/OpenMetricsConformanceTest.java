package dev.sluice.payloads.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.ConformanceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The OpenMetrics parser conformance suite (test resources {@code conformance/openmetrics}):
 * every case is accepted or rejected exactly as its test.json says.
 */
class OpenMetricsConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path suite() {
    return ConformanceData.root().resolve("openmetrics/tests/testdata/parsers");
  }

  @TestFactory
  Stream<DynamicTest> everyCaseOfTheSuite() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(suite())) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).hasSize(211);
    List<DynamicTest> tests = new ArrayList<>();
    OpenMetricsParser parser = new OpenMetricsParser();
    for (Path dir : cases) {
      tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
        JsonNode spec = JSON.readTree(dir.resolve("test.json").toFile());
        byte[] input = Files.readAllBytes(dir.resolve(spec.get("file").asText()));
        if (spec.get("shouldParse").asBoolean()) {
          assertThat(parser.parse(input)).isNotNull();
        } else {
          assertThatThrownBy(() -> parser.parse(input))
              .isInstanceOf(PayloadFormatException.class);
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void theModelCarriesWhatTheDocumentSays() throws IOException {
    List<MetricFamily> fams = new OpenMetricsParser().parse(
        Files.readAllBytes(suite().resolve("simple_histogram/metrics")));
    assertThat(fams).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo(MetricType.HISTOGRAM);
      assertThat(f.help()).isEqualTo("help");
      assertThat(f.samples()).extracting(Sample::name)
          .containsExactly("a_bucket", "a_bucket", "a_count", "a_sum");
      assertThat(f.samples().get(1).label("le")).isEqualTo("+Inf");
      assertThat(f.samples().get(3).value()).isEqualTo(2.0);
    });
    List<MetricFamily> esc = new OpenMetricsParser().parse(
        Files.readAllBytes(suite().resolve("escaping/metrics")));
    // HELP he\n\\l\tp: \n is a newline, \\ a backslash, \t stays as written
    assertThat(esc.get(0).help()).isEqualTo("he\n\\l\\tp");
    assertThat(esc.get(0).samples().get(0).label("foo")).isEqualTo("b\"a\nr");
    assertThat(esc.get(0).samples().get(1).label("foo")).isEqualTo("b\\a\\z");
  }

  @Test
  void errorsNameLineAndColumn() {
    OpenMetricsParser parser = new OpenMetricsParser();
    assertThatThrownBy(() -> parser.parse("# TYPE a counter\na_total -1\n# EOF\n".getBytes()))
        .isInstanceOf(PayloadFormatException.class)
        .hasMessageStartingWith("openmetrics: line 2, column")
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> parser.parse("a{b=\"1\",,c=\"2\"} 1\n# EOF\n".getBytes()))
        .hasMessage("openmetrics: line 1, column 9: expected a label name");
  }
}
