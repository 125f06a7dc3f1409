package dev.sluice.connectors.kafka;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kafka} source and sink of pipeline files (registered from {@code
 * internal.pipeline.KafkaStages}), against the in-process test broker.
 */
class KafkaPipelineFileTest {
  @TempDir Path dir;

  @Test
  void theRegistryFindsTheKafkaSourceAndSink() {
    StageRegistry registry = StageRegistry.load();
    assertThat(registry.find(StageFactory.Role.SOURCE, "kafka")).isPresent();
    assertThat(registry.find(StageFactory.Role.SINK, "kafka")).isPresent();
  }

  @Test
  void readsATopicFiltersAndWritesJsonLinesAndAnotherTopic() throws Exception {
    String in = KafkaTestBroker.createTopic("pipeline-in", 1);
    String out = KafkaTestBroker.createTopic("pipeline-out", 1);
    KafkaTestBroker.produce(in, 1, List.of("alpha", "skip", "beta", "skip", "gamma"), 1000);
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "kafka", "bootstrapServers": "%s", "topic": "%s",
                      "group": "%s", "startPosition": "earliest", "maxRecords": 5}],
         "stages": [{"name": "keep", "type": "filter", "input": "in", "condition": "payload != 'skip'"}],
         "sinks": [{"name": "file", "type": "jsonl", "input": "keep", "path": "out.jsonl"},
                   {"name": "back", "type": "kafka", "input": "keep", "bootstrapServers": "%1$s",
                    "topic": "%4$s", "field": "payload", "key": "offset"}]}
        """.formatted(KafkaTestBroker.bootstrap(), in, in + "-group", out), StandardCharsets.UTF_8);
    PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
      assertThat(r.succeeded()).as(r.summary()).isTrue();
    }
    String f = "{\"payload\":\"%s\",\"key\":null,\"topic\":\"" + in
        + "\",\"partition\":0,\"offset\":%d,\"timestamp\":%d}";
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).containsExactly(
        f.formatted("alpha", 0, 1000), f.formatted("beta", 2, 1002), f.formatted("gamma", 4, 1004));
    List<ConsumerRecord<byte[], byte[]>> back =
        KafkaTestBroker.readAll(out, false, 3, Duration.ofSeconds(30));
    assertThat(KafkaTestBroker.valuesOf(back)).containsExactly("alpha", "beta", "gamma");
    assertThat(back).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("0", "2", "4");
  }

  @Test
  void aSinkNamingAnUnknownFieldIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "kafka", "topic": "t", "maxRecords": 1}],
         "sinks": [{"name": "back", "type": "kafka", "input": "in", "topic": "u",
                    "field": "payload", "key": "partitionKey"}]}
        """, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load()))
        .isInstanceOfSatisfying(PipelineFileException.class, e -> {
          assertThat(e.problems()).hasSize(1);
          Problem p = e.problems().get(0);
          assertThat(p.path()).isEqualTo("$.sinks[0].key");
          assertThat(p.line()).isEqualTo(3);
          assertThat(p.message()).contains("unknown field 'partitionKey'");
        });
  }
}
