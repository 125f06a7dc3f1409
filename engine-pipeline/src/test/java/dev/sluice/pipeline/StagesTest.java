package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in stages end to end, each on a small input with a known result. */
class StagesTest {
  @TempDir Path dir;

  private List<String> run(String pipeline, String input, String output) throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), input, StandardCharsets.UTF_8);
    Path file = dir.resolve("p.json");
    Files.writeString(file, pipeline, StandardCharsets.UTF_8);
    TestFiles.run(file, LoadOptions.defaults());
    return Files.readAllLines(dir.resolve(output));
  }

  private static final String SOURCE = """
      "sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl",
        "schema": {"user": "string", "amount": "double", "qty": "long", "ts": "long"},
        "eventTime": {"timestampField": "ts"}}]""";

  private static final String INPUT = """
      {"user": "a", "amount": 10.5, "qty": 1, "ts": 1000}
      {"user": "b", "amount": 3.0, "qty": 2, "ts": 1500}
      {"user": "a", "amount": 4.5, "qty": 3, "ts": 2000}
      {"user": "a", "amount": null, "qty": 4, "ts": 2500}
      {"user": "b", "amount": 7.0, "ts": 9000}
      """;

  @Test
  void flatMapEmitsOneRecordPerMatchingOutput() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [{"name": "split", "type": "flatMap", "input": "in", "outputs": [
            {"keep": ["user"], "set": {"part": "'amount'", "v": "amount"}},
            {"when": "qty > 1", "keep": ["user"], "set": {"part": "'qty'", "v": "double(qty)"}}]}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "split", "path": "out.jsonl"}]}
        """.formatted(SOURCE), INPUT, "out.jsonl");
    assertThat(out).containsExactly(
        "{\"user\":\"a\",\"part\":\"amount\",\"v\":10.5}",
        "{\"user\":\"b\",\"part\":\"amount\",\"v\":3.0}",
        "{\"user\":\"b\",\"part\":\"qty\",\"v\":2.0}",
        "{\"user\":\"a\",\"part\":\"amount\",\"v\":4.5}",
        "{\"user\":\"a\",\"part\":\"qty\",\"v\":3.0}",
        "{\"user\":\"a\",\"part\":\"amount\",\"v\":null}",
        "{\"user\":\"a\",\"part\":\"qty\",\"v\":4.0}",
        "{\"user\":\"b\",\"part\":\"amount\",\"v\":7.0}");
  }

  @Test
  void rollingAggregateSkipsNullsAndAppliesHaving() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [{"name": "totals", "type": "aggregate", "input": "in", "keyBy": "user",
           "aggregates": [{"name": "total", "op": "sum", "field": "amount"},
                          {"name": "n", "op": "count"},
                          {"name": "withAmount", "op": "count", "field": "amount"},
                          {"name": "qtys", "op": "sum", "field": "qty"}],
           "having": "n >= 2"}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "totals", "path": "out.jsonl"}]}
        """.formatted(SOURCE), INPUT, "out.jsonl");
    assertThat(out).containsExactly(
        "{\"user\":\"a\",\"total\":15.0,\"n\":2,\"withAmount\":2,\"qtys\":4}",
        "{\"user\":\"a\",\"total\":15.0,\"n\":3,\"withAmount\":2,\"qtys\":8}",
        "{\"user\":\"b\",\"total\":10.0,\"n\":2,\"withAmount\":2,\"qtys\":2}");
  }

  @Test
  void everyKindOfAggregateInAWindow() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [{"name": "w", "type": "window", "input": "in",
           "window": {"type": "tumbling", "size": "1h"},
           "aggregates": [
             {"name": "first", "op": "first", "field": "user"},
             {"name": "last", "op": "last", "field": "user"},
             {"name": "earliest", "op": "firstByTime", "field": "amount", "timeField": "ts"},
             {"name": "latest", "op": "lastByTime", "field": "user", "timeField": "ts"},
             {"name": "biggest", "op": "maxBy", "field": "amount", "value": "user"},
             {"name": "smallest", "op": "minBy", "field": "amount", "value": "qty"},
             {"name": "p50", "op": "median", "field": "amount"},
             {"name": "p100", "op": "percentile", "field": "amount", "p": 100},
             {"name": "users", "op": "distinctCount", "field": "user"},
             {"name": "top2", "op": "topN", "field": "amount", "n": 2},
             {"name": "byUser", "op": "countBy", "field": "user"},
             {"name": "var", "op": "variance", "expr": "amount * 2"},
             {"name": "min", "op": "min", "field": "qty"},
             {"name": "avgQty", "op": "avg", "field": "qty"}]}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "w", "path": "out.jsonl"}]}
        """.formatted(SOURCE), INPUT, "out.jsonl");
    // amounts 10.5, 3.0, 4.5, 7.0 (one null skipped); doubled: 21, 6, 9, 14 -> mean 12.5,
    // population variance (8.5^2 + 6.5^2 + 3.5^2 + 1.5^2) / 4 = 129 / 4 = 32.25
    assertThat(out).containsExactly("{\"windowStart\":0,\"windowEnd\":3600000,\"first\":\"a\","
        + "\"last\":\"b\",\"earliest\":10.5,\"latest\":\"b\",\"biggest\":\"a\",\"smallest\":2,"
        + "\"p50\":4.5,\"p100\":10.5,\"users\":2,\"top2\":[10.5,7.0],\"byUser\":{\"a\":3,\"b\":2},"
        + "\"var\":32.25,\"min\":1,\"avgQty\":2.5}");
  }

  @Test
  void sessionWindowsAndUnionOfTwoInputs() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [
           {"name": "big", "type": "filter", "input": "in", "condition": "amount >= 7"},
           {"name": "small", "type": "filter", "input": "in", "condition": "amount < 7"},
           {"name": "s", "type": "window", "inputs": ["big", "small"], "keyBy": "user",
            "window": {"type": "session", "gap": "2s"},
            "aggregates": [{"name": "n", "op": "count"}]}],
         "sinks": [{"name": "out", "type": "csv", "input": "s", "path": "out.csv"}]}
        """.formatted(SOURCE), INPUT, "out.csv");
    // null amounts pass neither filter: a has 10.5@1000 and 4.5@2000 (one session), b 3.0@1500
    // and 7.0@9000 (two sessions)
    assertThat(out).containsExactly("user,windowStart,windowEnd,n", "b,1500,3500,1", "a,1000,4000,2",
        "b,9000,11000,1");
  }

  @Test
  void csvInAndOutWithQuotingAndBadLinesSkipped() throws Exception {
    Files.writeString(dir.resolve("in.csv"), """
        name,score,note
        "Smith, Jo",12,"said ""hi""\nthen left"
        plain,not-a-number,x
        ,3,
        """, StandardCharsets.UTF_8);
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "csv", "path": "in.csv", "onBadLine": "skip",
           "schema": {"note": "string", "name": "string", "score": "long"}}],
         "sinks": [{"name": "out", "type": "csv", "input": "in", "path": "out.csv", "order": "arrival"}]}
        """);
    PipelineRunner.Result r = TestFiles.run(file, LoadOptions.defaults());
    assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo(
        "note,name,score\n\"said \"\"hi\"\"\nthen left\",\"Smith, Jo\",12\n,,3\n");
    assertThat(r.sourceEvents()).isEqualTo(2);
  }

  @Test
  void generatorAndPrometheusDecoder() throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "gen", "type": "generator", "format": "prometheus", "count": 5, "seed": 7}],
         "stages": [{"name": "dec", "type": "prometheus-decode", "input": "gen", "carry": "sequence"},
                    {"name": "agg", "type": "aggregate", "input": "dec", "keyBy": "sequence",
                     "aggregates": [{"name": "samples", "op": "count"}]}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "agg", "path": "out.jsonl"}]}
        """);
    PipelineRunner.Result r = TestFiles.run(file, LoadOptions.defaults());
    assertThat(r.sourceEvents()).isEqualTo(5);
    List<String> out = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(out).isNotEmpty();
    assertThat(out).allMatch(l -> l.matches("\\{\"sequence\":[0-4],\"samples\":[1-9][0-9]*\\}"));
  }

  @Test
  void openMetricsDecoder() throws Exception {
    String exposition = "# TYPE rpc_seconds summary\\nrpc_seconds{quantile=\\\"0.5\\\"} 0.25\\n"
        + "rpc_seconds_count 7\\nrpc_seconds_sum 3.5\\n# EOF\\n";
    List<String> out = run("""
        {"sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl", "schema": {"payload": "string"}}],
         "stages": [{"name": "dec", "type": "prometheus-decode", "input": "in", "format": "openmetrics"}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "dec", "path": "out.jsonl", "order": "arrival"}]}
        """, "{\"payload\": \"" + exposition + "\"}\n", "out.jsonl");
    assertThat(out).containsExactly(
        "{\"metric\":\"rpc_seconds\",\"type\":\"summary\",\"labels\":{\"quantile\":\"0.5\"},\"value\":0.25,\"timeMillis\":null}",
        "{\"metric\":\"rpc_seconds_count\",\"type\":\"summary\",\"labels\":{},\"value\":7.0,\"timeMillis\":null}",
        "{\"metric\":\"rpc_seconds_sum\",\"type\":\"summary\",\"labels\":{},\"value\":3.5,\"timeMillis\":null}");
  }

  @Test
  void prometheusTextInAFieldMayLackItsFinalLineFeedButNotItsRules() throws Exception {
    String good = "# TYPE up gauge\\nup{job=\\\"a\\\"} 1";
    String bad = "# TYPE rpc histogram\\nrpc_bucket{le=\\\"1\\\"} 3\\nrpc_count 3";
    List<String> out = run("""
        {"sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl", "schema": {"payload": "string"}}],
         "stages": [{"name": "dec", "type": "prometheus-decode", "input": "in", "onError": "skip"}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "dec", "path": "out.jsonl", "order": "arrival"}]}
        """, "{\"payload\": \"" + good + "\"}\n{\"payload\": \"" + bad + "\"}\n", "out.jsonl");
    // the histogram without its +Inf bucket is refused (skipped and counted), the gauge decoded
    assertThat(out).containsExactly(
        "{\"metric\":\"up\",\"type\":\"gauge\",\"labels\":{\"job\":\"a\"},\"value\":1.0,\"timeMillis\":null}");
  }

  @Test
  void opcUaDecoderOverGeneratedPayloads() throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "gen", "type": "generator", "format": "opcua", "count": 3, "seed": 5}],
         "stages": [{"name": "dec", "type": "opcua-decode", "input": "gen", "carry": "sequence"},
                    {"name": "numeric", "type": "filter", "input": "dec", "condition": "value != null && good"},
                    {"name": "n", "type": "aggregate", "input": "numeric", "keyBy": "sequence",
                     "aggregates": [{"name": "values", "op": "count"}, {"name": "nodes", "op": "distinctCount", "field": "node"}]}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "n", "path": "out.jsonl"}]}
        """);
    TestFiles.run(file, LoadOptions.defaults());
    List<String> out = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(out).isNotEmpty();
    assertThat(out).allMatch(l -> l.matches("\\{\"sequence\":[0-2],\"values\":([0-9]+),\"nodes\":\\1\\}"));
  }

  @Test
  void deadLettersKeepFailingEvents() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [{"name": "div", "type": "map", "input": "in", "onError": "dead-letter",
                     "set": {"q": "100 %% (qty - 2)"}}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "div", "path": "out.jsonl"}],
         "deadLetters": {"path": "dead.jsonl"}}
        """.formatted(SOURCE), INPUT, "out.jsonl");
    assertThat(out).hasSize(4); // qty 2 divides by zero; a missing qty gives null
    List<String> dead = Files.readAllLines(dir.resolve("dead.jsonl"));
    assertThat(dead).singleElement().asString().contains("\"stage\":\"div\"")
        .contains("ArithmeticException").contains("\"user\":\"b\"");
  }

  @Test
  void theRegistryFindsEveryBuiltInAndPlugIns() {
    StageRegistry registry = StageRegistry.load();
    assertThat(registry.types(StageFactory.Role.SOURCE)).contains("jsonl", "csv", "generator");
    assertThat(registry.types(StageFactory.Role.OPERATOR)).contains("filter", "map", "flatMap",
        "aggregate", "window", "senml-decode", "prometheus-decode", "class", "test-upper");
    assertThat(registry.types(StageFactory.Role.SINK)).contains("jsonl", "csv", "stdout",
        "prometheus", "http");
  }

  @Test
  void aPlugInStageRunsLikeABuiltIn() throws Exception {
    List<String> out = run("""
        {%s,
         "stages": [{"name": "up", "type": "test-upper", "input": "in", "field": "user"}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "up", "path": "out.jsonl"}]}
        """.formatted(SOURCE), INPUT, "out.jsonl");
    assertThat(out).hasSize(5).allMatch(l -> l.startsWith("{\"user\":\"A\"") || l.startsWith("{\"user\":\"B\""));
  }
}
