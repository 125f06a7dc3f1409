package dev.sluice.pipeline.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.pipeline.LoadOptions;
import dev.sluice.pipeline.PipelineFile;
import dev.sluice.pipeline.PipelineFileException;
import dev.sluice.pipeline.PipelineRunner;
import dev.sluice.pipeline.StageRegistry;
import dev.sluice.pipeline.internal.stages.FrameStages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frame stages from a pipeline file. */
class FramePipelineFileTest {
  @TempDir Path dir;

  private static final String PIPELINE = """
      {"name": "imu",
       "sources": [{"name": "imu", "type": "frames", "channels": ["ax", "ay", "az"],
                    "count": 2000, "rate": 200, "seed": 11}],
       "stages": [
         {"name": "mag", "type": "frame-map", "input": "imu",
          "set": {"mag": "sqrt(ax*ax + ay*ay + az*az)", "az": "az - 1"}},
         {"name": "per-second", "type": "frame-window", "input": "mag",
          "window": {"type": "tumbling", "size": "1s"}, "ops": ["count", "mean", "max", "rms"],
          "channels": ["mag", "ax"]},
         {"name": "raw-second", "type": "frame-window", "input": "imu",
          "window": {"type": "tumbling", "size": "1s"}, "ops": ["min"]},
         {"name": "rows", "type": "frame-records", "input": "mag"}
       ],
       "sinks": [
         {"name": "stats", "type": "jsonl", "input": "per-second", "path": "stats.jsonl"},
         {"name": "raw", "type": "jsonl", "input": "raw-second", "path": "raw.jsonl"},
         {"name": "rows-file", "type": "jsonl", "input": "rows", "path": "rows.jsonl"}
       ]}
      """;

  /** A flat JSON object's numbers, in order. */
  private static Map<String, Double> parse(String line) throws Exception {
    Map<String, Double> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        out.put(name, t == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue());
      }
    }
    return out;
  }

  private PipelineFile load(String text) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
  }

  @Test
  void framesFanOutThroughExpressionsAndWindowsFromAFile() throws Exception {
    PipelineFile pf = load(PIPELINE);
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
      assertThat(r.succeeded()).as("%s", r.summary()).isTrue();
    }
    // imu and mag each feed two nodes (shared frames): every frame of both pools came back
    for (String node : List.of("imu", "mag")) {
      List<FramePool> pools = FrameStages.pools(node);
      assertThat(pools).as(node).hasSize(1);
      FramePool pool = pools.get(0);
      assertThat(pool.allocations() + pool.reuses()).as("%s", pool).isEqualTo(2000);
      assertThat(pool.outstanding()).as("%s", pool).isZero();
      assertThat(pool.doubleReleases()).isZero();
    }
    List<String> stats = Files.readAllLines(dir.resolve("stats.jsonl"));
    assertThat(stats).hasSize(10); // 2000 frames at 200/s: 10 seconds
    long frames = 0;
    for (String line : stats) {
      Map<String, Double> n = parse(line);
      assertThat(n.keySet()).containsExactly("windowStart", "windowEnd", "frames",
          "mag_count", "mag_mean", "mag_max", "mag_rms", "ax_count", "ax_mean", "ax_max", "ax_rms");
      assertThat(n.get("frames").longValue()).isEqualTo(200);
      assertThat(n.get("mag_max")).isGreaterThanOrEqualTo(n.get("mag_rms"));
      frames += n.get("frames").longValue();
    }
    assertThat(frames).isEqualTo(2000);
    assertThat(Files.readAllLines(dir.resolve("raw.jsonl"))).hasSize(10);

    List<String> rows = Files.readAllLines(dir.resolve("rows.jsonl"));
    assertThat(rows).hasSize(2000);
    Map<String, Double> first = parse(rows.get(0));
    assertThat(first.keySet()).containsExactly("timestamp", "sequence", "ax", "ay", "az", "mag");
    for (String line : rows) {
      Map<String, Double> n = parse(line);
      double ax = n.get("ax");
      double ay = n.get("ay");
      double az = n.get("az") + 1; // the file set az to az - 1; mag saw the input az
      assertThat(n.get("mag")).isCloseTo(Math.sqrt(ax * ax + ay * ay + az * az),
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(n.get("timestamp").longValue()).isEqualTo(n.get("sequence").longValue() * 5);
    }
  }

  @Test
  void frameStageMistakesAreLocated() throws Exception {
    String bad = """
        {"sources": [{"name": "imu", "type": "frames", "channels": ["ax", "ax"], "count": 10},
                     {"name": "in", "type": "jsonl", "path": "in.jsonl", "schema": {"x": "double"}}],
         "stages": [
           {"name": "w", "type": "frame-window", "input": "in",
            "window": {"type": "tumbling", "size": "1s"}, "ops": ["mean"]},
           {"name": "r", "type": "frame-records", "input": "imu"}],
         "sinks": [{"name": "a", "type": "jsonl", "input": "w", "path": "a.jsonl"},
                   {"name": "b", "type": "jsonl", "input": "r", "path": "b.jsonl"}]}
        """;
    assertThatThrownBy(() -> load(bad)).isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("$.sources[0].channels: channel 'ax' is named twice")
        .hasMessageContaining("a frame stage reads frames");

    String toSink = """
        {"sources": [{"name": "imu", "type": "frames", "channels": ["ax"], "count": 10}],
         "sinks": [{"name": "b", "type": "jsonl", "input": "imu", "path": "b.jsonl"}]}
        """;
    assertThatThrownBy(() -> load(toSink)).isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("$.sinks[0].input: 'imu' emits frames (frame(ax)); only frame stages");

    String dropping = PIPELINE.replace("\"type\": \"frame-records\", \"input\": \"mag\"",
        "\"type\": \"frame-records\", \"input\": \"mag\", \"backpressure\": \"drop-newest\"");
    assertThat(dropping).isNotEqualTo(PIPELINE);
    assertThatThrownBy(() -> load(dropping)).isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("$.stages[3].backpressure: a frame stage's input must block");

    String badExpr = """
        {"sources": [{"name": "imu", "type": "frames", "channels": ["ax"], "count": 10}],
         "stages": [
           {"name": "m", "type": "frame-map", "input": "imu", "set": {"y": "bx * 2"}},
           {"name": "w", "type": "frame-window", "input": "m",
            "window": {"type": "tumbling", "size": "1s"}, "ops": ["median"]}],
         "sinks": [{"name": "a", "type": "jsonl", "input": "w", "path": "a.jsonl"}]}
        """;
    assertThatThrownBy(() -> load(badExpr)).isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("unknown field 'bx'");
    String badOp = badExpr.replace("bx * 2", "ax * 2");
    assertThatThrownBy(() -> load(badOp)).isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("unknown operation 'median'");
  }
}
