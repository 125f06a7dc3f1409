package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.Expression;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import dev.sluice.windowing.SessionWindows;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.WindowedStage;
import dev.sluice.windowing.Windowing;
import java.time.Duration;
import java.util.List;

/**
 * {@code window}: event-time windows (tumbling, sliding, session) per key ({@code keyBy}) or over
 * the whole stream, aggregated with any operation of engine-windowing; emits one record per key
 * and window with the key fields, {@code windowStart}, {@code windowEnd} and the aggregates,
 * optionally only those passing {@code having}. Needs event time upstream ({@code eventTime} on
 * the source or a stage before it).
 */
public final class WindowStage implements StageFactory {
  @Override
  public String type() {
    return "window";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String summary() {
    return "tumbling/sliding/session event-time windows with aggregates per key (optional 'having')";
  }

  @Override
  public CompiledStage compile(StageConfig config, RecordSchema input) {
    KeyFields key = KeyFields.compile(config, input);
    StageConfig w = config.object("window");
    if (w == null && !config.has("window")) {
      config.problem("window", "missing field 'window', e.g. {\"type\": \"tumbling\", \"size\": \"1m\"}");
    }
    WindowAssigner<Object> assigner = w == null ? null : assigner(w);
    long lateness = config.millis("allowedLateness", 0, 0);
    if (key == null || assigner == null) {
      return null;
    }
    RecordSchema.Builder b = RecordSchema.builder();
    key.addTo(b);
    if (b.has("windowStart") || b.has("windowEnd")) {
      config.problem("keyBy", "'windowStart' and 'windowEnd' are the window's fields; rename the key field");
      return null;
    }
    b.add("windowStart", FieldType.LONG).add("windowEnd", FieldType.LONG);
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
        WindowedStage<Object, Record> windowed = key.isEmpty()
            ? windowAll(in, assigner)
            : Windowing.of(in.keyBy(key.keyFunction())).window(assigner);
        if (lateness > 0) {
          windowed.allowedLateness(Duration.ofMillis(lateness));
        }
        Stage<WindowResult<Object, List<Object>>> results =
            settings.applyTo(windowed.named(settings.name()).aggregate(aggs.operation));
        Stage<Record> records = results.map(wr -> {
          Object[] v = new Object[out.size()];
          if (keyCount > 0) {
            key.unpack(wr.key(), v, 0);
          }
          v[keyCount] = wr.start();
          v[keyCount + 1] = wr.end();
          List<Object> values = wr.value();
          for (int i = 0; i < values.size(); i++) {
            v[keyCount + 2 + i] = values.get(i);
          }
          return new Record(out, v);
        }).named(settings.auxiliaryName("record"));
        return having == null ? records
            : records.filter(having::test).named(settings.auxiliaryName("having"));
      }

      @Override
      public boolean keyed() {
        return !key.isEmpty();
      }

      @Override
      public String describe() {
        return assigner + " " + aggs.descriptions + (key.isEmpty() ? "" : " by " + key.names)
            + (having == null ? "" : " having " + having.text());
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static WindowedStage<Object, Record> windowAll(Stage<Record> in, WindowAssigner<Object> a) {
    return (WindowedStage) Windowing.of(in).windowAll(a);
  }

  static WindowAssigner<Object> assigner(StageConfig w) {
    String type = w.choice("type", null, List.of("tumbling", "sliding", "session"));
    if (type == null) {
      if (!w.has("type")) {
        w.problem("type", "missing field 'type': tumbling, sliding or session");
      }
      return null;
    }
    int before = w.problemCount();
    switch (type) {
      case "tumbling" -> {
        long size = w.millis("size", 1);
        long offset = w.millis("offset", 0, 0);
        if (w.problemCount() != before) {
          return null;
        }
        TumblingWindows t = TumblingWindows.ofMillis(size);
        return offset > 0 ? t.withOffset(Duration.ofMillis(offset)) : t;
      }
      case "sliding" -> {
        long size = w.millis("size", 1);
        long slide = w.millis("slide", 1);
        long offset = w.millis("offset", 0, 0);
        if (w.problemCount() != before) {
          return null;
        }
        if (slide > size) {
          w.problem("slide", "the slide (" + slide + " ms) must not exceed the size (" + size + " ms)");
          return null;
        }
        if (size % slide != 0) {
          w.problem("slide", "the size (" + size + " ms) must be a multiple of the slide (" + slide + " ms)");
          return null;
        }
        SlidingWindows s = SlidingWindows.ofMillis(size, slide);
        return offset > 0 ? s.withOffset(Duration.ofMillis(offset)) : s;
      }
      default -> {
        long gap = w.millis("gap", 1);
        return w.problemCount() != before ? null : SessionWindows.withGapMillis(gap);
      }
    }
  }
}
