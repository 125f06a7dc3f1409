package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {

  @Test
  void listsThePresets() {
    CliRun r = run("scenario", "list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("warmup", "steady", "stress", "spike", "soak", "firehose");
  }

  @Test
  void helpEverywhere() {
    assertThat(run("--help").out()).contains("scenario");
    assertThat(run("scenario", "--help").out()).contains("run", "list");
    assertThat(run("scenario", "run", "--help").out()).contains("--preset", "--file", "--duration");
  }

  @Test
  void runsAPresetAndWritesReports(@TempDir Path dir) throws Exception {
    CliRun r = run("scenario", "run", "--preset", "warmup", "--duration", "1s", "--quiet",
        "--report-dir", dir.toString());
    assertThat(r.out()).contains("scenario warmup").contains("PASSED");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8)).contains("<svg");
    assertThat(Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8)).contains("\"passed\" : true");
  }

  @Test
  void aFailedCriterionGivesExitCodeOne(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.json");
    Files.writeString(f, """
        {"name": "strict", "targetEps": 500, "duration": 800, "errorRate": 0.5,
         "successCriteria": {"minSuccessRate": 0.99}}""");
    CliRun r = run("scenario", "run", "--file", f.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED").contains("success rate");
  }

  @Test
  void invalidInputGivesExitCodeTwoWithTheLocation(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"name\": \"x\", \"targetEps\": \"fast\"}");
    CliRun r = run("scenario", "run", "--file", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.json: $.targetEps: must be a number");
    assertThat(run("scenario", "run", "--preset", "nope").err()).contains("no preset named 'nope'");
    assertThat(run("scenario", "run", "--preset", "warmup", "--duration", "soon").err())
        .contains("--duration: cannot read 'soon'");
  }

  @Test
  void aValueOfTheWrongTypeGivesOneLineNamingTheOptionAndExitCodeTwo() {
    CliRun rate = run("scenario", "run", "--preset", "warmup", "--rate", "fast");
    assertThat(rate.code()).isEqualTo(2);
    assertThat(rate.err().strip())
        .isEqualTo("sluice: invalid value for option '--rate': 'fast' is not a double");
    assertThat(rate.out()).isEmpty();
    CliRun seed = run("scenario", "run", "--preset", "warmup", "--seed", "x1");
    assertThat(seed.code()).isEqualTo(2);
    assertThat(seed.err().strip()).startsWith("sluice: invalid value for option '--seed': 'x1'")
        .doesNotContain("\n").doesNotContain("Usage");
    CliRun count = run("payload", "generate", "--format", "senml", "--count", "many");
    assertThat(count.code()).isEqualTo(2);
    assertThat(count.err().strip()).startsWith("sluice: invalid value for option '--count'")
        .doesNotContain("\n");
  }

  @Test
  void otherParameterErrorsKeepTheMessageAndTheUsage() {
    CliRun r = run("scenario", "run", "--preset", "warmup", "--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--no-such-option'").contains("Usage:");
  }
}
