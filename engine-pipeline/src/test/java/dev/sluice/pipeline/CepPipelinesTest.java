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
 * The {@code cep} stage type in pipeline files: the fraud-sequence and abandoned-cart examples
 * against plain-Java references, the same bytes at every parallelism, small exact cases of the
 * pattern language (negation, quantifiers, anyOf, timed-out partial matches), and validation
 * problems with their location.
 */
class CepPipelinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  record Tx(String id, String account, String type, double amount, long ts) {}

  record CartEvent(String user, String type, String sku, double price, long ts) {}

  private static List<JsonNode> readJson(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void fraudSequenceExampleMatchesTheReference() throws Exception {
    TestFiles.copyExample("fraud-sequence", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    List<Tx> txs = new ArrayList<>();
    for (JsonNode n : readJson(dir.resolve("transactions.jsonl"))) {
      txs.add(new Tx(n.get("txId").asText(), n.get("accountId").asText(), n.get("type").asText(),
          n.get("amount").asDouble(), n.get("ts").asLong()));
    }
    // Reference: every deposit over 10000 with the first two withdrawals over 1000 of its account
    // after it, the second less than an hour after the deposit (skip till next, no after-match skip).
    List<String> expected = new ArrayList<>();
    for (Tx d : txs) {
      if (!d.type().equals("deposit") || !(d.amount() > 10000)) {
        continue;
      }
      List<Tx> w = new ArrayList<>();
      for (Tx t : txs) {
        if (t.account().equals(d.account()) && t.type().equals("withdrawal") && t.amount() > 1000
            && t.ts() > d.ts() && w.size() < 2) {
          w.add(t);
        }
      }
      if (w.size() == 2 && w.get(1).ts() - d.ts() < HOUR) {
        expected.add(String.format(Locale.ROOT, "%s %s %.2f %s %s %.2f %d %d %d", d.account(),
            d.id(), d.amount(), w.get(0).id(), w.get(1).id(),
            Math.round((w.get(0).amount() + w.get(1).amount()) * 100) / 100.0, d.ts(),
            w.get(1).ts(), (w.get(1).ts() - d.ts()) / 60_000));
      }
    }
    List<String> actual = new ArrayList<>();
    for (JsonNode n : readJson(dir.resolve("out/fraud-alerts.jsonl"))) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("accountId", "start", "end", "depositId", "deposit",
          "firstWithdrawalId", "lastWithdrawalId", "withdrawn", "minutes");
      actual.add(String.format(Locale.ROOT, "%s %s %.2f %s %s %.2f %d %d %d",
          n.get("accountId").asText(), n.get("depositId").asText(), n.get("deposit").asDouble(),
          n.get("firstWithdrawalId").asText(), n.get("lastWithdrawalId").asText(),
          n.get("withdrawn").asDouble(), n.get("start").asLong(), n.get("end").asLong(),
          n.get("minutes").asLong()));
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void abandonedCartExampleMatchesTheReference() throws Exception {
    TestFiles.copyExample("abandoned-cart", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    List<CartEvent> events = new ArrayList<>();
    for (JsonNode n : readJson(dir.resolve("events.jsonl"))) {
      events.add(new CartEvent(n.get("userId").asText(), n.get("eventType").asText(),
          n.get("sku").asText(), n.get("price").asDouble(), n.get("ts").asLong()));
    }
    // Reference: every add-to-cart with no checkout of its user after it and less than an hour
    // later (also at the end of the input: the hour then expires with the input).
    List<String> expected = new ArrayList<>();
    int checkedOut = 0;
    for (CartEvent a : events) {
      if (!a.type().equals("add-to-cart")) {
        continue;
      }
      boolean checkout = false;
      for (CartEvent c : events) {
        if (c.user().equals(a.user()) && c.type().equals("checkout") && c.ts() > a.ts()
            && c.ts() - a.ts() < HOUR) {
          checkout = true;
        }
      }
      if (checkout) {
        checkedOut++;
      } else {
        expected.add(String.format(Locale.ROOT, "%s %s %.2f %d %d", a.user(), a.sku(), a.price(),
            a.ts(), a.ts() + HOUR));
      }
    }
    List<String> actual = new ArrayList<>();
    for (JsonNode n : readJson(dir.resolve("out/abandoned-carts.jsonl"))) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("userId", "sku", "price", "addedAt", "expiredAt");
      actual.add(String.format(Locale.ROOT, "%s %s %.2f %d %d", n.get("userId").asText(),
          n.get("sku").asText(), n.get("price").asDouble(), n.get("addedAt").asLong(),
          n.get("expiredAt").asLong()));
    }
    assertThat(checkedOut).isPositive();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void cepExamplesWriteTheSameBytesAtEveryParallelism() throws Exception {
    for (String[] example : new String[][] {
        {"fraud-sequence", "out/fraud-alerts.jsonl"},
        {"abandoned-cart", "out/abandoned-carts.jsonl"}}) {
      Path d = Files.createDirectory(dir.resolve(example[0]));
      TestFiles.copyExample(example[0], d);
      List<byte[]> outputs = new ArrayList<>();
      for (int p : new int[] {1, 2, 4}) {
        TestFiles.run(d.resolve("pipeline.json"), LoadOptions.defaults().withParallelism(p));
        outputs.add(Files.readAllBytes(d.resolve(example[1])));
      }
      assertThat(outputs.get(0)).as(example[0]).isNotEmpty();
      assertThat(outputs.get(1)).as(example[0]).isEqualTo(outputs.get(0));
      assertThat(outputs.get(2)).as(example[0]).isEqualTo(outputs.get(0));
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static final String SOURCE = """
      "sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl",
        "schema": {"k": "string", "eventType": "string", "v": "long", "ts": "long"},
        "eventTime": {"timestampField": "ts"}}]""";

  /** Runs a one-cep-stage file over {@code lines}; returns the output lines. */
  private List<String> runCep(String stage, String... lines) throws Exception {
    Files.write(dir.resolve("in.jsonl"), List.of(lines));
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {%s,
         "stages": [%s],
         "sinks": [{"name": "out", "type": "jsonl", "input": "c", "path": "out.jsonl"}]}
        """.formatted(SOURCE, stage));
    TestFiles.run(file, LoadOptions.defaults());
    return Files.readAllLines(dir.resolve("out.jsonl"));
  }

  private static String ev(String k, String type, long v, long ts) {
    return "{\"k\":\"" + k + "\",\"eventType\":\"" + type + "\",\"v\":" + v + ",\"ts\":" + ts + "}";
  }

  @Test
  void strictContiguityNegationAndQuantifiers() throws Exception {
    // a next b: only an a right before a b.
    assertThat(runCep("""
        {"name": "c", "type": "cep", "input": "in", "keyBy": "k",
         "pattern": [{"name": "a", "eventType": "a"}, {"name": "b", "follows": "next", "eventType": "b"}],
         "select": [{"name": "av", "step": "a", "field": "v"}]}""",
        ev("x", "a", 1, 1000), ev("x", "c", 2, 2000), ev("x", "b", 3, 3000),
        ev("x", "a", 4, 4000), ev("x", "b", 5, 5000)))
        .containsExactly("{\"k\":\"x\",\"start\":4000,\"end\":5000,\"av\":4}");
    // a notNext c followedBy b: the a whose next event is not a c.
    assertThat(runCep("""
        {"name": "c", "type": "cep", "input": "in", "keyBy": "k",
         "pattern": [{"name": "a", "eventType": "a"},
                     {"name": "no-c", "follows": "notNext", "eventType": "c"},
                     {"name": "b", "eventType": "b"}],
         "select": [{"name": "av", "step": "a", "field": "v"}]}""",
        ev("x", "a", 1, 1000), ev("x", "c", 2, 2000), ev("x", "a", 4, 4000),
        ev("x", "d", 5, 5000), ev("x", "b", 6, 6000)))
        .containsExactly("{\"k\":\"x\",\"start\":4000,\"end\":6000,\"av\":4}");
    // a, then b between 2 and 3 times (greedy), until a "stop" event; sum and count of b.
    assertThat(runCep("""
        {"name": "c", "type": "cep", "input": "in", "keyBy": "k", "afterMatch": "skipPastLastEvent",
         "pattern": [{"name": "a", "eventType": "a"},
                     {"name": "b", "eventType": "b", "times": {"min": 2, "max": 3}, "greedy": true,
                      "where": {"field": "v", "operator": "gte", "value": 10}},
                     {"name": "end", "eventType": "end"}],
         "select": [{"name": "n", "step": "b", "op": "count"},
                    {"name": "total", "step": "b", "field": "v", "op": "sum"},
                    {"name": "top", "step": "b", "field": "v", "op": "max"}]}""",
        ev("y", "a", 0, 1000), ev("y", "b", 10, 2000), ev("y", "b", 5, 2500), ev("y", "b", 20, 3000),
        ev("y", "b", 30, 4000), ev("y", "end", 0, 5000)))
        .containsExactly("{\"k\":\"y\",\"start\":1000,\"end\":5000,\"n\":3,\"total\":60,\"top\":30}");
  }

  @Test
  void anyOfAndTimedOutPartialMatches() throws Exception {
    // anyOf: either a "card" or a "wire" over 100 after a "login", within 10 s.
    assertThat(runCep("""
        {"name": "c", "type": "cep", "input": "in", "keyBy": "k", "within": "10s",
         "pattern": [{"name": "login", "eventType": "login"},
                     {"anyOf": [{"name": "card", "eventType": "card"},
                                {"name": "wire", "eventType": "wire", "condition": "v > 100"}]}],
         "select": [{"name": "cards", "step": "card", "op": "count"},
                    {"name": "wires", "step": "wire", "op": "count"}]}""",
        ev("p", "login", 0, 1000), ev("p", "wire", 50, 2000), ev("p", "wire", 500, 3000),
        ev("q", "login", 0, 1000), ev("q", "card", 1, 4000),
        ev("r", "login", 0, 1000), ev("r", "card", 1, 12000)))
        .containsExactlyInAnyOrder(
            "{\"k\":\"p\",\"start\":1000,\"end\":3000,\"cards\":0,\"wires\":1}",
            "{\"k\":\"q\",\"start\":1000,\"end\":4000,\"cards\":1,\"wires\":0}");
    // Matches and timed-out partial matches in one output, told apart by "outcome"; a timed-out
    // one ends at start + within - 1.
    assertThat(runCep("""
        {"name": "c", "type": "cep", "input": "in", "keyBy": "k", "within": "10s", "emit": "both",
         "afterMatch": "skipPastLastEvent",
         "pattern": [{"name": "login", "eventType": "login"},
                     {"name": "pay", "eventType": "pay"}],
         "select": [{"name": "pays", "step": "pay", "op": "count"}]}""",
        ev("q", "login", 0, 1000), ev("q", "pay", 1, 4000),
        ev("r", "login", 0, 1000), ev("r", "pay", 1, 12000)))
        .containsExactlyInAnyOrder(
            "{\"k\":\"q\",\"start\":1000,\"end\":4000,\"outcome\":\"match\",\"pays\":1}",
            "{\"k\":\"r\",\"start\":1000,\"end\":10999,\"outcome\":\"timedOut\",\"pays\":0}");
  }

  // ---------------------------------------------------------------------------------------------

  /** Loads a file with {@code stage} and returns its problems as text ("" if it loads). */
  private String problems(String stage) {
    String text = """
        {%s,
         "stages": [
          %s],
         "sinks": [{"name": "out", "type": "jsonl", "input": "c", "path": "out.jsonl"}]}
        """.formatted(SOURCE, stage);
    try {
      PipelineFile.parse(text, "p.json", dir, false, LoadOptions.defaults(), StageRegistry.load());
      return "";
    } catch (PipelineFileException e) {
      return String.join("\n", e.problems().stream().map(Problem::toString).toList());
    }
  }

  private static final String C = "\"name\": \"c\", \"type\": \"cep\", \"input\": \"in\", ";
  private static final String P = "\"pattern\": [{\"name\": \"a\", \"eventType\": \"a\"}, "
      + "{\"name\": \"b\", \"eventType\": \"b\"}]";

  /**
   * The one problem of a file whose only stage is {@code stage}, located at the start of {@code
   * snippet} (the stage's text starts at line 5, column 3).
   */
  private void assertProblem(String stage, String snippet, String path, String message) {
    int at = stage.indexOf(snippet);
    assertThat(at).as("snippet %s", snippet).isNotNegative();
    assertThat(problems(stage)).isEqualTo("p.json:5:" + (3 + at) + ": " + path + ": " + message);
  }

  private static String step(String extra) {
    return "{" + C + "\"keyBy\": \"k\", " + P.replace("\"b\"}", "\"b\", " + extra + "}") + "}";
  }

  @Test
  void cepProblemsAreReportedWithTheirLocation() {
    assertThat(problems("{" + C + "\"keyBy\": \"k\", " + P + "}")).isEmpty();
    assertThat(problems("{" + C + P + "}"))
        .startsWith("p.json:5:3: $.stages[0].keyBy: missing field 'keyBy'");
    String s = "{" + C + "\"keyBy\": \"kk\", " + P + "}";
    assertProblem(s, "\"kk\"", "$.stages[0].keyBy",
        "unknown field 'kk'; fields here: [k, eventType, v, ts]");
    assertThat(problems("{" + C + "\"keyBy\": \"k\"}"))
        .isEqualTo("p.json:5:3: $.stages[0].pattern: missing field 'pattern'");
    s = "{" + C + "\"keyBy\": \"k\", \"pattern\": []}";
    assertProblem(s, "[]", "$.stages[0].pattern", "the pattern needs at least one step");
    s = "{" + C + "\"keyBy\": \"k\", \"eventTypeField\": \"v\", " + P + "}";
    assertProblem(s, "\"v\"", "$.stages[0].eventTypeField",
        "the field 'v' has type long; expected string");
    s = step("\"follows\": \"after\"");
    assertProblem(s, "\"after\"", "$.stages[0].pattern[1].follows",
        "'after' is not one of [followedBy, next, followedByAny, notNext, notFollowedBy]");
    s = "{" + C + "\"keyBy\": \"k\", \"pattern\": [{\"name\": \"a\", \"follows\": \"next\"}]}";
    assertProblem(s, "\"next\"", "$.stages[0].pattern[0].follows",
        "the first step follows nothing; 'follows' goes on later steps");
    s = step("\"times\": 0");
    assertProblem(s, "0}", "$.stages[0].pattern[1].times", "must be between 1 and 64, was 0");
    s = step("\"times\": {\"min\": 0}");
    assertProblem(s, "0}", "$.stages[0].pattern[1].times.min", "must be between 1 and 64, was 0");
    s = step("\"times\": {\"min\": 3, \"max\": 2}");
    assertProblem(s, "{\"min\"", "$.stages[0].pattern[1].times",
        "times(3, 2): need 1 <= min <= max <= 64");
    s = "{" + C + "\"keyBy\": \"k\", " + P.replace("{\"name\": \"b\"", "{\"name\": \"a\"") + "}";
    assertProblem(s, "\"a\", \"eventType\": \"b\"", "$.stages[0].pattern[1].name",
        "the step name 'a' is already used in this pattern");
    s = step("\"where\": {\"field\": \"w\", \"operator\": \"gt\", \"value\": 1}");
    assertProblem(s, "\"w\"", "$.stages[0].pattern[1].where.field",
        "unknown field 'w'; fields here: [k, eventType, v, ts]");
    s = step("\"where\": {\"field\": \"v\", \"operator\": \"gt\", \"value\": 1}, "
        + "\"filter\": {\"field\": \"v\", \"operator\": \"gt\", \"value\": 1}");
    assertProblem(s, "{\"field\": \"v\", \"operator\": \"gt\", \"value\": 1}}",
        "$.stages[0].pattern[1].filter", "give either 'where' or 'filter' (the same thing), not both");
    s = step("\"condition\": \"v >\"");
    assertThat(problems(s)).startsWith("p.json:5:")
        .contains("$.stages[0].pattern[1].condition: bad expression \"v >\"");
    s = step("\"follows\": \"notFollowedBy\"");
    assertThat(problems(s)).startsWith("p.json:5:3: $.stages[0].within: ").contains("within(...)");
    s = step("\"optional\": true, \"oneOrMore\": \"yes\"");
    assertProblem(s, "\"yes\"", "$.stages[0].pattern[1].oneOrMore",
        "expected true or false, found the string \"yes\"");
    s = step("\"times\": 2, \"oneOrMore\": true");
    assertThat(problems(s)).startsWith("p.json:5:" + (3 + s.indexOf("true}")) + ": "
        + "$.stages[0].pattern[1].oneOrMore: ");
    s = "{" + C + "\"keyBy\": \"k\", \"within\": \"an hour\", " + P + "}";
    assertProblem(s, "\"an hour\"", "$.stages[0].within",
        "cannot read the duration \"an hour\"; use e.g. 500ms, 10s, 5m, 1h, 2d");
    s = "{" + C + "\"keyBy\": \"k\", \"emit\": \"timedOut\", " + P + "}";
    assertProblem(s, "\"timedOut\"", "$.stages[0].emit",
        "timed-out partial matches need 'within' (without it nothing times out)");
    s = "{" + C + "\"keyBy\": \"k\", \"select\": [{\"name\": \"x\", \"step\": \"c\", \"field\": \"v\"}], " + P + "}";
    assertProblem(s, "\"c\", \"field\"", "$.stages[0].select[0].step",
        "unknown step 'c'; steps: [a, b]");
    s = "{" + C + "\"keyBy\": \"k\", \"select\": [{\"name\": \"x\", \"step\": \"a\", \"field\": \"eventType\", \"op\": \"sum\"}], " + P + "}";
    assertProblem(s, "\"eventType\", \"op\"", "$.stages[0].select[0].field",
        "the field 'eventType' has type string; expected [long, double]");
    s = "{" + C + "\"keyBy\": \"k\", \"select\": [{\"name\": \"start\", \"step\": \"a\", \"op\": \"count\"}], " + P + "}";
    assertProblem(s, "{\"name\": \"start\"", "$.stages[0].select[0]",
        "the output already has a field 'start'; choose another name");
    s = "{" + C + "\"keyBy\": \"k\", \"afterMatch\": {\"strategy\": \"skipToFirst\", \"step\": \"zz\"}, " + P + "}";
    assertProblem(s, "\"zz\"", "$.stages[0].afterMatch.step", "unknown step 'zz'; steps: [a, b]");
    s = "{" + C + "\"keyBy\": \"k\", \"patern\": [], " + P + "}";
    assertThat(problems(s)).startsWith("p.json:5:" + (3 + s.indexOf("[]")) + ": "
        + "$.stages[0].patern: unknown field 'patern'");
  }
}
