package dev.sluice.connectors.redis.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.pipeline.LoadOptions;
import dev.sluice.pipeline.PipelineFile;
import dev.sluice.pipeline.PipelineFileException;
import dev.sluice.pipeline.PipelineRunner;
import dev.sluice.pipeline.Problem;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code redis} source and sink of pipeline files, against the Redis on 127.0.0.1:6379. */
class RedisPipelineFileTest {
  static RedisClient client;
  static StatefulRedisConnection<String, String> connection;
  static RedisCommands<String, String> redis;
  static final List<String> keys = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(RedisStages.DEFAULT_URI);
    connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void cleanUp() {
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
    connection.close();
    client.shutdown();
  }

  private static String uniqueKey(String what) {
    String k = "sluice-test:pipeline:" + what + ":" + UUID.randomUUID();
    keys.add(k);
    return k;
  }

  @Test
  void theRegistryFindsTheRedisSourceAndSink() {
    StageRegistry registry = StageRegistry.load();
    assertThat(registry.find(StageFactory.Role.SOURCE, "redis")).isPresent();
    assertThat(registry.find(StageFactory.Role.SINK, "redis")).isPresent();
  }

  @Test
  void readsAStreamFiltersAndWritesJsonLinesAndAnotherStream() throws Exception {
    String in = uniqueKey("in");
    String out = uniqueKey("out");
    List<String> payloads = List.of("alpha", "skip", "beta", "skip", "gamma");
    List<String> expected = new ArrayList<>();
    for (String p : payloads) {
      String id = redis.xadd(in, "payload", p, "other", "x");
      if (!p.equals("skip")) {
        long ms = Long.parseLong(id.substring(0, id.indexOf('-')));
        expected.add("{\"payload\":\"" + p + "\",\"stream\":\"" + in + "\",\"id\":\"" + id
            + "\",\"timestamp\":" + ms + "}");
      }
    }
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "redis", "stream": "%s", "group": "g1",
                      "startId": "0", "maxRecords": 5}],
         "stages": [{"name": "keep", "type": "filter", "input": "in", "condition": "payload != 'skip'"}],
         "sinks": [{"name": "file", "type": "jsonl", "input": "keep", "path": "out.jsonl"},
                   {"name": "back", "type": "redis", "input": "keep", "stream": "%s",
                    "field": "payload", "key": "id"}]}
        """.formatted(in, out), StandardCharsets.UTF_8);
    PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
      assertThat(r.succeeded()).as(r.summary()).isTrue();
    }
    // The file sink sorts by text (no event time here); the ids grow, so that is stream order.
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).containsExactlyElementsOf(expected);

    List<StreamMessage<String, String>> back = redis.xrange(out, io.lettuce.core.Range.create("-", "+"));
    assertThat(back).extracting(m -> m.getBody().get("payload")).containsExactly("alpha", "beta", "gamma");
    List<String> inIds = redis.xrange(in, io.lettuce.core.Range.create("-", "+")).stream()
        .filter(m -> !m.getBody().get("payload").equals("skip")).map(StreamMessage::getId).toList();
    assertThat(back).extracting(m -> m.getBody().get("key")).containsExactlyElementsOf(inIds);
    // Every entry read was acknowledged: nothing pending in the group.
    assertThat(redis.xpending(in, "g1").getCount()).isZero();
  }

  @Test
  void aSinkNamingAnUnknownFieldIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "redis", "stream": "s", "maxRecords": 1}],
         "sinks": [{"name": "back", "type": "redis", "input": "in", "stream": "t",
                    "field": "body", "key": "id"}]}
        """, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load()))
        .isInstanceOfSatisfying(PipelineFileException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          Problem p = e.problems().get(0);
          assertThat(p.path()).isEqualTo("$.sinks[0].field");
          assertThat(p.line()).isEqualTo(3);
          assertThat(p.message()).contains("unknown field 'body'");
        });
  }

  @Test
  void aSourceWithoutAStreamIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "redis", "maxRecords": -1}],
         "sinks": [{"name": "out", "type": "stdout", "input": "in"}]}
        """, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load()))
        .isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("$.sources[0].stream")
        .hasMessageContaining("missing field 'stream'")
        .hasMessageContaining("$.sources[0].maxRecords");
  }
}
