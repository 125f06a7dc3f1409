package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadCommandTest {

  @Test
  void generateConvertAndValidateRoundTrip(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("pack.json");
    Path cbor = dir.resolve("pack.cbor");
    Path back = dir.resolve("back.json");
    assertThat(run("payload", "generate", "--format", "senml-json", "--size", "300",
        "--output", json.toString()).code()).isZero();
    String generated = Files.readString(json, StandardCharsets.UTF_8).trim();
    assertThat(generated).startsWith("[{");
    Files.writeString(json, generated);
    assertThat(run("payload", "convert", "--format", "senml-json", "--to", "senml-cbor",
        "--output", cbor.toString(), json.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "senml-cbor", cbor.toString()).out())
        .startsWith("valid senml-cbor:");
    assertThat(run("payload", "convert", "--format", "senml-cbor", "--to", "senml-json",
        "--output", back.toString(), cbor.toString()).code()).isZero();
    assertThat(Files.readString(back, StandardCharsets.UTF_8).trim()).isEqualTo(generated);
  }

  @Test
  void prometheusAndOpenMetricsConvertIntoEachOther(@TempDir Path dir) throws Exception {
    Path om = dir.resolve("scrape.om");
    Path text = dir.resolve("scrape.prom");
    assertThat(run("payload", "generate", "--format", "openmetrics", "--size", "3000",
        "--output", om.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "openmetrics", om.toString()).out())
        .startsWith("valid openmetrics: 4 metric families");
    assertThat(run("payload", "convert", "--format", "openmetrics", "--to", "prometheus",
        "--output", text.toString(), om.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "prometheus", text.toString()).code()).isZero();
    Path bad = dir.resolve("bad.om");
    Files.writeString(bad, "# TYPE a counter\na_total -1\n# EOF\n");
    CliRun r = run("payload", "validate", "--format", "openmetrics", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.om: openmetrics: line 2, column");
  }

  @Test
  void invalidInputExitsNonZeroWithTheLocation(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"n\": \"temp\", \"v\": 1, \"vs\": \"two values\"}]");
    CliRun r = run("payload", "validate", "--format", "senml-json", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.json").contains("senml-json").contains("$[0]");
  }

  @Test
  void opcUaSingleDataValueDocumentsAreConvertedToTheCompactForm(@TempDir Path dir)
      throws Exception {
    Path in = dir.resolve("dv.json");
    Files.writeString(
        in,
        "{\"Value\":{\"Type\":22,\"Body\":{\"TypeId\":{\"Id\":888,\"Namespace\":3},"
            + "\"Body\":{\"Low\":0.50,\"High\":1E+3}}},\"Status\":2150891520,"
            + "\"SourceTimestamp\":\"2024-05-01T14:00:00+02:00\"}");
    Path out = dir.resolve("out.json");
    CliRun r =
        run("payload", "convert", "--format", "opcua-json", "--output", out.toString(), in.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "{\"UaType\":22,\"Value\":{\"UaTypeId\":\"ns=3;i=888\",\"Low\":0.50,\"High\":1E+3},"
                + "\"Status\":{\"Code\":2150891520},\"SourceTimestamp\":\"2024-05-01T12:00:00Z\"}");
    assertThat(run("payload", "validate", "--format", "opcua-json", in.toString()).out())
        .contains("1 DataValue(s)");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"UaType\":24,\"Value\":{\"UaType\":6,\"Value\":1}}");
    CliRun rejected = run("payload", "validate", "--format", "opcua-json", bad.toString());
    assertThat(rejected.code()).isEqualTo(1);
    assertThat(rejected.err())
        .contains("$.Value, line 1, column 22")
        .contains("cannot directly contain another Variant");
  }

  @Test
  void unknownAndPlannedFormatsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("x");
    Files.writeString(f, "x");
    Path opc = dir.resolve("tags.json");
    assertThat(run("payload", "generate", "--format", "opcua-json", "--size", "2000",
        "--output", opc.toString()).code()).isZero();
    assertThat(run("payload", "validate", "--format", "opcua-json", opc.toString()).out())
        .contains("DataValue(s)");
    CliRun badOpc = run("payload", "validate", "--format", "opcua-json", f.toString());
    assertThat(badOpc.code()).isEqualTo(1);
    assertThat(run("payload", "validate", "--format", "xml", f.toString()).err())
        .contains("unknown format 'xml'");
    assertThat(run("payload", "validate", "--format", "senml-json", dir.resolve("nope").toString()).err())
        .contains("no such file");
  }
}
