package dev.sluice.connectors.nats.internal.pipeline;

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
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
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

/** The {@code nats} source and sink of pipeline files, against JetStream on 127.0.0.1:4222. */
class NatsPipelineFileTest {
  static Connection nc;
  static JetStream js;
  static JetStreamManagement jsm;
  static final List<String> streams = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void connect() throws Exception {
    nc = Nats.connect(NatsStages.DEFAULT_URL);
    js = nc.jetStream();
    jsm = nc.jetStreamManagement();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (String s : streams) {
      try {
        jsm.deleteStream(s);
      } catch (Exception e) {
        // already gone
      }
    }
    nc.close();
  }

  private static String stream(String what) throws Exception {
    String name = "sluice_test_pipeline_" + what + "_" + UUID.randomUUID().toString().replace("-", "");
    jsm.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>").build());
    streams.add(name);
    return name;
  }

  @Test
  void theRegistryFindsTheNatsSourceAndSink() {
    StageRegistry registry = StageRegistry.load();
    assertThat(registry.find(StageFactory.Role.SOURCE, "nats")).isPresent();
    assertThat(registry.find(StageFactory.Role.SINK, "nats")).isPresent();
  }

  @Test
  void readsAStreamFiltersAndWritesJsonLinesAndAnotherStream() throws Exception {
    String in = stream("in");
    String out = stream("out");
    List<String> payloads = List.of("alpha", "skip", "beta", "skip", "gamma");
    List<String> expected = new ArrayList<>();
    for (String p : payloads) {
      PublishAck ack = js.publish(in + ".in", p.getBytes(StandardCharsets.UTF_8));
      if (!p.equals("skip")) {
        long ts = jsm.getMessage(in, ack.getSeqno()).getTime().toInstant().toEpochMilli();
        expected.add("{\"payload\":\"" + p + "\",\"subject\":\"" + in + ".in\",\"sequence\":"
            + ack.getSeqno() + ",\"timestamp\":" + ts + ",\"deliveries\":1}");
      }
    }
    Path file = dir.resolve("p.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "nats", "stream": "%1$s", "subject": "%1$s.>",
                      "durable": "d1", "maxRecords": 5}],
         "stages": [{"name": "keep", "type": "filter", "input": "in", "condition": "payload != 'skip'"}],
         "sinks": [{"name": "file", "type": "jsonl", "input": "keep", "path": "out.jsonl"},
                   {"name": "back", "type": "nats", "input": "keep", "stream": "%2$s",
                    "subject": "%2$s.x", "field": "payload"}]}
        """.formatted(in, out), StandardCharsets.UTF_8);
    PipelineFile pf = PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load());
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2))) {
      PipelineRunner.Result r = new PipelineRunner(engine).run(pf, PipelineRunner.Options.quiet());
      assertThat(r.succeeded()).as(r.summary()).isTrue();
    }
    // Sorted by text (no event time here): "alpha" < "beta" < "gamma" is also stream order.
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).containsExactlyElementsOf(expected);
    long last = jsm.getStreamInfo(out).getStreamState().getLastSequence();
    List<String> back = new ArrayList<>();
    for (long seq = 1; seq <= last; seq++) {
      MessageInfo m = jsm.getMessage(out, seq);
      assertThat(m.getSubject()).isEqualTo(out + ".x");
      back.add(new String(m.getData(), StandardCharsets.UTF_8));
    }
    assertThat(back).containsExactly("alpha", "beta", "gamma");
  }

  @Test
  void aSinkNamingAnUnknownFieldIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "nats", "stream": "s", "subject": "s.>", "maxRecords": 1}],
         "sinks": [{"name": "back", "type": "nats", "input": "in", "stream": "t", "subject": "t.x",
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
  void aSourceWithoutASubjectIsALocatedProblem() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, """
        {"sources": [{"name": "in", "type": "nats", "stream": "s", "batchSize": 0}],
         "sinks": [{"name": "out", "type": "stdout", "input": "in"}]}
        """, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PipelineFile.load(file, LoadOptions.defaults(), StageRegistry.load()))
        .isInstanceOf(PipelineFileException.class)
        .hasMessageContaining("$.sources[0].subject")
        .hasMessageContaining("missing field 'subject'")
        .hasMessageContaining("$.sources[0].batchSize");
  }
}
