package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join, enrich and anomaly stage types (engine-cep) in pipeline files: the orders ⋈ payments
 * example against a plain-Java reference, small exact cases of each join kind, and validation
 * problems with their location.
 */
class JoinAndAnomalyPipelinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Order(String id, String user, double amount, long ts) {}

  record Payment(String id, String order, double amount, String method, long ts) {}

  @Test
  void ordersPaymentsExampleMatchesTheReference() throws Exception {
    TestFiles.copyExample("orders-payments", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    List<Order> orders = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("orders.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      orders.add(new Order(n.get("orderId").asText(), n.get("userId").asText(),
          n.get("amount").asDouble(), n.get("ts").asLong()));
    }
    List<Payment> payments = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("payments.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      payments.add(new Payment(n.get("paymentId").asText(), n.get("orderId").asText(),
          n.get("amount").asDouble(), n.get("method").asText(), n.get("ts").asLong()));
    }
    // Reference: a nested loop; an order meets a payment of its id in the same minute.
    List<String> expectedPaid = new ArrayList<>();
    List<String> expectedUnpaid = new ArrayList<>();
    int paidInAnotherMinute = 0;
    for (Order o : orders) {
      boolean matched = false;
      for (Payment p : payments) {
        if (!p.order().equals(o.id())) {
          continue;
        }
        if (Math.floorDiv(p.ts(), 60_000L) == Math.floorDiv(o.ts(), 60_000L)) {
          matched = true;
          expectedPaid.add(String.format(Locale.ROOT, "%s %s %.2f %s %.2f %s %.3f", o.id(), o.user(),
              o.amount(), p.id(), p.amount(), p.method(), (p.ts() - o.ts()) / 1000.0));
        } else {
          paidInAnotherMinute++;
        }
      }
      if (!matched) {
        expectedUnpaid.add(String.format(Locale.ROOT, "%s %s %.2f %d", o.id(), o.user(), o.amount(), o.ts()));
      }
    }
    List<String> paid = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("out/paid.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("orderId", "userId", "amount", "payment_paymentId",
          "payment_amount", "payment_method", "delaySeconds");
      paid.add(String.format(Locale.ROOT, "%s %s %.2f %s %.2f %s %.3f", n.get("orderId").asText(),
          n.get("userId").asText(), n.get("amount").asDouble(), n.get("payment_paymentId").asText(),
          n.get("payment_amount").asDouble(), n.get("payment_method").asText(),
          n.get("delaySeconds").asDouble()));
    }
    List<String> unpaid = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("out/unpaid.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      unpaid.add(String.format(Locale.ROOT, "%s %s %.2f %d", n.get("orderId").asText(),
          n.get("userId").asText(), n.get("amount").asDouble(), n.get("ts").asLong()));
    }
    assertThat(paid).containsExactlyInAnyOrderElementsOf(expectedPaid);
    assertThat(unpaid).containsExactlyInAnyOrderElementsOf(expectedUnpaid);
    // The input exercises what the window decides: split payments, payments in a later minute.
    assertThat(paid).hasSizeGreaterThan(60);
    assertThat(paidInAnotherMinute).isGreaterThan(5);
    assertThat(expectedUnpaid).hasSizeGreaterThan(paidInAnotherMinute);
  }

  @Test
  void ordersPaymentsWritesTheSameBytesAtEveryParallelism() throws Exception {
    TestFiles.copyExample("orders-payments", dir);
    List<byte[]> paid = new ArrayList<>();
    List<byte[]> unpaid = new ArrayList<>();
    for (int p : new int[] {1, 2, 4}) {
      TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults().withParallelism(p));
      paid.add(Files.readAllBytes(dir.resolve("out/paid.jsonl")));
      unpaid.add(Files.readAllBytes(dir.resolve("out/unpaid.jsonl")));
    }
    assertThat(paid.get(0)).isNotEmpty();
    assertThat(paid.get(1)).isEqualTo(paid.get(0));
    assertThat(paid.get(2)).isEqualTo(paid.get(0));
    assertThat(unpaid.get(1)).isEqualTo(unpaid.get(0));
    assertThat(unpaid.get(2)).isEqualTo(unpaid.get(0));
  }

  @Test
  void sensorAnomaliesExampleMatchesATwoPassZScoreReference() throws Exception {
    TestFiles.copyExample("sensor-anomalies", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    // Reference: per sensor, in file order, the previous (up to) 30 values; scored from 10 on;
    // |x - mean| / sample standard deviation > 4 is an anomaly.
    java.util.Map<String, java.util.ArrayDeque<Double>> windows = new java.util.HashMap<>();
    List<String> expected = new ArrayList<>();
    double closest = Double.MAX_VALUE;
    for (String l : Files.readAllLines(dir.resolve("readings.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      String sensor = n.get("sensorId").asText();
      double x = n.get("temperature").asDouble();
      java.util.ArrayDeque<Double> w = windows.computeIfAbsent(sensor, k -> new java.util.ArrayDeque<>());
      if (w.size() >= 10) {
        double mean = w.stream().mapToDouble(Double::doubleValue).sum() / w.size();
        double ss = 0;
        for (double v : w) {
          ss += (v - mean) * (v - mean);
        }
        double score = Math.abs(x - mean) / Math.sqrt(ss / (w.size() - 1));
        closest = Math.min(closest, Math.abs(score - 4));
        if (score > 4) {
          expected.add(String.format(Locale.ROOT, "%s %d %.2f %.3f", sensor, n.get("ts").asLong(), x,
              Math.round(score * 1000) / 1000.0));
        }
      }
      if (w.size() == 30) {
        w.removeFirst();
      }
      w.addLast(x);
    }
    List<String> actual = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("out/anomalies.jsonl"))) {
      JsonNode n = JSON.readTree(l);
      actual.add(String.format(Locale.ROOT, "%s %d %.2f %.3f", n.get("sensorId").asText(),
          n.get("timestamp").asLong(), n.get("value").asDouble(), n.get("score").asDouble()));
    }
    assertThat(closest).as("no score so close to the threshold that rounding decides").isGreaterThan(1e-6);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(actual).hasSizeBetween(6, 60);
    assertThat(actual).anyMatch(a -> a.startsWith("s1 ")).anyMatch(a -> a.startsWith("s2 "))
        .anyMatch(a -> a.startsWith("s3 "));
  }

  // ---------------------------------------------------------------------------------------------

  private static final String TWO_SOURCES = """
      "sources": [
        {"name": "a", "type": "jsonl", "path": "a.jsonl",
         "schema": {"k": "string", "x": "long", "ts": "long"}, "eventTime": {"timestampField": "ts"}},
        {"name": "b", "type": "jsonl", "path": "b.jsonl",
         "schema": {"k": "string", "y": "string", "ts": "long"}, "eventTime": {"timestampField": "ts"}}]""";

  private static final String A = """
      {"k": "1", "x": 10, "ts": 1000}
      {"k": "2", "x": 20, "ts": 2000}
      {"k": "3", "x": 30, "ts": 12000}
      """;

  private static final String B = """
      {"k": "1", "y": "one", "ts": 3000}
      {"k": "3", "y": "three", "ts": 9000}
      {"k": "4", "y": "four", "ts": 9500}
      """;

  private List<String> run(String stage) throws Exception {
    Files.writeString(dir.resolve("a.jsonl"), A);
    Files.writeString(dir.resolve("b.jsonl"), B);
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {%s,
         "stages": [%s],
         "sinks": [{"name": "out", "type": "jsonl", "input": "j", "path": "out.jsonl"}]}
        """.formatted(TWO_SOURCES, stage));
    TestFiles.run(file, LoadOptions.defaults());
    return Files.readAllLines(dir.resolve("out.jsonl"));
  }

  @Test
  void fullOuterTumblingJoin() throws Exception {
    List<String> out = run("""
        {"name": "j", "type": "join", "left": "a", "right": "b", "keyBy": "k", "joinType": "full",
         "window": {"type": "tumbling", "size": "10s"}, "rightPrefix": "b_"}""");
    // k=1 meets in [0, 10s); k=2 has no right; k=3 is split by the window; k=4 has no left.
    assertThat(out).containsExactly(
        "{\"k\":\"1\",\"x\":10,\"ts\":1000,\"b_y\":\"one\",\"b_ts\":3000}",
        "{\"k\":\"2\",\"x\":20,\"ts\":2000,\"b_y\":null,\"b_ts\":null}",
        "{\"k\":\"3\",\"x\":null,\"ts\":null,\"b_y\":\"three\",\"b_ts\":9000}",
        "{\"k\":\"4\",\"x\":null,\"ts\":null,\"b_y\":\"four\",\"b_ts\":9500}",
        "{\"k\":\"3\",\"x\":30,\"ts\":12000,\"b_y\":null,\"b_ts\":null}");
  }

  @Test
  void rightOuterSessionJoinMergesBothSidesEvents() throws Exception {
    List<String> out = run("""
        {"name": "j", "type": "join", "left": "a", "right": "b", "leftKey": "k", "rightKey": "k",
         "joinType": "right", "window": {"type": "session", "gap": "5s"}, "leftPrefix": "a_"}""");
    // k=3: b at 9000 and a at 12000 are one session (gap 5s); k=1 too; k=4 only right.
    assertThat(out).containsExactlyInAnyOrder(
        "{\"k\":\"1\",\"a_x\":10,\"a_ts\":1000,\"y\":\"one\",\"ts\":3000}",
        "{\"k\":\"3\",\"a_x\":30,\"a_ts\":12000,\"y\":\"three\",\"ts\":9000}",
        "{\"k\":\"4\",\"a_x\":null,\"a_ts\":null,\"y\":\"four\",\"ts\":9500}");
  }

  @Test
  void intervalJoinKeepsPairsWithinTheBounds() throws Exception {
    List<String> out = run("""
        {"name": "j", "type": "join", "left": "a", "right": "b", "keyBy": "k",
         "between": {"lower": -5000, "upper": "2s"}, "rightPrefix": "b_"}""");
    // k=1: 3000 - 1000 = 2000 <= 2s; k=3: 9000 - 12000 = -3000 >= -5s.
    assertThat(out).containsExactly(
        "{\"k\":\"1\",\"x\":10,\"ts\":1000,\"b_y\":\"one\",\"b_ts\":3000}",
        "{\"k\":\"3\",\"x\":30,\"ts\":12000,\"b_y\":\"three\",\"b_ts\":9000}");
  }

  @Test
  void enrichFromAChangelogWaitsForTheRowAndHonoursDeletes() throws Exception {
    List<String> out = run("""
        {"name": "j", "type": "enrich", "input": "a", "table": "b", "keyBy": "k",
         "joinType": "left", "waitForRow": "forever", "tablePrefix": "t_",
         "delete": "y == 'three'"}""");
    // k=1 waits for its row; k=2 never gets one; k=3's only change is a delete.
    assertThat(out).containsExactlyInAnyOrder(
        "{\"k\":\"1\",\"x\":10,\"ts\":1000,\"t_y\":\"one\",\"t_ts\":3000}",
        "{\"k\":\"2\",\"x\":20,\"ts\":2000,\"t_y\":null,\"t_ts\":null}",
        "{\"k\":\"3\",\"x\":30,\"ts\":12000,\"t_y\":null,\"t_ts\":null}");
  }

  // ---------------------------------------------------------------------------------------------

  /** Loads a file with {@code stage} and returns its problems as text ("" if it loads). */
  private String problems(String stage) {
    String text = """
        {%s,
         "stages": [
          %s],
         "sinks": [{"name": "out", "type": "jsonl", "input": "j", "path": "out.jsonl"},
                   {"name": "all-b", "type": "jsonl", "input": "b", "path": "b-out.jsonl"}]}
        """.formatted(TWO_SOURCES, stage);
    try {
      PipelineFile.parse(text, "p.json", dir, false, LoadOptions.defaults(), StageRegistry.load());
      return "";
    } catch (PipelineFileException e) {
      return String.join("\n", e.problems().stream().map(Problem::toString).toList());
    }
  }

  private static final String J = "\"name\": \"j\", \"type\": \"join\", \"left\": \"a\", \"right\": \"b\", ";
  private static final String W = ", \"rightPrefix\": \"r_\", \"window\": {\"type\": \"tumbling\", \"size\": \"1m\"}";

  @Test
  void joinProblemsAreReportedWithTheirLocation() {
    assertThat(problems("{" + J + "\"keyBy\": \"k\"" + W + "}")).isEmpty();
    // The stage is on line 7; the stage's text starts at column 3.
    assertThat(problems("{" + J + "\"keyBy\": \"k\", \"windw\": {}" + W + "}"))
        .isEqualTo("p.json:7:83: $.stages[0].windw: unknown field 'windw'; fields here: "
            + "[name, type, input, inputs, left, right, parallelism, backpressure, queueCapacity, "
            + "onError, description, uid, eventTime, keyBy, leftKey, rightKey, joinType, "
            + "leftPrefix, rightPrefix, between, window]");
    assertThat(problems("{" + J + "\"keyBy\": 5" + W + "}"))
        .isEqualTo("p.json:7:69: $.stages[0].keyBy: expected a string or an array of strings, found the number 5");
    assertThat(problems("{" + J + "\"leftKey\": \"k\", \"rightKey\": \"K\"" + W + "}"))
        .isEqualTo("p.json:7:88: $.stages[0].rightKey: unknown field 'K'; fields here: [k, y, ts]");
    assertThat(problems("{" + J + "\"leftKey\": \"x\", \"rightKey\": \"k\"" + W + "}"))
        .isEqualTo("p.json:7:88: $.stages[0].rightKey: the key fields differ in type: left 'x' is long, "
            + "right 'k' is string; keys meet only when equal, so they must have the same type "
            + "(convert one with a map stage)");
    assertThat(problems("{" + J.replace("\"b\"", "\"bb\"") + "\"keyBy\": \"k\"" + W + "}"))
        .startsWith("p.json:7:55: $.stages[0].right: unknown input 'bb'; nodes that can feed it: [a, b, j]");
    assertThat(problems("{\"name\": \"j\", \"type\": \"join\", \"input\": \"a\", \"keyBy\": \"k\"" + W + "}"))
        .contains("p.json:7:42: $.stages[0].input: a join stage names its inputs with ['left', 'right'], not 'input'")
        .contains("$.stages[0].left: missing field 'left'");
    assertThat(problems("{" + J + "\"keyBy\": \"k\", \"joinType\": \"left\", \"between\": {\"lower\": 0, \"upper\": \"1s\"}}"))
        .isEqualTo("p.json:7:86: $.stages[0].joinType: an interval join ('between') is inner only; outer joins need a 'window'");
    assertThat(problems("{" + J + "\"keyBy\": \"k\", \"between\": {\"lower\": 5000, \"upper\": \"1s\"}}"))
        .isEqualTo("p.json:7:110: $.stages[0].between.upper: the interval is empty: lower (5000 ms) > upper (1000 ms)");
    assertThat(problems("{" + J + "\"keyBy\": \"k\"}"))
        .startsWith("p.json:7:3: $.stages[0].window: missing field 'window'");
    assertThat(problems("{" + J + "\"keyBy\": \"k\", \"joinType\": \"outer\"" + W + "}"))
        .isEqualTo("p.json:7:86: $.stages[0].joinType: 'outer' is not one of [inner, left, right, full]");
    assertThat(problems("{" + J + "\"keyBy\": \"k\", \"window\": {\"type\": \"tumbling\", \"size\": \"1m\"}}"))
        .isEqualTo("p.json:7:3: $.stages[0].rightPrefix: the output would have two fields 'ts'; "
            + "give 'rightPrefix' (e.g. \"right_\") to tell them apart");
  }

  @Test
  void enrichAndAnomalyProblemsAreReportedWithTheirLocation() {
    String e = "\"name\": \"j\", \"type\": \"enrich\", \"input\": \"a\", \"table\": \"b\", \"keyBy\": \"k\", ";
    assertThat(problems("{" + e + "\"tablePrefix\": \"t_\"}")).isEmpty();
    assertThat(problems("{" + e + "\"tablePrefix\": \"t_\", \"delete\": \"z == 1\"}"))
        .isEqualTo("p.json:7:109: $.stages[0].delete: bad expression \"z == 1\": unknown field 'z'; "
            + "fields here: [k, y, ts] (at character 1)");
    assertThat(problems("{" + e + "\"tablePrefix\": \"t_\", \"joinType\": \"full\"}"))
        .isEqualTo("p.json:7:110: $.stages[0].joinType: 'full' is not one of [inner, left]");

    String a = "\"name\": \"j\", \"type\": \"anomaly\", \"input\": \"a\", ";
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"field\": \"x\", \"detector\": {\"type\": \"iqr\"}}")).isEmpty();
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"field\": \"x\", \"detector\": {\"type\": \"zcore\"}}"))
        .isEqualTo("p.json:7:99: $.stages[0].detector.type: 'zcore' is not one of [zscore, iqr, isolation-forest]");
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"field\": \"k\", \"detector\": {\"type\": \"zscore\"}}"))
        .isEqualTo("p.json:7:73: $.stages[0].field: the field 'k' has type string; expected [long, double]");
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"field\": \"x\", \"detector\": {\"type\": \"zscore\", \"minValues\": 1}}"))
        .isEqualTo("p.json:7:122: $.stages[0].detector.minValues: z-score minValues must be at least 2, was 1");
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"features\": [\"x\", \"ts\"], \"detector\": {\"type\": \"zscore\"}}"))
        .startsWith("p.json:7:76: $.stages[0].features: the z-score detector takes 1 value");
    assertThat(problems("{" + a + "\"field\": \"x\", \"detector\": {\"type\": \"iqr\", \"trees\": 5}}"))
        .contains("$.stages[0].keyBy: missing field 'keyBy'")
        .contains("p.json:7:101: $.stages[0].detector.trees: unknown field 'trees'");
    assertThat(problems("{" + a + "\"keyBy\": \"k\", \"field\": \"x\", \"window\": {\"values\": 5}, "
        + "\"detector\": {\"type\": \"isolation-forest\"}}"))
        .startsWith("p.json:7:88: $.stages[0].window: the detector needs");
  }

  @Test
  void zScoreAnomaliesPerKey() throws Exception {
    StringBuilder in = new StringBuilder();
    // Two sensors alternating small oscillations; one spike on s2.
    for (int i = 0; i < 40; i++) {
      double v = 20 + (i % 3) * 0.5;
      in.append("{\"s\": \"s1\", \"v\": ").append(v).append(", \"ts\": ").append(i * 1000L).append("}\n");
      double w = i == 30 ? 95.0 : 50 + (i % 2);
      in.append("{\"s\": \"s2\", \"v\": ").append(w).append(", \"ts\": ").append(i * 1000L + 1).append("}\n");
    }
    Files.writeString(dir.resolve("r.jsonl"), in);
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "r", "type": "jsonl", "path": "r.jsonl",
           "schema": {"s": "string", "v": "double", "ts": "long"}, "eventTime": {"timestampField": "ts"}}],
         "stages": [{"name": "spikes", "type": "anomaly", "input": "r", "keyBy": "s", "field": "v",
           "window": {"values": 20}, "detector": {"type": "zscore", "threshold": 4}}],
         "sinks": [{"name": "out", "type": "jsonl", "input": "spikes", "path": "out.jsonl"}]}
        """);
    TestFiles.run(file, LoadOptions.defaults());
    List<String> out = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(out).hasSize(1);
    JsonNode n = JSON.readTree(out.get(0));
    assertThat(n.get("s").asText()).isEqualTo("s2");
    assertThat(n.get("timestamp").asLong()).isEqualTo(30_001L);
    assertThat(n.get("value").asDouble()).isEqualTo(95.0);
    assertThat(n.get("score").asDouble()).isGreaterThan(4.0);
    assertThat(n.get("method").asText()).isEqualTo("z-score");
    assertThat(n.get("anomalous").asBoolean()).isTrue();
  }
}
