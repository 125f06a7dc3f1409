package dev.sluice.cli;

import static dev.sluice.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of invalid pipeline file: {@code sluice validate} and {@code sluice run} print the
 * problem with its JSON path, line and column, exit with 2, and run nothing (no output file).
 */
class PipelineErrorMatrixTest {

  /** A valid pipeline; each case replaces one marked piece. */
  private static final String BASE = """
      {
        "name": "matrix",
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

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, text, the snippet whose start the problem points at, path, message part
        Arguments.of("unknown stage type",
            BASE.replace("\"type\": \"filter\"", "\"type\": \"filtr\""),
            "\"filtr\"", "$.stages[0].type", "unknown stage type 'filtr'"),
        Arguments.of("stage type in the wrong section",
            BASE.replace("\"type\": \"filter\"", "\"type\": \"csv\""),
            "\"csv\"", "$.stages[0].type", "unknown stage type 'csv' (it is a "),
        Arguments.of("wrong type of value",
            BASE.replace("\"input\": \"in\",", "\"input\": \"in\", \"parallelism\": \"two\","),
            "\"two\"", "$.stages[0].parallelism", "expected an integer, found the string \"two\""),
        Arguments.of("wrong type in the schema",
            BASE.replace("\"ts\": \"long\"", "\"ts\": \"timestamp\""),
            "\"timestamp\"", "$.sources[0].schema.ts", "unknown type the string \"timestamp\""),
        Arguments.of("missing field",
            BASE.replace(", \"condition\": \"temperature > 30\"", ""),
            "{ \"name\": \"hot\"", "$.stages[0].condition", "missing field 'condition'"),
        Arguments.of("missing source path",
            BASE.replace("\"path\": \"in.jsonl\",", ""),
            "{ \"name\": \"in\"", "$.sources[0].path", "missing field 'path'"),
        Arguments.of("bad expression",
            BASE.replace("temperature > 30", "temperature > > 30"),
            "> 30\"", "$.stages[0].condition", "bad expression \"temperature > > 30\": unexpected '>'"),
        Arguments.of("expression of the wrong type",
            BASE.replace("temperature > 30", "temperature + 30"),
            "\"temperature + 30\"", "$.stages[0].condition", "has type double; expected boolean"),
        Arguments.of("unknown field in an expression",
            BASE.replace("temperature > 30", "temprature > 30"),
            "temprature > 30\"", "$.stages[0].condition",
            "unknown field 'temprature'; fields here: [id, temperature, ts]"),
        Arguments.of("unknown setting (typo)",
            BASE.replace("\"condition\"", "\"conditon\""),
            "\"temperature > 30\"", "$.stages[0].conditon", "unknown field 'conditon'"),
        Arguments.of("cycle",
            BASE.replace("\"input\": \"in\", \"condition\": \"temperature > 30\" }",
                "\"input\": \"loop\", \"condition\": \"temperature > 30\" },\n"
                    + "    { \"name\": \"loop\", \"type\": \"map\", \"input\": \"hot\", \"drop\": \"id\" }"),
            "\"loop\", \"condition\"", "$.stages[0].input", "'hot' is part of a cycle: "),
        Arguments.of("unconnected stage",
            BASE.replace("\"input\": \"in\", \"condition\": \"temperature > 30\" }",
                "\"input\": \"in\", \"condition\": \"temperature > 30\" },\n"
                    + "    { \"name\": \"orphan\", \"type\": \"filter\", \"input\": \"in\", \"condition\": \"true\" }"),
            "\"orphan\"", "$.stages[1].name", "the output of 'orphan' goes nowhere"),
        Arguments.of("unknown input",
            BASE.replace("\"input\": \"hot\"", "\"input\": \"hto\""),
            "\"hto\"", "$.sinks[0].input", "unknown input 'hto'"),
        Arguments.of("duplicate name",
            BASE.replace("{ \"name\": \"hot\"", "{ \"name\": \"in\"").replace("\"input\": \"hot\"", "\"input\": \"in\""),
            "\"in\", \"type\": \"filter\"", "$.stages[0].name", "the name 'in' is already used at line 4"),
        Arguments.of("Java class without permission",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"class\", \"input\": \"in\", \"class\": \"java.lang.Runtime\", \"schema\": {\"id\": \"string\"}"),
            "\"java.lang.Runtime\"", "$.stages[0].class", "pass --allow-classes"),
        Arguments.of("join on an unknown key field",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"join\", \"left\": \"in\", \"right\": \"in\", \"keyBy\": \"idd\", "
                    + "\"window\": {\"type\": \"tumbling\", \"size\": \"1m\"}, \"rightPrefix\": \"r_\""),
            "\"idd\"", "$.stages[0].keyBy", "unknown field 'idd'; fields here: [id, temperature, ts]"),
        Arguments.of("join keys of different types",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"join\", \"left\": \"in\", \"right\": \"in\", \"leftKey\": \"id\", "
                    + "\"rightKey\": \"ts\", \"between\": {\"lower\": 0, \"upper\": \"1s\"}"),
            "\"ts\", \"between\"", "$.stages[0].rightKey",
            "the key fields differ in type: left 'id' is string, right 'ts' is long"),
        Arguments.of("anomaly detector parameter out of range",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"anomaly\", \"input\": \"in\", \"keyBy\": \"id\", \"field\": \"temperature\", "
                    + "\"detector\": {\"type\": \"isolation-forest\", \"threshold\": 2}"),
            "2}", "$.stages[0].detector.threshold", "must be between 0.0 and 1.0, was 2.0"),
        Arguments.of("cep step with an unknown contiguity",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"cep\", \"input\": \"in\", \"keyBy\": \"id\", "
                    + "\"pattern\": [{\"name\": \"a\", \"condition\": \"temperature > 30\"}, "
                    + "{\"name\": \"b\", \"follows\": \"afterwards\"}]"),
            "\"afterwards\"", "$.stages[0].pattern[1].follows",
            "'afterwards' is not one of [followedBy, next, followedByAny, notNext, notFollowedBy]"),
        Arguments.of("cep negation at the end without within",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"cep\", \"input\": \"in\", \"keyBy\": \"id\", "
                    + "\"pattern\": [{\"name\": \"hot\", \"where\": {\"field\": \"temperature\", \"operator\": \"gt\", \"value\": 30}}, "
                    + "{\"name\": \"cool\", \"follows\": \"notFollowedBy\", \"condition\": \"temperature < 20\"}]"),
            "{ \"name\": \"hot\"", "$.stages[0].within", "so the pattern needs within(...)"),
        Arguments.of("cep condition on an unknown field",
            BASE.replace("\"type\": \"filter\", \"input\": \"in\", \"condition\": \"temperature > 30\"",
                "\"type\": \"cep\", \"input\": \"in\", \"keyBy\": \"id\", "
                    + "\"pattern\": [{\"name\": \"hot\", \"filter\": {\"field\": \"temp\", \"operator\": \"gt\", \"value\": 30}}]"),
            "\"temp\"", "$.stages[0].pattern[0].filter.field",
            "unknown field 'temp'; fields here: [id, temperature, ts]"),
        Arguments.of("not well-formed JSON",
            BASE.replace("\"name\": \"matrix\",", "\"name\": \"matrix\""),
            "\"sources\"", "$", "not well-formed JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsWithLocationAndRunsNothing(String name, String text, String snippet, String path,
      String message, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"temperature\":35.0,\"ts\":1}\n");
    String location = file + ":" + locate(text, snippet) + ": " + path + ": ";

    CliRun v = run("validate", file.toString());
    assertThat(v.code()).as(v.err()).isEqualTo(2);
    assertThat(v.err()).contains(location).contains(message).contains("nothing was run");

    CliRun r = run("run", "--quiet", file.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(location).contains(message);
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  @ParameterizedTest(name = "oversized file of {0} bytes")
  @MethodSource("sizes")
  void oversizedFile(int extra, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    String text = BASE.replace("\"name\": \"matrix\",", "\"name\": \"matrix\", \"description\": \""
        + "x".repeat(extra) + "\",");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    long size = Files.size(file);
    CliRun v = run("validate", "--max-file-bytes", "1000", file.toString());
    assertThat(v.code()).isEqualTo(2);
    assertThat(v.err()).contains(file + ":1:1: $: the file has " + size + " bytes; the limit is 1000");
    CliRun r = run("run", "--quiet", "--max-file-bytes", "1000", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(dir.resolve("out.jsonl")).doesNotExist();
  }

  static Stream<Integer> sizes() {
    return Stream.of(1000, 2_000_000);
  }

  @org.junit.jupiter.api.Test
  void reportsEveryProblemNotOnlyTheFirst(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    String text = BASE.replace("temperature > 30", "temprature > 30")
        .replace("\"type\": \"jsonl\", \"input\"", "\"type\": \"jsonll\", \"input\"");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    CliRun v = run("validate", file.toString());
    assertThat(v.code()).isEqualTo(2);
    assertThat(v.err()).contains("unknown field 'temprature'").contains("unknown sink type 'jsonll'")
        .contains("2 problems");
  }

  @org.junit.jupiter.api.Test
  void yamlProblemsCarryTheirLocationToo(@TempDir Path dir) throws Exception {
    String text = """
        name: yaml
        sources:
          - name: in
            type: jsonl
            path: in.jsonl
            schema: { id: string, v: double }
        stages:
          - name: f
            type: filter
            input: in
            condition: "v >> 2"
        sinks:
          - name: out
            type: jsonl
            input: f
            path: out.jsonl
            parallelism: many
        """;
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    CliRun v = run("validate", file.toString());
    assertThat(v.code()).isEqualTo(2);
    // the second '>' is character 4 of the expression, one past the opening quote
    int quote = Integer.parseInt(locate(text, "\"v >> 2\"").split(":")[1]);
    assertThat(v.err()).contains(file + ":11:" + (quote + 4) + ": $.stages[0].condition: bad expression")
        .contains(file + ":" + locate(text, "many") + ": $.sinks[0].parallelism: expected an integer");
  }

  /** "line:column" (from 1) where {@code snippet} first starts in {@code text}. */
  static String locate(String text, String snippet) {
    int at = text.indexOf(snippet);
    if (at < 0) {
      throw new IllegalArgumentException("no '" + snippet + "' in the text");
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (at - lineStart + 1);
  }
}
