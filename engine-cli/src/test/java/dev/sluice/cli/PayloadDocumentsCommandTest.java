package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several documents in one file (generate, validate and convert agree on the layout), the input
 * size option, {@code validate --verbose}, and metric conversions that re-validate.
 */
class PayloadDocumentsCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"senml-json", "senml-cbor", "opcua-json", "openmetrics", "prometheus"})
  void generatedDocumentsValidateAndConvert(String format, @TempDir Path dir) throws Exception {
    Path docs = dir.resolve("docs");
    assertThat(run("payload", "generate", "--format", format, "--count", "3", "--size", "600",
        "--output", docs.toString()).code()).isZero();
    CliRun valid = run("payload", "validate", "--format", format, docs.toString());
    assertThat(valid.err()).isEmpty();
    assertThat(valid.code()).isZero();
    assertThat(valid.out()).startsWith("valid " + format + ": 3 documents, ");
    Path normalised = dir.resolve("normalised");
    assertThat(run("payload", "convert", "--format", format, "--output", normalised.toString(),
        docs.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", format, normalised.toString()).out())
        .isEqualTo(valid.out());
    CliRun one = run("payload", "generate", "--format", format, "--size", "600");
    assertThat(one.code()).isZero();
  }

  @Test
  void layoutsAreTheDocumentedOnes(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("packs.json");
    run("payload", "generate", "--format", "senml-json", "--count", "3", "--output", json.toString());
    assertThat(Files.readAllLines(json)).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("[{"));
    Path om = dir.resolve("scrapes.om");
    run("payload", "generate", "--format", "openmetrics", "--count", "2", "--size", "400",
        "--output", om.toString());
    String omText = Files.readString(om);
    assertThat(omText.split("# EOF\n", -1)).hasSize(3);
    assertThat(omText).endsWith("# EOF\n");
    Path prom = dir.resolve("scrapes.prom");
    run("payload", "generate", "--format", "prometheus", "--count", "2", "--size", "400",
        "--output", prom.toString());
    assertThat(Files.readString(prom).split("\n# EOF\n", -1)).hasSize(3);
    Path cbor = dir.resolve("packs.cbor");
    Path cborOne = dir.resolve("pack.cbor");
    run("payload", "generate", "--format", "senml-cbor", "--count", "2", "--output", cbor.toString());
    run("payload", "generate", "--format", "senml-cbor", "--count", "1", "--output", cborOne.toString());
    byte[] two = Files.readAllBytes(cbor);
    byte[] first = Files.readAllBytes(cborOne);
    assertThat(java.util.Arrays.copyOf(two, first.length)).isEqualTo(first); // a CBOR sequence
    assertThat(two.length).isGreaterThan(first.length);
  }

  @Test
  void errorsNameTheDocumentAndTheLineInTheFile(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("packs.json");
    Files.writeString(json, "[{\"n\":\"a\",\"v\":1}]\n[{\"n\":\"b\",\"v\":2}]\n"
        + "[{\"n\":\"c\",\n\"v\":\"x\"}]\n");
    CliRun r = run("payload", "validate", "--format", "senml-json", json.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("packs.json: senml-json: document 3, $[0].v");
    Path prom = dir.resolve("two.prom");
    Files.writeString(prom, "a 1\n# EOF\nb 2\nc{x=\"1\" 3\n# EOF\n");
    CliRun p = run("payload", "validate", "--format", "prometheus", prom.toString());
    assertThat(p.code()).isEqualTo(1);
    assertThat(p.err()).contains("prometheus: document 2, line 4, column 9");
    Path om = dir.resolve("trailing.om");
    Files.writeString(om, "a 1\n# EOF\nb 2\n");
    assertThat(run("payload", "validate", "--format", "openmetrics", om.toString()).err())
        .contains("openmetrics: document 2, line 4: missing '# EOF'");
    Path cbor = dir.resolve("cut.cbor");
    Files.write(cbor, new byte[] {(byte) 0x81, (byte) 0xa1, 0x00, 0x61});
    assertThat(run("payload", "validate", "--format", "senml-cbor", cbor.toString()).err())
        .contains("senml-cbor: byte 4: truncated CBOR data item");
  }

  @Test
  void theInputLimitCanBeRaised(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.prom");
    String label = "x".repeat(1000);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() <= (17 << 20); i++) {
      sb.append("m{i=\"").append(i).append("\",l=\"").append(label).append("\"} 1\n");
    }
    Files.writeString(big, sb);
    CliRun refused = run("payload", "validate", "--format", "prometheus", big.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("is larger than 16777216 bytes (--max-input-bytes 16777216;");
    CliRun raised = run("payload", "validate", "--format", "prometheus", "--max-input-bytes",
        "32MiB", big.toString());
    assertThat(raised.err()).isEmpty();
    assertThat(raised.out()).startsWith("valid prometheus: 1 metric family, ");
    Path small = dir.resolve("small.json");
    Files.writeString(small, "[{\"n\":\"a\",\"v\":1}]");
    assertThat(run("payload", "validate", "--format", "senml-json", "--max-input-bytes", "10",
        small.toString()).err()).contains("is larger than 10 bytes");
    assertThat(run("payload", "convert", "--format", "senml-json", "--max-input-bytes", "1KiB",
        small.toString()).code()).isZero();
    CliRun bad = run("payload", "validate", "--format", "senml-json", "--max-input-bytes", "3GiB",
        small.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--max-input-bytes must be from 1 byte to");
    assertThat(run("payload", "validate", "--format", "senml-json", "--max-input-bytes", "lots",
        small.toString()).err()).contains("--max-input-bytes must be a number of bytes");
  }

  @Test
  void lenientAcceptsOnlyAMissingFinalLineFeed(@TempDir Path dir) throws Exception {
    Path cut = dir.resolve("cut.prom");
    Files.writeString(cut, "m{a=\"1\"} 1\nm{a=\"2\"} 2");
    CliRun strict = run("payload", "validate", "--format", "prometheus", cut.toString());
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err()).contains("line 2, column 11: the last line must end with a line feed");
    assertThat(run("payload", "validate", "--lenient", "--format", "prometheus", cut.toString()).out())
        .isEqualTo("valid prometheus: 1 metric family, 2 sample(s)\n");
    Path histogram = dir.resolve("h.prom");
    Files.writeString(histogram, "# TYPE h histogram\nh_bucket{le=\"1\"} 1");
    assertThat(run("payload", "validate", "--lenient", "--format", "prometheus",
        histogram.toString()).err()).contains("prometheus: line 2: 'h' has no le=\"+Inf\" bucket");
    CliRun other = run("payload", "validate", "--lenient", "--format", "senml-json", cut.toString());
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("--lenient applies to --format prometheus only");
  }

  @Test
  void verbosePrintsWhatWasFound(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("pack.json");
    Files.writeString(json, "[{\"bn\":\"dev:\",\"bt\":1.7e9,\"bu\":\"Cel\",\"n\":\"t\",\"v\":21.5},"
        + "{\"n\":\"on\",\"vb\":true,\"t\":1}]");
    CliRun s = run("payload", "validate", "--verbose", "--format", "senml-json", json.toString());
    assertThat(s.out()).isEqualTo("valid senml-json: 2 SenML record(s)\n"
        + "  dev:t v=21.5 u=Cel t=1.7E9\n  dev:on vb=true u=Cel t=1.700000001E9\n");
    Path prom = dir.resolve("m.prom");
    Files.writeString(prom, "# TYPE a counter\na{x=\"q\\\"\"} 3\na 4 1000\n# EOF\ng 1\n# EOF\n");
    CliRun p = run("payload", "validate", "--verbose", "--format", "prometheus", prom.toString());
    assertThat(p.out()).isEqualTo("valid prometheus: 2 documents, 2 metric families, 3 sample(s)\n"
        + "document 1:\n  a (counter): 2 sample(s)\n    a{x=\"q\\\"\"} 3\n    a 4 @1\n"
        + "document 2:\n  g (unknown): 1 sample(s)\n    g 1\n");
    Path opc = dir.resolve("dv.json");
    Files.writeString(opc, "{\"UaType\":11,\"Value\":2.5,\"Status\":{\"Code\":2150891520}}");
    assertThat(run("payload", "validate", "--verbose", "--format", "opcua-json", opc.toString()).out())
        .startsWith("valid opcua-json: 1 DataValue(s)\n  Double 2.5, status ");
  }

  @Test
  void prometheusAndOpenMetricsConversionsRevalidate(@TempDir Path dir) throws Exception {
    Path prom = dir.resolve("scrape.prom");
    Path om = dir.resolve("scrape.om");
    Path back = dir.resolve("back.prom");
    assertThat(run("payload", "generate", "--format", "prometheus", "--size", "2000",
        "--output", prom.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "prometheus", prom.toString()).out())
        .startsWith("valid prometheus: 4 metric families");
    assertThat(run("payload", "convert", "--format", "prometheus", "--to", "openmetrics",
        "--output", om.toString(), prom.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "openmetrics", om.toString()).out())
        .startsWith("valid openmetrics: 4 metric families");
    assertThat(Files.readString(om)).contains("# TYPE http_requests counter\n");
    assertThat(run("payload", "convert", "--format", "openmetrics", "--to", "prometheus",
        "--output", back.toString(), om.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "prometheus", back.toString()).out())
        .startsWith("valid prometheus: 4 metric families");
    assertThat(Files.readString(back, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(prom, StandardCharsets.UTF_8));
    // a valid 0.0.4 document that OpenMetrics cannot hold: the conversion says so
    Path negative = dir.resolve("negative.prom");
    Files.writeString(negative, "# TYPE s summary\ns_sum -3\ns_count 1\n");
    CliRun r = run("payload", "convert", "--format", "prometheus", "--to", "openmetrics",
        negative.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("the document cannot be written as valid openmetrics:");
  }
}
