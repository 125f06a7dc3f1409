package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import dev.sluice.windowing.aggregate.Aggregations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random pipeline file and the same pipeline written with the Java DSL give the same output
 * on the same random input: filter (random operator and threshold), an optional map, tumbling or
 * sliding event-time windows per key with a random subset of aggregates, optional having; the
 * file runs at a random parallelism, the DSL at 1.
 */
class FileVersusDslPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Engine engine;

  @TempDir Path dir;

  record Event(String sensor, double value, long count, long ts) {}

  /** One random case, printable for the failure report. */
  record Case(List<Event> events, String op, double threshold, boolean map, double scale,
      boolean sliding, long size, long slide, List<String> aggregates, Double having,
      long bound, int parallelism) {
    @Override
    public String toString() {
      return "Case[" + events.size() + " events, filter value " + op + " " + threshold
          + (map ? ", map value*" + scale : "") + (sliding ? ", sliding " + size + "/" + slide
          : ", tumbling " + size) + ", aggregates " + aggregates + ", having sum > " + having
          + ", bound " + bound + ", parallelism " + parallelism + "]";
    }
  }

  @BeforeAll
  static void start() {
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static Case generate(Generator g) {
    int n = g.intBetween(0, 400);
    List<Event> events = new ArrayList<>();
    long bound = g.pick(0L, 50L, 500L);
    long t = 1_000_000;
    int sensors = g.intBetween(1, 5);
    for (int i = 0; i < n; i++) {
      t += g.intBetween(0, 40);
      long ts = Math.max(0, t - g.longBetween(0, bound)); // out of order within the bound
      events.add(new Event("s" + g.intBetween(0, sensors - 1),
          g.decimalBetween(-100, 100, 2), g.longBetween(-5, 5), ts));
    }
    boolean sliding = g.bool();
    long slide = g.pick(50L, 100L, 250L);
    long size = sliding ? slide * g.intBetween(1, 4) : g.pick(100L, 300L, 1000L);
    List<String> all = List.of("count", "sum", "min", "max", "avg", "sumLong", "stddev");
    List<String> aggs = new ArrayList<>();
    for (String a : all) {
      if (g.chance(0.5)) {
        aggs.add(a);
      }
    }
    if (aggs.isEmpty()) {
      aggs.add("count");
    }
    return new Case(events, g.pick(">", "<", ">=", "<=", "!="), g.decimalBetween(-80, 80, 1),
        g.bool(), g.decimalBetween(-3, 3, 1), sliding, size, slide, aggs,
        g.chance(0.3) ? g.decimalBetween(-100, 100, 0) : null, bound, g.intBetween(1, 4));
  }

  @Test
  void randomFileAndDslAgree() {
    SeededRuns.forAll(12, FileVersusDslPropertyTest::generate, c -> {
      Path run = Files.createTempDirectory(dir, "try");
      assertThat(runFile(c, run)).isEqualTo(runDsl(c));
    });
  }

  private List<String> runFile(Case c, Path run) throws Exception {
    StringBuilder in = new StringBuilder();
    for (Event e : c.events()) {
      in.append(String.format(Locale.ROOT, "{\"sensor\":\"%s\",\"value\":%s,\"count\":%d,\"ts\":%d}%n",
          e.sensor(), e.value(), e.count(), e.ts()));
    }
    Files.writeString(run.resolve("in.jsonl"), in, StandardCharsets.UTF_8);
    StringBuilder aggs = new StringBuilder();
    for (String a : c.aggregates()) {
      String spec = switch (a) {
        case "count" -> "{\"name\":\"count\",\"op\":\"count\"}";
        case "sumLong" -> "{\"name\":\"sumLong\",\"op\":\"sum\",\"field\":\"count\"}";
        default -> "{\"name\":\"" + a + "\",\"op\":\"" + a + "\",\"field\":\"value\"}";
      };
      aggs.append(aggs.length() == 0 ? "" : ",").append(spec);
    }
    String window = c.sliding()
        ? "{\"type\":\"sliding\",\"size\":" + c.size() + ",\"slide\":" + c.slide() + "}"
        : "{\"type\":\"tumbling\",\"size\":" + c.size() + "}";
    String having = c.having() == null ? "" : ",\"having\":\"hv > " + c.having() + "\"";
    String hvAgg = c.having() == null ? "" : ",{\"name\":\"hv\",\"op\":\"sum\",\"field\":\"value\"}";
    String text = """
        {
          "name": "random",
          "settings": {"parallelism": %d},
          "sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl",
            "schema": {"sensor": "string", "value": "double", "count": "long", "ts": "long"},
            "eventTime": {"timestampField": "ts", "maxOutOfOrderness": %d}}],
          "stages": [
            {"name": "f", "type": "filter", "input": "in", "condition": "value %s %s"},
            {"name": "m", "type": "map", "input": "f", "set": {"value": "%s"}},
            {"name": "w", "type": "window", "input": "m", "keyBy": "sensor", "window": %s,
             "aggregates": [%s%s]%s}
          ],
          "sinks": [{"name": "out", "type": "jsonl", "input": "w", "path": "out.jsonl"}]
        }
        """.formatted(c.parallelism(), c.bound(), c.op(), c.threshold(),
        c.map() ? "value * " + c.scale() : "value", window, aggs, hvAgg, having);
    Path file = run.resolve("p.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
    PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
    assertThat(r.succeeded()).as(r.summary()).isTrue();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("out.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      StringBuilder b = new StringBuilder(n.get("sensor").asText()).append(' ')
          .append(n.get("windowStart").asLong()).append(' ').append(n.get("windowEnd").asLong());
      for (String a : c.aggregates()) {
        JsonNode v = n.get(a);
        b.append(' ').append(a).append('=').append(v.isNull() ? "null" : v.isIntegralNumber()
            ? String.valueOf(v.asLong()) : String.valueOf(v.asDouble()));
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<String> runDsl(Case c) throws Exception {
    Pipeline p = Pipeline.create();
    Predicate<Event> keep = switch (c.op()) {
      case ">" -> e -> e.value() > c.threshold();
      case "<" -> e -> e.value() < c.threshold();
      case ">=" -> e -> e.value() >= c.threshold();
      case "<=" -> e -> e.value() <= c.threshold();
      default -> e -> e.value() != c.threshold();
    };
    Stage<Event> s = p.source(Sources.fromList("in", c.events()))
        .withTimestamps(Event::ts, c.bound())
        .filter(keep)
        .map(e -> c.map() ? new Event(e.sensor(), e.value() * c.scale(), e.count(), e.ts()) : e);
    List<AggregateOperation<? super Event, ?, ?>> ops = new ArrayList<>();
    for (String a : c.aggregates()) {
      ops.add(switch (a) {
        case "count" -> Aggregations.counting();
        case "sum" -> Aggregations.summingDouble(Event::value);
        case "min" -> Aggregations.minDouble(Event::value);
        case "max" -> Aggregations.maxDouble(Event::value);
        case "avg" -> Aggregations.averagingDouble(Event::value);
        case "sumLong" -> Aggregations.summingLong(Event::count);
        case "stddev" -> Aggregations.stddev(Event::value);
        default -> throw new IllegalStateException(a);
      });
    }
    if (c.having() != null) {
      ops.add(Aggregations.summingDouble(Event::value));
    }
    WindowAssigner<Object> assigner = c.sliding()
        ? SlidingWindows.ofMillis(c.size(), c.slide()) : TumblingWindows.ofMillis(c.size());
    CollectSink<WindowResult<String, List<Object>>> sink = Sinks.collect("out");
    Stage<WindowResult<String, List<Object>>> w = (Stage) Windowing.of(s.keyBy(Event::sensor))
        .window(assigner).aggregate(Aggregations.allOf(ops));
    w.sink(sink);
    engine.submit(p, "dsl").join(Duration.ofMinutes(2));
    List<String> out = new ArrayList<>();
    for (WindowResult<String, List<Object>> r : sink.items()) {
      List<Object> v = r.value();
      if (c.having() != null && !((Double) v.get(v.size() - 1) > c.having())) {
        continue;
      }
      StringBuilder b = new StringBuilder(r.key()).append(' ').append(r.start()).append(' ').append(r.end());
      for (int i = 0; i < c.aggregates().size(); i++) {
        Object x = v.get(i);
        if (x instanceof Double d && (d.isNaN() || d.isInfinite())) {
          x = null;
        }
        b.append(' ').append(c.aggregates().get(i)).append('=').append(x == null ? "null" : x);
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }
}
