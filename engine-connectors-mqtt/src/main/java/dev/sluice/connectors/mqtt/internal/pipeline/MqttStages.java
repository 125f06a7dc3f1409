package dev.sluice.connectors.mqtt.internal.pipeline;

import dev.sluice.connectors.mqtt.MqttSink;
import dev.sluice.connectors.mqtt.MqttSinkConfig;
import dev.sluice.connectors.mqtt.MqttSource;
import dev.sluice.connectors.mqtt.MqttSourceConfig;
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
 * The pipeline-file types {@code mqtt} (source and sink), registered with ServiceLoader when
 * engine-pipeline is present (it is an optional dependency of this module). See
 * docs/pipelines.md, "Connectors".
 */
public final class MqttStages {
  private MqttStages() {}

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 1883;

  /** The records an {@code mqtt} source emits; {@code timestamp} is when the reader took it. */
  static final RecordSchema SCHEMA = RecordSchema.builder()
      .add("payload", FieldType.STRING)
      .add("topic", FieldType.STRING)
      .add("qos", FieldType.LONG)
      .add("retained", FieldType.BOOLEAN)
      .add("timestamp", FieldType.LONG)
      .build();

  /** Subscribes to a topic filter; one record per message. */
  public static final class SourceFactory implements StageFactory {
    @Override
    public String type() {
      return "mqtt";
    }

    @Override
    public Role role() {
      return Role.SOURCE;
    }

    @Override
    public String summary() {
      return "subscribes to an MQTT topic filter: payload, topic, qos, retained, timestamp (reception)";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String host = config.string("host", DEFAULT_HOST);
      int port = (int) config.longValue("port", DEFAULT_PORT, 1, 65_535);
      String clientId = config.string("clientId", "sluice");
      String topic = config.string("topic");
      int qos = (int) config.longValue("qos", 1, 0, 2);
      long maxRecords = config.longValue("maxRecords", 0, 0, Long.MAX_VALUE);
      if (config.problemCount() > before) {
        return null;
      }
      MqttSourceConfig mc;
      try {
        mc = MqttSourceConfig.builder(host, port, clientId, topic).qos(qos).build();
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
          return LimitedSource.of(MqttSource.fromMessages(name, mc, m -> new Record(SCHEMA,
              new Object[] {new String(m.payload(), StandardCharsets.UTF_8), m.topic(),
                  (long) m.qos(), m.retained(), System.currentTimeMillis()})), maxRecords);
        }

        @Override
        public String describe() {
          return "mqtt " + host + ":" + port + " " + topic
              + (maxRecords > 0 ? " (first " + maxRecords + ")" : "");
        }
      };
    }
  }

  /** Publishes one message per record: the text of its payload field, on the topic. */
  public static final class SinkFactory implements StageFactory {
    @Override
    public String type() {
      return "mqtt";
    }

    @Override
    public Role role() {
      return Role.SINK;
    }

    @Override
    public String summary() {
      return "publishes records to an MQTT topic: the text of a payload field";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String host = config.string("host", DEFAULT_HOST);
      int port = (int) config.longValue("port", DEFAULT_PORT, 1, 65_535);
      String clientId = config.string("clientId", "sluice-sink");
      String topic = config.string("topic");
      String field = config.field("field", input);
      int qos = (int) config.longValue("qos", 1, 0, 2);
      boolean retain = config.bool("retain", false);
      if (config.problemCount() > before) {
        return null;
      }
      MqttSinkConfig mc;
      try {
        mc = MqttSinkConfig.builder(host, port, clientId, topic).qos(qos).retain(retain).build();
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
          return MqttSink.of(name, mc, r -> {
            Object v = r.get(slot);
            return v == null ? new byte[0] : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
          });
        }

        @Override
        public String describe() {
          return "mqtt " + host + ":" + port + " " + topic + " <- " + field;
        }
      };
    }
  }
}
