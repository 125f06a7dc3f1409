package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scenario.ScenarioJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice scenario run}: every bad input ends with one line naming the user's option or
 * field and exit code 2, before anything runs; overrides and the honest figures reach the
 * reports.
 */
class ScenarioCommandTest {

  /** A bad input: exit code 2, one line on standard error, nothing internal in it. */
  private static String rejected(String... args) {
    CliRun r = run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).as("nothing ran").doesNotContain("PASSED").doesNotContain("FAILED");
    String err = r.err().strip();
    assertThat(err).startsWith("sluice: ").doesNotContain("\n")
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Source:")
        .doesNotContain("_tag");
    return err;
  }

  @Test
  void aDurationOfZeroOrLessIsRejected() {
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--duration", "0s"))
        .isEqualTo("sluice: --duration must be more than 0, was 0s");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--duration", "-5s"))
        .isEqualTo("sluice: --duration must be more than 0, was -5s");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--duration", "PT0S"))
        .contains("--duration must be more than 0");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--duration", "soon"))
        .isEqualTo("sluice: --duration: cannot read 'soon'; use e.g. 500ms, 10s, 2m, 1h or PT30S");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--duration", "30d"))
        .contains("--duration: cannot read '30d'");
  }

  @Test
  void aRateAboveTheLimitOrNotPositiveIsRejected() {
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--rate", "2e7"))
        .isEqualTo("sluice: --rate must be more than 0 and at most 10,000,000 events per second,"
            + " was 20000000");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--rate", "0"))
        .contains("--rate must be more than 0");
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--rate", "NaN"))
        .contains("--rate must be more than 0");
  }

  @Test
  void aNegativeSizeNamesTheOption() {
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--size", "-5"))
        .isEqualTo("sluice: --size must be between 1 and 16777216 bytes, was -5");
  }

  @Test
  void aReportDirThatIsAFileIsRejectedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out");
    Files.writeString(file, "x");
    assertThat(rejected("scenario", "run", "--preset", "soak", "--report-dir", file.toString()))
        .isEqualTo("sluice: --report-dir " + file + ": is a file, not a directory");
  }

  @Test
  void anUnknownPayloadTypeListsTheKnownOnes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"name\": \"x\", \"targetEps\": 10, \"payloadType\": \"protobuf\"}");
    assertThat(rejected("scenario", "run", "--file", f.toString()))
        .isEqualTo("sluice: invalid scenario: " + f + ": $.payloadType: unknown payload type"
            + " \"protobuf\"; known: " + ScenarioJson.knownPayloadTypes());
    assertThat(ScenarioJson.knownPayloadTypes()).contains("synthetic", "senml", "opcua");
  }

  @Test
  void unknownFieldsListOnlyFieldsAUserMayWrite(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"_tag\": \"ScenarioConfig\", \"name\": \"x\", \"targetEps\": 10,"
        + " \"rate\": 5}");
    assertThat(rejected("scenario", "run", "--file", f.toString()))
        .contains("$.rate: unknown field; known fields: [arrival, burstSize,");
  }

  @Test
  void fileProblemsNameTheFileWithoutParserInternals(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, "{\"name\": \"x\",, }");
    assertThat(rejected("scenario", "run", "--file", f.toString()))
        .startsWith("sluice: invalid scenario: " + f + ": line 1, column 14:");
    assertThat(rejected("scenario", "run", "--file", dir.resolve("missing.json").toString()))
        .isEqualTo("sluice: --file " + dir.resolve("missing.json") + ": no such file");
    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});
    assertThat(rejected("scenario", "run", "--file", latin1.toString()))
        .isEqualTo("sluice: --file " + latin1 + ": not UTF-8 text");
    assertThat(rejected("scenario", "run", "--file", dir.toString()))
        .startsWith("sluice: --file " + dir + ": cannot read it:");
  }

  @Test
  void aWallClockCapOfZeroIsRejected() {
    assertThat(rejected("scenario", "run", "--preset", "warmup", "--wall-clock-cap", "0s"))
        .isEqualTo("sluice: --wall-clock-cap must be more than 0, was 0s");
  }

  @Test
  void rateAndDurationOnAPresetScaleItsCriteriaAndDescriptionAndTheReportSaysSo(
      @TempDir Path dir) throws Exception {
    CliRun r = run("scenario", "run", "--preset", "warmup", "--rate", "400", "--duration",
        "1500ms", "--quiet", "--report-dir", dir.toString());
    assertThat(r.out()).contains("scenario warmup — gentle start: 400 events/s for 1.5 s")
        .contains("criteria  achieved ≥ 380 ev/s")
        .contains("override  --rate 400 (was 100)")
        .contains("override  --duration 1500ms (was 5000 ms)");
    JsonNode j = new ObjectMapper().readTree(
        Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8));
    assertThat(j.get("targetEventsPerSecond").asDouble()).isEqualTo(400);
    assertThat(j.get("scenario").get("targetEps").asDouble()).isEqualTo(400);
    assertThat(j.get("scenario").get("successCriteria").get("minSustainedEps").asDouble())
        .isEqualTo(380);
    assertThat(j.get("overrides")).hasSize(2);
    assertThat(j.get("seed").asLong()).isEqualTo(42);
    assertThat(j.get("emittedEvents").asLong()).isBetween(590L, 610L);
    // the achieved rate is measured: completed events over the measured wall time
    assertThat(j.get("achievedEventsPerSecond").asDouble())
        .isEqualTo(j.get("completedEvents").asDouble() * 1000
            / j.get("measuredWallMillis").asDouble(), org.assertj.core.data.Offset.offset(400 * 0.02));
  }

  @Test
  void aScenarioFileSaysWhichCriteriaFollowedTheRate(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"name\": \"filed\", \"description\": \"200 a second\","
        + " \"targetEps\": 200, \"durationMs\": 800,"
        + " \"successCriteria\": {\"minSustainedEps\": 150}}");
    CliRun r = run("scenario", "run", "--file", f.toString(), "--rate", "400", "--quiet");
    assertThat(r.out())
        .contains("note      --rate scaled the rate criterion minSustainedEps from 150 to 300 ev/s")
        .contains("note      the description is the scenario file's own");
  }
}
