package dev.sluice.payloads.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.payloads.PayloadFormatException;
import dev.sluice.payloads.PayloadLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Prometheus text format 0.0.4 as its documentation states it: blanks and tabs between
 * tokens, trailing commas, values glued to the closing brace are accepted; histogram and summary
 * rules, and a missing final line feed, are rejected with line and column.
 */
class PrometheusTextSyntaxTest {
  private final PrometheusTextParser prom = new PrometheusTextParser();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Sample only(String doc) {
    List<MetricFamily> families = prom.parse(bytes(doc));
    assertThat(families).hasSize(1);
    assertThat(families.get(0).samples()).hasSize(1);
    return families.get(0).samples().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`name {a=\"1\"} 1`",
        "`m{a=\"1\", b=\"2\"} 1`",
        "`m{ a = \"1\" , b=\"2\" , } 1`",
        "`m{a=\"1\",} 1`",
        "`m{a=\"1\",b=\"2\"}\t1`",
        "`\t m\t{\ta=\"1\",\tb=\"2\"\t}\t 1 \t`",
        "`m{a=\"1\",b=\"2\"}1`",
      })
  void blanksTabsAndTrailingCommasAreAccepted(String line) {
    Sample s = only(line + "\n");
    assertThat(s.value()).isEqualTo(1.0);
    assertThat(s.label("a")).isEqualTo("1");
  }

  @Test
  void valuesMayFollowTheClosingBraceAndTimestampsAnyBlanks() {
    assertThat(only("m{a=\"1\"}-Inf\n").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    Sample s = only("m { } 2.5 \t 1700000000123  \n");
    assertThat(s.labels()).isEmpty();
    assertThat(s.value()).isEqualTo(2.5);
    assertThat(s.timestampSeconds()).isEqualTo(1700000000.123);
    assertThat(only("m{} NaN\n").value()).isNaN();
  }

  @Test
  void commentsAndMetadataAcceptBlanks() {
    List<MetricFamily> f =
        prom.parse(bytes("  #  HELP\tx  Some help.\n# TYPE\tx\t counter \n#other\n\nx 1\n"));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).help()).isEqualTo("Some help.");
    assertThat(f.get(0).type()).isEqualTo(MetricType.COUNTER);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // histograms: an le="+Inf" bucket, equal to _count
        "`# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 1\n` | line 2 | has no le=\"+Inf\" bucket",
        "`# TYPE h histogram\nh_count 1\nh_sum 1\n` | line 2 | has a count or sum but no buckets",
        "`# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n` | line 2 | count 3 differs from its +Inf bucket 2",
        // le and quantile values
        "`# TYPE h histogram\nh_bucket{le=\"fast\"} 1\n` | line 2, column 1 | le=\"fast\" is not a bucket bound",
        "`# TYPE h histogram\nh_bucket{le=\"0x10\"} 1\n` | line 2, column 1 | le=\"0x10\" is not a bucket bound",
        "`# TYPE h histogram\nh_bucket{le=\"Inf\"} 1\n` | line 2, column 1 | le=\"Inf\" is not a bucket bound",
        "`# TYPE s summary\ns{quantile=\"0x1p-1\"} 1\n` | line 2, column 1 | quantile=\"0x1p-1\" must be a decimal number from 0 to 1",
        "`# TYPE s summary\ns{quantile=\"median\"} 1\n` | line 2, column 1 | must be a decimal number from 0 to 1",
        "`# TYPE s summary\ns{quantile=\"1.5\"} 1\n` | line 2, column 1 | must be a decimal number from 0 to 1",
        "`# TYPE s summary\ns 1\n` | line 2, column 1 | needs a 'quantile' label",
        // order
        "`# TYPE h histogram\nh_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\n` | line 3, column 1 | bucket bounds must increase: le=\"1\" after 2",
        "`# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 1\n` | line 3, column 1 | bucket bounds must increase",
        "`# TYPE s summary\ns{quantile=\"0.9\"} 1\ns{quantile=\"0.5\"} 1\n` | line 3, column 1 | quantiles must increase: quantile=\"0.5\" after 0.9",
        // counts
        "`# TYPE h histogram\nh_bucket{le=\"+Inf\"} -1\n` | line 2, column 1 | 'h_bucket' must be a non-negative number, was -1.0",
        "`# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\n` | line 3, column 1 | bucket counts must not decrease: 2 after 3",
        "`# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count NaN\n` | line 3, column 1 | 'h_count' must be a non-negative number",
        "`# TYPE s summary\ns_count -2\n` | line 2, column 1 | 's_count' must be a non-negative number",
        "`# TYPE h histogram\n  h 1\n` | line 2, column 3 | 'h' is not a sample name of histogram 'h'",
        // syntax
        "`m{a=\"1\",,} 1\n` | line 1, column 9 | expected a label name",
        "`m{,} 1\n` | line 1, column 3 | expected a label name",
        "`m{a=\"1\" b=\"2\"} 1\n` | line 1, column 9 | expected ',' or '}' after a label",
        "`m1\n` | line 1, column 3 | expected a value",
        "`m-1 1\n` | line 1, column 2 | expected a blank or '{' after the metric name",
        "`m 1 2 3\n` | line 1, column 7 | unexpected text after the timestamp",
        "`m 0x1F\n` | line 1, column 3 | '0x1F' is not a number",
        // lines end with a line feed; a carriage return is not a blank (Prometheus' own parser agrees)
        "`m 1\r\n` | line 1, column 3 | is not a number",
        // the last line ends with a line feed
        "`m 1\nn 2` | line 2, column 4 | the last line must end with a line feed",
        "`m 1` | line 1, column 4 | the last line must end with a line feed",
      })
  void whatTheFormatForbidsIsRejected(String doc, String location, String reason) {
    assertThatThrownBy(() -> prom.parse(bytes(doc)))
        .isInstanceOf(PayloadFormatException.class)
        .satisfies(e -> {
          PayloadFormatException p = (PayloadFormatException) e;
          assertThat(p.format()).isEqualTo("prometheus");
          assertThat(p.location()).isEqualTo(location);
          assertThat(p.reason()).contains(reason);
        });
  }

  @Test
  void validHistogramsAndSummariesAreAccepted() {
    String doc = """
        # TYPE h histogram
        h_bucket{a="x",le="-1"} 0
        h_bucket{a="x",le="0.5"} 1
        h_bucket{a="x",le="1e3"} 2
        h_bucket{a="x",le="+Inf"} 2
        h_count{a="x"} 2
        h_sum{a="x"} -0.25
        h_bucket{a="y",le="+Inf"} 0
        # TYPE s summary
        s{quantile="0"} NaN
        s{quantile="0.5"} 1
        s{quantile="1"} 2
        s_count 3
        s_sum -7
        s{b="2",quantile="0.5"} 1
        """;
    List<MetricFamily> f = prom.parse(bytes(doc));
    assertThat(f).extracting(MetricFamily::name).containsExactly("h", "s");
    assertThat(f.get(0).samples()).hasSize(7);
    assertThat(f.get(1).samples()).hasSize(6);
  }

  @Test
  void lenientModeOnlyAcceptsAMissingFinalLineFeed() {
    PrometheusTextParser lenient = PrometheusTextParser.lenient(PayloadLimits.DEFAULTS);
    assertThat(lenient.parse(bytes("m 1\nn{a=\"b\",} 2"))).hasSize(2);
    assertThat(lenient.parse(bytes(""))).isEmpty();
    assertThatThrownBy(
            () -> lenient.parse(bytes("# TYPE h histogram\nh_bucket{le=\"1\"} 1")))
        .hasMessage("prometheus: line 2: 'h' has no le=\"+Inf\" bucket");
    assertThat(prom.parse(bytes(""))).isEmpty();
    assertThat(prom.parse(bytes("\n\n"))).isEmpty();
  }
}
