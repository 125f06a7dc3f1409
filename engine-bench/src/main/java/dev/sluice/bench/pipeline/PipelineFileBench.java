package dev.sluice.bench.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sink;
import dev.sluice.core.SinkWriter;
import dev.sluice.core.Sources;
import dev.sluice.pipeline.LoadOptions;
import dev.sluice.pipeline.PipelineFile;
import dev.sluice.pipeline.PipelineRunner;
import dev.sluice.pipeline.StageRegistry;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import dev.sluice.windowing.aggregate.Aggregations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code sluice run} against the Java DSL on one job: JSON lines in (sensor readings, one per
 * 10 ms of event time, 100 sensors) → filter ({@code temperature > 25}) → one-minute tumbling
 * windows per sensor (average, maximum, count) → JSON lines out. {@link #pipelineFile} loads a
 * pipeline file and runs it with {@link PipelineRunner}, exactly as the command does (without
 * progress output); {@link #javaDsl} is the same pipeline written by hand: Jackson's streaming
 * parser into a record, lambdas, the same window operator, Jackson's generator, a blocking file
 * sink writing lines sorted by window as the file sink does. Each invocation runs a whole job
 * over {@link #N} lines; the score is input lines per second. Target: the file at least half the
 * DSL's throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineFileBench {
  static final int N = 500_000;
  static final JsonFactory JSON = new JsonFactory();

  Path dir;
  Path input;
  Path pipelineFile;
  PipelineFile loaded;
  Engine engine;

  /** A reading, as a Java user would declare it. */
  public record Reading(String sensorId, double temperature, double humidity, long ts) {}

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("pipeline-bench");
    input = dir.resolve("readings.jsonl");
    SplittableRandom r = new SplittableRandom(13);
    try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      for (int i = 0; i < N; i++) {
        w.write(String.format(Locale.ROOT,
            "{\"sensorId\":\"s%d\",\"temperature\":%.2f,\"humidity\":%.1f,\"ts\":%d}%n",
            i % 100, 15 + r.nextDouble() * 20, 30 + r.nextDouble() * 30, 1_767_225_600_000L + i * 10L));
      }
    }
    pipelineFile = dir.resolve("pipeline.json");
    Files.writeString(pipelineFile, """
        {
          "name": "bench",
          "sources": [{"name": "readings", "type": "jsonl", "path": "readings.jsonl",
            "schema": {"sensorId": "string", "temperature": "double", "humidity": "double", "ts": "long"},
            "eventTime": {"timestampField": "ts", "maxOutOfOrderness": "1s"}}],
          "stages": [
            {"name": "warm", "type": "filter", "input": "readings", "condition": "temperature > 25"},
            {"name": "per-minute", "type": "window", "input": "warm", "keyBy": "sensorId",
             "window": {"type": "tumbling", "size": "1m"},
             "aggregates": [{"name": "avgTemp", "op": "avg", "field": "temperature"},
                            {"name": "maxTemp", "op": "max", "field": "temperature"},
                            {"name": "n", "op": "count"}]}
          ],
          "sinks": [{"name": "out", "type": "jsonl", "input": "per-minute", "path": "file-out.jsonl"}]
        }
        """, StandardCharsets.UTF_8);
    loaded = PipelineFile.load(pipelineFile, LoadOptions.defaults(), StageRegistry.load());
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long pipelineFile() throws InterruptedException {
    PipelineRunner.Result r = new PipelineRunner(engine).run(loaded, PipelineRunner.Options.quiet());
    if (!r.succeeded()) {
      throw new IllegalStateException(r.summary());
    }
    return r.sinkEvents();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long javaDsl() throws Exception {
    Pipeline p = Pipeline.create();
    LinesSink sink = new LinesSink(dir.resolve("dsl-out.jsonl"));
    Windowing.of(p.source(Sources.fileLines("readings", input))
            .map(PipelineFileBench::parse)
            .withTimestamps(Reading::ts, 1000)
            .filter(x -> x.temperature() > 25)
            .keyBy(Reading::sensorId))
        .window(TumblingWindows.ofMillis(60_000))
        .aggregate(Aggregations.allOf(Aggregations.averagingDouble(Reading::temperature),
            Aggregations.maxDouble(Reading::temperature), Aggregations.counting()))
        .map(PipelineFileBench::format)
        .sink(sink);
    engine.submit(p, "dsl").join(Duration.ofMinutes(5));
    return sink.written;
  }

  static Reading parse(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      String sensor = null;
      double temp = Double.NaN;
      double hum = Double.NaN;
      long ts = 0;
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        switch (f) {
          case "sensorId" -> sensor = p.getText();
          case "temperature" -> temp = p.getDoubleValue();
          case "humidity" -> hum = p.getDoubleValue();
          case "ts" -> ts = p.getLongValue();
          default -> p.skipChildren();
        }
      }
      return new Reading(sensor, temp, hum, ts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Line format(WindowResult<String, dev.sluice.windowing.aggregate.Tuple3<Double, Double, Long>> w) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("sensorId", w.key());
      g.writeNumberField("windowStart", w.start());
      g.writeNumberField("windowEnd", w.end());
      g.writeNumberField("avgTemp", w.value().first());
      g.writeNumberField("maxTemp", w.value().second());
      g.writeNumberField("n", w.value().third());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Line(w.end(), out.toString());
  }

  /** A formatted line and its order key. */
  record Line(long order, String text) {}

  /** Collects lines and writes them sorted when the input ends, as the pipeline file sink does. */
  static final class LinesSink implements Sink<Line> {
    final Path path;
    volatile long written;

    LinesSink(Path path) {
      this.path = path;
    }

    @Override
    public String name() {
      return "out";
    }

    @Override
    public boolean isBlocking() {
      return true;
    }

    @Override
    public int maxParallelism() {
      return 1;
    }

    @Override
    public SinkWriter<Line> createWriter(int instanceIndex, int parallelism) {
      List<Line> lines = new ArrayList<>();
      return new SinkWriter<>() {
        @Override
        public boolean offer(Line event, long timestamp) {
          lines.add(event);
          return true;
        }

        @Override
        public void complete() throws IOException {
          lines.sort(Comparator.comparingLong(Line::order).thenComparing(Line::text));
          try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (Line l : lines) {
              w.write(l.text());
              w.write('\n');
            }
          }
          written = lines.size();
        }
      };
    }
  }
}
