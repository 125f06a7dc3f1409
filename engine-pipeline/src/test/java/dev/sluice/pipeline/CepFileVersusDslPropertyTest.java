package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cep.AfterMatchSkipStrategy;
import dev.sluice.cep.Cep;
import dev.sluice.cep.CepStage;
import dev.sluice.cep.Match;
import dev.sluice.cep.Pattern;
import dev.sluice.cep.TimedOutMatch;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.testsupport.Generator;
import dev.sluice.testsupport.SeededRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random {@code cep} stage in a pipeline file and the same pattern written with engine-cep's
 * Java API give the same matches (and timed-out partial matches) on the same random input: two
 * or three steps with random event types, field conditions, contiguity (including negations),
 * quantifiers, {@code within} and after-match skip strategy; the file at a random parallelism,
 * the DSL at 1.
 */
class CepFileVersusDslPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = List.of("a", "b", "c");
  private static Engine engine;

  @TempDir Path dir;

  record Event(String key, String type, long v, long ts) {}

  /** One step: its event type, an optional threshold ({@code v > threshold}), contiguity, times. */
  record Step(String type, Long threshold, String follows, int times) {}

  record Case(List<Event> events, List<Step> steps, long within, String skip, boolean timedOut,
      int parallelism) {
    @Override
    public String toString() {
      return "Case[" + events.size() + " events, steps " + steps + ", within " + within
          + ", skip " + skip + (timedOut ? ", with timed-out" : "") + ", parallelism "
          + parallelism + "]";
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
    int n = g.intBetween(0, 200);
    List<Event> events = new ArrayList<>();
    long t = 1_000;
    int keys = g.intBetween(1, 4);
    for (int i = 0; i < n; i++) {
      t += g.intBetween(1, 30);
      events.add(new Event("k" + g.intBetween(0, keys - 1), TYPES.get(g.intBetween(0, 2)),
          g.longBetween(-10, 10), t));
    }
    int count = g.intBetween(2, 3);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean last = i == count - 1;
      String follows = i == 0 ? null : g.chance(0.2) && !last
          ? (g.bool() ? "notNext" : "notFollowedBy")
          : switch (g.intBetween(0, 2)) {
            case 0 -> "next";
            case 1 -> "followedByAny";
            default -> "followedBy";
          };
      boolean negation = follows != null && follows.startsWith("not");
      steps.add(new Step(TYPES.get(g.intBetween(0, 2)),
          g.chance(0.5) ? g.longBetween(-8, 8) : null, follows,
          negation || i == 0 ? 1 : g.intBetween(1, 3)));
    }
    long within = g.chance(0.7) ? g.longBetween(20, 400) : Pattern.NO_WITHIN;
    String skip = switch (g.intBetween(0, 2)) {
      case 0 -> "skipToNext";
      case 1 -> "skipPastLastEvent";
      default -> "noSkip";
    };
    return new Case(events, steps, within, skip,
        within != Pattern.NO_WITHIN && g.bool(), g.intBetween(1, 4));
  }

  @Test
  void randomCepFileAndDslAgree() {
    SeededRuns.forAll(12, CepFileVersusDslPropertyTest::generate, c -> {
      Path run = Files.createTempDirectory(dir, "try");
      assertThat(runFile(c, run)).isEqualTo(runDsl(c));
    });
  }

  static String name(int i) {
    return "s" + i;
  }

  private List<String> runFile(Case c, Path run) throws Exception {
    StringBuilder in = new StringBuilder();
    for (Event e : c.events()) {
      in.append(String.format(Locale.ROOT, "{\"key\":\"%s\",\"type\":\"%s\",\"v\":%d,\"ts\":%d}%n",
          e.key(), e.type(), e.v(), e.ts()));
    }
    Files.writeString(run.resolve("in.jsonl"), in, StandardCharsets.UTF_8);
    StringBuilder steps = new StringBuilder();
    StringBuilder select = new StringBuilder();
    for (int i = 0; i < c.steps().size(); i++) {
      Step s = c.steps().get(i);
      steps.append(i == 0 ? "" : ",\n").append("{\"name\":\"").append(name(i))
          .append("\",\"eventType\":\"").append(s.type()).append('"');
      if (s.threshold() != null) {
        steps.append(",\"where\":{\"field\":\"v\",\"operator\":\"gt\",\"value\":")
            .append(s.threshold()).append('}');
      }
      if (s.follows() != null) {
        steps.append(",\"follows\":\"").append(s.follows()).append('"');
      }
      if (s.times() > 1) {
        steps.append(",\"times\":").append(s.times());
      }
      steps.append('}');
      if (s.follows() == null || !s.follows().startsWith("not")) {
        select.append(select.length() == 0 ? "" : ",").append("{\"name\":\"n").append(i)
            .append("\",\"step\":\"").append(name(i)).append("\",\"op\":\"count\"}");
      }
    }
    String text = """
        {
          "name": "random-cep",
          "settings": {"parallelism": %d},
          "sources": [{"name": "in", "type": "jsonl", "path": "in.jsonl",
            "schema": {"key": "string", "type": "string", "v": "long", "ts": "long"},
            "eventTime": {"timestampField": "ts"}}],
          "stages": [
            {"name": "c", "type": "cep", "input": "in", "keyBy": "key", "eventTypeField": "type",
             "pattern": [%s], %s "afterMatch": "%s", "emit": "%s", "select": [%s]}
          ],
          "sinks": [{"name": "out", "type": "jsonl", "input": "c", "path": "out.jsonl"}]
        }
        """.formatted(c.parallelism(), steps,
        c.within() == Pattern.NO_WITHIN ? "" : "\"within\": " + c.within() + ",", c.skip(),
        c.timedOut() ? "both" : "matches", select);
    Path file = run.resolve("p.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
    PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
    assertThat(r.succeeded()).as(r.summary()).isTrue();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("out.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      StringBuilder b = new StringBuilder(n.get("key").asText()).append(' ')
          .append(n.get("start").asLong()).append(' ').append(n.get("end").asLong()).append(' ')
          .append(c.timedOut() ? n.get("outcome").asText() : "match");
      for (int i = 0; i < c.steps().size(); i++) {
        if (n.has("n" + i)) {
          b.append(' ').append(n.get("n" + i).asLong());
        }
      }
      out.add(b.toString());
    }
    out.sort(null);
    return out;
  }

  private List<String> runDsl(Case c) throws Exception {
    Pattern<Event> p = null;
    for (int i = 0; i < c.steps().size(); i++) {
      Step s = c.steps().get(i);
      String n = name(i);
      p = p == null ? Pattern.<Event>begin(n) : switch (s.follows()) {
        case "next" -> p.next(n);
        case "followedByAny" -> p.followedByAny(n);
        case "notNext" -> p.notNext(n);
        case "notFollowedBy" -> p.notFollowedBy(n);
        default -> p.followedBy(n);
      };
      String type = s.type();
      Long threshold = s.threshold();
      p = p.where(e -> e.type().equals(type) && (threshold == null || e.v() > threshold));
      if (s.times() > 1) {
        p = p.times(s.times());
      }
    }
    if (c.within() != Pattern.NO_WITHIN) {
      p = p.within(Duration.ofMillis(c.within()));
    }
    p = p.afterMatch(switch (c.skip()) {
      case "skipToNext" -> AfterMatchSkipStrategy.skipToNext();
      case "skipPastLastEvent" -> AfterMatchSkipStrategy.skipPastLastEvent();
      default -> AfterMatchSkipStrategy.noSkip();
    });
    Pipeline pipeline = Pipeline.create();
    Stage<Event> s = pipeline.source(Sources.fromList("in", c.events()))
        .withTimestamps(Event::ts, 0);
    List<Step> steps = c.steps();
    CepStage<String, Event, String> cep = Cep.on(s.keyBy(Event::key)).pattern(p)
        .select((String key, Match<Event> m) -> describe(key, m.timeOf(0), m.timeOf(m.size() - 1),
            "match", steps, name -> m.events(name).size()));
    CollectSink<String> sink = Sinks.collect("out");
    cep.matches().sink(sink);
    if (c.timedOut()) {
      CollectSink<TimedOutMatch<String, Event>> timedOut = Sinks.collect("timed-out");
      cep.timedOut().sink(timedOut);
      engine.submit(pipeline, "dsl").join(Duration.ofMinutes(2));
      List<String> out = new ArrayList<>(sink.items());
      for (TimedOutMatch<String, Event> t : timedOut.items()) {
        out.add(describe(t.key(), t.startTime(), t.timeoutTime(), "timedOut", steps,
            name -> t.events().getOrDefault(name, List.of()).size()));
      }
      out.sort(null);
      return out;
    }
    engine.submit(pipeline, "dsl").join(Duration.ofMinutes(2));
    List<String> out = new ArrayList<>(sink.items());
    out.sort(null);
    return out;
  }

  static String describe(String key, long start, long end, String outcome,
      List<Step> steps, java.util.function.ToIntFunction<String> count) {
    StringBuilder b = new StringBuilder(key).append(' ').append(start).append(' ').append(end)
        .append(' ').append(outcome);
    for (int i = 0; i < steps.size(); i++) {
      String f = steps.get(i).follows();
      if (f == null || !f.startsWith("not")) {
        b.append(' ').append(count.applyAsInt(name(i)));
      }
    }
    return b.toString();
  }
}
