package dev.sluice.connectors.redis.internal.pipeline;

import dev.sluice.connectors.redis.RedisSinkConfig;
import dev.sluice.connectors.redis.RedisSourceConfig;
import dev.sluice.connectors.redis.RedisStreamSink;
import dev.sluice.connectors.redis.RedisStreamSource;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline-file types {@code redis} (source and sink), registered with ServiceLoader when
 * engine-pipeline is present (it is an optional dependency of this module). See
 * docs/pipelines.md, "Connectors".
 */
public final class RedisStages {
  private RedisStages() {}

  static final String DEFAULT_URI = "redis://127.0.0.1:6379";

  /** The records a {@code redis} source emits. */
  static final RecordSchema SCHEMA = RecordSchema.builder()
      .add("payload", FieldType.STRING)
      .add("stream", FieldType.STRING)
      .add("id", FieldType.STRING)
      .add("timestamp", FieldType.LONG)
      .build();

  /** Reads a stream in a consumer group; one record per entry. */
  public static final class SourceFactory implements StageFactory {
    @Override
    public String type() {
      return "redis";
    }

    @Override
    public Role role() {
      return Role.SOURCE;
    }

    @Override
    public String summary() {
      return "reads a Redis stream in a consumer group: payload, stream, id, timestamp";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String uri = config.string("uri", DEFAULT_URI);
      String stream = config.string("stream");
      String group = config.string("group", "sluice");
      String consumer = config.string("consumer", "sluice");
      String startId = config.string("startId", "$");
      String payloadField = config.string("payloadField", "payload");
      int batchSize = (int) config.longValue("batchSize", RedisSourceConfig.DEFAULT_BATCH_SIZE, 1, 100_000);
      long maxRecords = config.longValue("maxRecords", 0, 0, Long.MAX_VALUE);
      if (config.problemCount() > before) {
        return null;
      }
      RedisSourceConfig rc;
      try {
        rc = RedisSourceConfig.builder(uri, stream, group).consumer(consumer).startId(startId)
            .batchSize(batchSize).maxUnacked(Math.max(batchSize, RedisSourceConfig.DEFAULT_MAX_UNACKED))
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
          return LimitedSource.of(RedisStreamSource.decoded(name, rc, e -> {
            byte[] p = e.field(payloadField);
            return new Record(SCHEMA, new Object[] {
                p == null ? null : new String(p, StandardCharsets.UTF_8), e.stream(), e.id(), e.idMillis()});
          }), maxRecords);
        }

        @Override
        public String describe() {
          return "redis " + stream + " group " + group + (maxRecords > 0 ? " (first " + maxRecords + ")" : "");
        }
      };
    }
  }

  /** Appends one entry per record (XADD): the payload field, and the key field if given. */
  public static final class SinkFactory implements StageFactory {
    @Override
    public String type() {
      return "redis";
    }

    @Override
    public Role role() {
      return Role.SINK;
    }

    @Override
    public String summary() {
      return "appends records to a Redis stream (XADD): a payload field and an optional key";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      String uri = config.string("uri", DEFAULT_URI);
      String stream = config.string("stream");
      String field = config.field("field", input);
      String keyField = config.has("key") ? config.field("key", input) : null;
      String payloadField = config.string("payloadField", "payload");
      long maxLength = config.longValue("maxLength", 0, 0, Long.MAX_VALUE);
      if (config.problemCount() > before) {
        return null;
      }
      RedisSinkConfig rc;
      try {
        rc = RedisSinkConfig.builder(uri, stream).maxLength(maxLength, true).build();
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
          return RedisStreamSink.fields(name, rc, r -> {
            Map<String, byte[]> m = new LinkedHashMap<>(4);
            m.put(payloadField, bytes(r.get(slot)));
            if (keySlot >= 0) {
              m.put("key", bytes(r.get(keySlot)));
            }
            return m;
          });
        }

        @Override
        public String describe() {
          return "redis " + stream + " <- " + field + (keyField != null ? " key " + keyField : "");
        }
      };
    }
  }

  /** A value's text as UTF-8 (null as the empty string: a stream entry has no null values). */
  static byte[] bytes(Object v) {
    return v == null ? new byte[0] : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
  }
}
