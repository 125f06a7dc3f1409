package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.KeyedValue;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import java.util.List;

/**
 * {@code aggregate}: a rolling aggregate per key ({@code keyBy}); after every record it emits the
 * key fields and the aggregates so far, optionally only those passing {@code having}.
 */
public final class AggregateStage implements StageFactory {
  @Override
  public String type() {
    return "aggregate";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "rolling aggregates per key, emitted after every record (optional 'having')";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    KeyFields key = KeyFields.compile(config, input);
    if (key != null && key.isEmpty()) {
      config.problem("keyBy", "missing field 'keyBy': the fields to group by");
      return null;
    }
    if (key == null) {
      return null;
    }
    RecordSchema.Builder b = RecordSchema.builder();
    key.addTo(b);
    Aggregates aggs = Aggregates.compile(config, input, b);
    if (aggs == null) {
      return null;
    }
    for (int i = 0; i < aggs.names.size(); i++) {
      b.add(aggs.names.get(i), aggs.types.get(i));
    }
    RecordSchema out = b.build();
    Expression having = config.has("having") ? config.expression("having", out, FieldType.BOOLEAN) : null;
    if (config.has("having") && having == null) {
      return null;
    }
    int keyCount = key.slots.length;
    return new CompiledStage() {
      @Override
      public RecordSchema outputSchema() {
        return out;
      }

      @Override
      public Stage<Record> apply(Stage<Record> in, StageSettings settings) {
        Stage<KeyedValue<Object, List<Object>>> agg =
            settings.applyTo(in.keyBy(key.keyFunction()).rollingAggregate(aggs.operation));
        Stage<Record> records = agg.map(kv -> {
          Object[] v = new Object[out.size()];
          key.unpack(kv.key(), v, 0);
          List<Object> results = kv.value();
          for (int i = 0; i < results.size(); i++) {
            v[keyCount + i] = results.get(i);
          }
          return new Record(out, v);
        }).named(settings.auxiliaryName("record"));
        return having == null ? records
            : records.filter(having::test).named(settings.auxiliaryName("having"));
      }

      @Override
      public boolean keyed() {
        return true;
      }

      @Override
      public String describe() {
        return "rolling " + aggs.descriptions + " by " + key.names
            + (having == null ? "" : " having " + having.text());
      }
    };
  }
}
