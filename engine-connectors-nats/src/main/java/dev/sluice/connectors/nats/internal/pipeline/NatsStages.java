package dev.sluice.connectors.nats.internal.pipeline;

import dev.sluice.connectors.nats.JetStreamSink;
import dev.sluice.connectors.nats.JetStreamSource;
import dev.sluice.connectors.nats.NatsSinkConfig;
import dev.sluice.connectors.nats.NatsSourceConfig;
import dev.sluice.core.Sink;
import dev.sluice.core.Source;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.LimitedSource;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import java.nio.charset.StandardCharsets;

/**
 * The pipeline-file types {@code nats} (JetStream source and sink), registered with
 * ServiceLoader when engine-pipeline is present (it is an optional dependency of this module).
 * See docs/pipelines.md, "Connectors".
 */
public final class NatsStages {
  private NatsStages() {}

  static final String DEFAULT_URL = "nats://127.0.0.1:4222";

  /** The records a {@code nats} source emits. */
  static final RecordSchema SCHEMA = RecordSchema.builder()
      .add("payload", FieldType.STRING)
      .add("subject", FieldType.STRING)
      .add("sequence", FieldType.LONG)
      .add("timestamp", FieldType.LONG)
      .add("deliveries", FieldType.LONG)
      .build();

  /** Reads a stream through a durable pull consumer; one record per message. */
  public static final class SourceFactory implements StageFactory {
    @Override
    public String type() {
      return "nats";
    }

    @Override
    public Role role() {
      return Role.SOURCE;
    }

    @Override
    public String summary() {
      return "reads a NATS JetStream stream (durable consumer): payload, subject, sequence, timestamp, deliveries";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String url = config.string("url", DEFAULT_URL);
      String stream = config.string("stream");
      String subject = config.string("subject");
      String durable = config.string("durable", "sluice");
      boolean createStream = config.bool("createStream", true);
      int batchSize = (int) config.longValue("batchSize", 256, 1, 100_000);
      long maxRecords = config.longValue("maxRecords", 0, 0, Long.MAX_VALUE);
      if (config.problemCount() > before) {
        return null;
      }
      NatsSourceConfig nc;
      try {
        nc = NatsSourceConfig.builder(url, stream, subject, durable).createStream(createStream)
            .batchSize(batchSize).maxAckPending(Math.max(1024, batchSize)).build();
      } catch (IllegalArgumentException e) {
        config.problem(config.node(), e.getMessage());
        return null;
      }
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return SCHEMA;
        }

        @Override
        public Source<Record> source(String name) {
          return LimitedSource.of(JetStreamSource.fromMessages(name, nc, m -> new Record(SCHEMA,
              new Object[] {new String(m.data(), StandardCharsets.UTF_8), m.subject(),
                  m.streamSequence(), m.timestampMillis(), m.deliveries()})), maxRecords);
        }

        @Override
        public String describe() {
          return "nats " + stream + " " + subject + " durable " + durable
              + (maxRecords > 0 ? " (first " + maxRecords + ")" : "");
        }
      };
    }
  }

  /** Publishes one message per record: the text of its payload field, on the subject. */
  public static final class SinkFactory implements StageFactory {
    @Override
    public String type() {
      return "nats";
    }

    @Override
    public Role role() {
      return Role.SINK;
    }

    @Override
    public String summary() {
      return "publishes records to a NATS JetStream stream: the text of a payload field";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String url = config.string("url", DEFAULT_URL);
      String stream = config.string("stream");
      String subject = config.string("subject");
      String field = config.field("field", input);
      boolean createStream = config.bool("createStream", true);
      if (config.problemCount() > before) {
        return null;
      }
      NatsSinkConfig nc;
      try {
        nc = NatsSinkConfig.builder(url, stream, subject).createStream(createStream).build();
      } catch (IllegalArgumentException e) {
        config.problem(config.node(), e.getMessage());
        return null;
      }
      int slot = input.slot(field);
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return null;
        }

        @Override
        public Sink<Record> sink(String name) {
          return JetStreamSink.of(name, nc, r -> {
            Object v = r.get(slot);
            return v == null ? new byte[0] : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
          });
        }

        @Override
        public String describe() {
          return "nats " + stream + " " + subject + " <- " + field;
        }
      };
    }
  }
}
