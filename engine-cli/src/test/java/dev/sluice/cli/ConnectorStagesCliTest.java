package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector modules' pipeline-file stage types are on the {@code sluice} command's path. */
class ConnectorStagesCliTest {

  @Test
  void validateKnowsEveryConnectorTypeWithoutConnecting(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [
           {"name": "r", "type": "redis", "stream": "s"},
           {"name": "n", "type": "nats", "stream": "S", "subject": "a.b"},
           {"name": "m", "type": "mqtt", "topic": "t/#"},
           {"name": "k", "type": "kafka", "bootstrapServers": "127.0.0.1:9092", "topic": "t"}],
         "sinks": [
           {"name": "ro", "type": "redis", "input": "r", "stream": "out", "field": "payload"},
           {"name": "no", "type": "nats", "input": "n", "stream": "S", "subject": "c.d", "field": "payload"},
           {"name": "mo", "type": "mqtt", "input": "m", "topic": "out", "field": "payload"},
           {"name": "ko", "type": "kafka", "input": "k", "bootstrapServers": "127.0.0.1:9092",
            "topic": "out", "field": "payload"}]}
        """, StandardCharsets.UTF_8);
    CliRun r = run("validate", file.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  @Test
  void aBadConnectorFieldIsALocatedError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "r", "type": "redis", "stream": 5}],
         "sinks": [{"name": "o", "type": "stdout", "input": "r"}]}
        """, StandardCharsets.UTF_8);
    CliRun r = run("validate", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("p.json:1:55: $.sources[0].stream: expected a string");
  }
}
