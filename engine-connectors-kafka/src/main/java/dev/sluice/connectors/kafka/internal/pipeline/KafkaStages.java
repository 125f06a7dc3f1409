package dev.sluice.connectors.kafka.internal.pipeline;

import dev.sluice.connectors.kafka.KafkaSink;
import dev.sluice.connectors.kafka.KafkaSinkConfig;
import dev.sluice.connectors.kafka.KafkaSource;
import dev.sluice.connectors.kafka.KafkaSourceConfig;
import dev.sluice.connectors.kafka.StartPosition;
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
import java.util.List;

/**
 * The pipeline-file types {@code kafka} (source and sink), registered with ServiceLoader when
 * engine-pipeline is present (it is an optional dependency of this module). See
 * docs/pipelines.md, "Connectors".
 */
public final class KafkaStages {
  private KafkaStages() {}

  static final String DEFAULT_SERVERS = "127.0.0.1:9092";

  /** The records a {@code kafka} source emits. */
  static final RecordSchema SCHEMA = RecordSchema.builder()
      .add("payload", FieldType.STRING)
      .add("key", FieldType.STRING)
      .add("topic", FieldType.STRING)
      .add("partition", FieldType.LONG)
      .add("offset", FieldType.LONG)
      .add("timestamp", FieldType.LONG)
      .build();

  static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static byte[] bytes(Object v) {
    return v == null ? null : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a topic in a consumer group; one record per Kafka record. */
  public static final class SourceFactory implements StageFactory {
    @Override
    public String type() {
      return "kafka";
    }

    @Override
    public Role role() {
      return Role.SOURCE;
    }

    @Override
    public String summary() {
      return "reads a Kafka topic in a consumer group: payload, key, topic, partition, offset, timestamp";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String servers = config.string("bootstrapServers", DEFAULT_SERVERS);
      String topic = config.string("topic");
      String group = config.string("group", "sluice");
      String start = config.choice("startPosition", "latest", List.of("earliest", "latest"));
      long maxRecords = config.longValue("maxRecords", 0, 0, Long.MAX_VALUE);
      if (config.problemCount() > before) {
        return null;
      }
      KafkaSourceConfig kc;
      try {
        kc = KafkaSourceConfig.builder(servers, group, topic)
            .startPosition("earliest".equals(start) ? StartPosition.earliest() : StartPosition.latest())
            .build();
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
          return LimitedSource.of(KafkaSource.of(kc, r -> new Record(SCHEMA, new Object[] {
              text(r.value()), text(r.key()), r.topic(), (long) r.partition(), r.offset(),
              r.timestamp()})), maxRecords);
        }

        @Override
        public String describe() {
          return "kafka " + topic + " group " + group + (maxRecords > 0 ? " (first " + maxRecords + ")" : "");
        }
      };
    }
  }

  /** Writes one Kafka record per record: the text of its payload field, keyed by its key field. */
  public static final class SinkFactory implements StageFactory {
    @Override
    public String type() {
      return "kafka";
    }

    @Override
    public Role role() {
      return Role.SINK;
    }

    @Override
    public String summary() {
      return "writes records to a Kafka topic (idempotent producer): a payload field and an optional key";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String servers = config.string("bootstrapServers", DEFAULT_SERVERS);
      String topic = config.string("topic");
      String field = config.field("field", input);
      String keyField = config.has("key") ? config.field("key", input) : null;
      if (config.problemCount() > before) {
        return null;
      }
      KafkaSinkConfig kc;
      try {
        kc = KafkaSinkConfig.builder(servers, topic).build();
      } catch (IllegalArgumentException e) {
        config.problem(config.node(), e.getMessage());
        return null;
      }
      int slot = input.slot(field);
      int keySlot = keyField == null ? -1 : input.slot(keyField);
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return null;
        }

        @Override
        public Sink<Record> sink(String name) {
          return KafkaSink.of(kc, r -> keySlot < 0 ? null : bytes(r.get(keySlot)), r -> bytes(r.get(slot)));
        }

        @Override
        public String describe() {
          return "kafka " + topic + " <- " + field + (keyField != null ? " key " + keyField : "");
        }
      };
    }
  }
}
