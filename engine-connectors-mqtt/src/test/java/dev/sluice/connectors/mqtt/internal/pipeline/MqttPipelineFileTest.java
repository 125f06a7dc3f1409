package dev.sluice.connectors.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mqtt} source and sink of pipeline files, against Mosquitto on 127.0.0.1:1883. */
class MqttPipelineFileTest {
  @TempDir Path dir;

  private static Mqtt5BlockingClient client(String id) {
    Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id)
        .serverHost(MqttStages.DEFAULT_HOST).serverPort(MqttStages.DEFAULT_PORT).buildBlocking();
    return c;
  }

  @Test
  void theRegistryFindsTheMqttSourceAndSink() {
    StageRegistry registry = StageRegistry.load();
    assertThat(registry.find(StageFactory.Role.SOURCE, "mqtt")).isPresent();
    assertThat(registry.find(StageFactory.Role.SINK, "mqtt")).isPresent();
  }

  @Test
  void readsATopicFiltersAndWritesJsonLinesAndAnotherTopic() throws Exception {
    String u = UUID.randomUUID().toString();
    String in = "sluice-test/pipeline/in/" + u;
    String out = "sluice-test/pipeline/out/" + u;
    String clientId = "sluice-test-pipeline-" + u;
    // The source's session (client clientId-0) exists before the messages are published, so the
    // broker keeps them for it: no race with the job's start.
    Mqtt5BlockingClient session = client(clientId + "-0");
    session.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
    session.subscribeWith().topicFilter(in).qos(MqttQos.AT_LEAST_ONCE).send();
    session.disconnect();

    Mqtt5BlockingClient watcher = client("sluice-test-watch-" + u);
    watcher.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes received = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watcher.subscribeWith().topicFilter(out).qos(MqttQos.AT_LEAST_ONCE).send();
      Mqtt5BlockingClient publisher = client("sluice-test-pub-" + u);
      publisher.connect();
      for (String p : List.of("alpha", "skip", "beta", "skip", "gamma")) {
        publisher.publishWith().topic(in).qos(MqttQos.AT_LEAST_ONCE)
            .payload(p.getBytes(StandardCharsets.UTF_8)).send();
      }
      publisher.disconnect();

      Path file = dir.resolve("p.json");
      Files.writeString(file, """
          {"sources": [{"name": "in", "type": "mqtt", "topic": "%s", "clientId": "%s", "maxRecords": 5}],
           "stages": [{"name": "keep", "type": "filter", "input": "in", "condition": "payload != 'skip'"}],
           "sinks": [{"name": "file", "type": "jsonl", "input": "keep", "path": "out.jsonl"},
                     {"name": "back", "type": "mqtt", "input": "keep", "topic": "%s",
                      "clientId": "%s-sink", "field": "payload"}]}
          """.formatted(in, clientId, out, clientId), StandardCharsets.UTF_8);
      PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
      try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
        PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
        assertThat(r.succeeded()).as(r.summary()).isTrue();
      }
      List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"));
      assertThat(lines).hasSize(3);
      List<String> words = List.of("alpha", "beta", "gamma");
      for (int i = 0; i < 3; i++) {
        assertThat(lines.get(i)).matches("\\{\"payload\":\"" + words.get(i) + "\",\"topic\":\""
            + in + "\",\"qos\":1,\"retained\":false,\"timestamp\":\\d+\\}");
      }
      List<String> back = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Optional<Mqtt5Publish> m = received.receive(20, TimeUnit.SECONDS);
        assertThat(m).as("message %d on %s", i, out).isPresent();
        back.add(new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
      }
      assertThat(back).containsExactly("alpha", "beta", "gamma");
    } finally {
      watcher.disconnect();
      Mqtt5BlockingClient cleanup = client(clientId + "-0");
      cleanup.connectWith().cleanStart(true).sessionExpiryInterval(0).send();
      cleanup.disconnect();
    }
  }

  @Test
  void aSinkNamingAnUnknownFieldIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "mqtt", "topic": "a/#", "maxRecords": 1}],
         "sinks": [{"name": "back", "type": "mqtt", "input": "in", "topic": "b",
                    "field": "body"}]}
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
  void aSourceWithABadQosIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "mqtt", "topic": "a/#", "qos": 3}],
         "sinks": [{"name": "out", "type": "stdout", "input": "in"}]}
        """, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load()))
        .isInstanceOfSatisfying(PipelineFileException.class, e -> {
          assertThat(e.problems()).extracting(Problem::path).containsExactly("$.sources[0].qos");
          assertThat(e.problems().get(0).message()).contains("between 0 and 2");
        });
  }
}
