package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run FILE --dashboard [PORT]} starts the monitor and prints its address. */
class DashboardOptionTest {
  private static final String PIPELINE = """
      {
        "name": "dash",
        "sources": [
          { "name": "in", "type": "jsonl", "path": "in.jsonl",
            "schema": { "id": "string", "temperature": "double", "ts": "long" } }
        ],
        "stages": [
          { "name": "hot", "type": "filter", "input": "in", "condition": "temperature > 30" }
        ],
        "sinks": [
          { "name": "out", "type": "jsonl", "input": "hot", "path": "out.jsonl" }
        ]
      }
      """;

  @Test
  void runWithDashboardPrintsTheAddressReadOnlyByDefault(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    CliRun r = run("run", "--quiet", file.toString(), "--dashboard");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).containsPattern("sluice: dashboard at http://127\\.0\\.0\\.1:[0-9]+/ ")
        .doesNotContain("token");
    assertThat(dir.resolve("out.jsonl")).exists();
  }

  @Test
  void dashboardActionsPrintATokenOnce(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    CliRun r = run("run", "--quiet", file.toString(), "--dashboard", "0", "--dashboard-actions");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).containsOnlyOnce("dashboard action token (shown once): ");
  }

  private static Path write(Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, PIPELINE, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("in.jsonl"),
        "{\"id\":\"a\",\"temperature\":35.0,\"ts\":1}\n{\"id\":\"b\",\"temperature\":20.0,\"ts\":2}\n");
    return file;
  }
}
