package dev.sluice.pipeline.internal.stages;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.CompiledStage;
import dev.sluice.pipeline.ConfigNode;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import dev.sluice.pipeline.StageConfig;
import dev.sluice.pipeline.StageFactory;
import dev.sluice.pipeline.StageSettings;
import dev.sluice.pipeline.frame.ChannelAggregates;
import dev.sluice.pipeline.frame.ChannelExpressions;
import dev.sluice.pipeline.frame.Frame;
import dev.sluice.pipeline.frame.FrameEdges;
import dev.sluice.pipeline.frame.FrameGenerator;
import dev.sluice.pipeline.frame.FramePool;
import dev.sluice.pipeline.frame.FrameSchema;
import dev.sluice.pipeline.frame.Frames;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The frame stages of pipeline files: {@code frames}, {@code frame-map}, {@code frame-window}, {@code frame-records}. */
public final class FrameStages {
  private FrameStages() {}

  static final int DEFAULT_POOL = 1024;

  /** The last 64 pools made by file stages, for tests checking that every frame came back. */
  private static final java.util.ArrayDeque<FramePool> POOLS = new java.util.ArrayDeque<>();

  static FramePool pool(String name, FrameSchema schema, int capacity) {
    FramePool p = FramePool.create(name, schema, capacity);
    synchronized (POOLS) {
      if (POOLS.size() == 64) {
        POOLS.removeFirst();
      }
      POOLS.addLast(p);
    }
    return p;
  }

  /** Of the last 64 pools file stages made, those named {@code name} (a node's name). */
  public static List<FramePool> pools(String name) {
    synchronized (POOLS) {
      return POOLS.stream().filter(p -> p.name().equals(name)).toList();
    }
  }

  static FrameSchema input(StageConfig config, RecordSchema input) {
    ConfigNode bp = config.node().field("backpressure");
    if (bp != null && !"block".equals(bp.value())) {
      config.problem(bp, "a frame stage's input must block: a dropped frame would never go back to its pool");
    }
    FrameSchema s = FrameEdges.frameSchema(input);
    if (s == null) {
      config.problem("input", "a frame stage reads frames (from a 'frames' source or a frame-map stage), but its input emits records " + input);
    }
    return s;
  }

  /** Refuses a dropping backpressure given by the file's defaults (a node's own is refused at validation). */
  static void requireBlocking(StageSettings settings) {
    if (settings.backpressure() != null && settings.backpressure().kind() != BackpressureStrategy.Kind.BLOCK) {
      throw new IllegalArgumentException("frame stage '" + settings.name() + "': backpressure "
          + settings.backpressure() + " would drop frames without returning them to their pool; frame edges block");
    }
  }

  /** {@code frames}: synthetic multi-channel frames from a seeded generator. */
  public static final class Generator implements StageFactory {
    @Override
    public String type() {
      return "frames";
    }

    @Override
    public Role role() {
      return Role.SOURCE;
    }

    @Override
    public String summary() {
      return "synthetic multi-channel frames (channels, count, rate, seed) in pooled buffers";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      List<String> channels = config.strings("channels");
      long count = config.longValue("count", 0, Long.MAX_VALUE);
      double rate = config.doubleValue("rate", 100, 1e-3, 1e9);
      long seed = config.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
      long start = config.longValue("startMillis", 0, 0, Long.MAX_VALUE);
      int pool = (int) config.longValue("poolCapacity", DEFAULT_POOL, 1, 1 << 20);
      if (channels == null) {
        if (!config.has("channels")) {
          config.problem("channels", "missing field 'channels', a list of channel names such as [\"ax\", \"ay\"]");
        }
        return null;
      }
      FrameSchema schema;
      try {
        schema = FrameSchema.of(channels);
      } catch (IllegalArgumentException e) {
        config.problem("channels", e.getMessage());
        return null;
      }
      if (config.problemCount() != before) {
        return null;
      }
      RecordSchema out = FrameEdges.edgeSchema(schema);
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return out;
        }

        @Override
        public Source<Record> source(String name) {
          FrameGenerator g = new FrameGenerator(name, pool(name, schema, pool), count, rate, seed, start);
          return new Source<>() {
            @Override
            public String name() {
              return name;
            }

            @Override
            public SourceReader<Record> createReader(int instanceIndex, int parallelism) {
              SourceReader<Frame> r = g.createReader(instanceIndex, parallelism);
              return new SourceReader<>() {
                @Override
                public int read(SourceOutput<Record> o, int maxEvents) throws Exception {
                  return r.read(new SourceOutput<>() {
                    @Override
                    public void emit(Frame f) {
                      emit(f, f.timestamp());
                    }

                    @Override
                    public void emit(Frame f, long ts) {
                      o.emit(new Record(out, new Object[] {f}), ts);
                    }
                  }, maxEvents);
                }
              };
            }
          };
        }

        @Override
        public int maxParallelism() {
          return 1;
        }

        @Override
        public String describe() {
          return count + " frames of " + schema.channels() + " at " + rate + "/s, seed " + seed;
        }
      };
    }
  }

  /** {@code frame-map}: channels computed by expressions. */
  public static final class MapChannels implements StageFactory {
    @Override
    public String type() {
      return "frame-map";
    }

    @Override
    public Role role() {
      return Role.OPERATOR;
    }

    @Override
    public String summary() {
      return "sets frame channels from expressions over the frame's channels";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      FrameSchema in = input(config, input);
      int pool = (int) config.longValue("poolCapacity", DEFAULT_POOL, 1, 1 << 20);
      ConfigNode set = config.get("set");
      if (set == null) {
        config.problem("set", "missing field 'set': {\"channel\": \"expression\", ...}");
        return null;
      }
      if (set.kind() != ConfigNode.Kind.OBJECT || set.fields().isEmpty()) {
        config.problem(set, "expected an object of channel names to expressions, found " + set.describe());
        return null;
      }
      if (in == null) {
        return null;
      }
      RecordSchema view = in.recordView();
      Map<String, String> exprs = new LinkedHashMap<>();
      for (Map.Entry<String, ConfigNode> e : set.fields().entrySet()) {
        if (e.getKey().equals("timestamp") || e.getKey().equals("sequence")) {
          config.problem(e.getValue(), "'" + e.getKey() + "' is a frame field, not a channel");
          continue;
        }
        dev.sluice.pipeline.Expression x = config.expression(e.getValue(), view, null);
        if (x == null) {
          continue;
        }
        if (x.type() != dev.sluice.pipeline.FieldType.DOUBLE && x.type() != dev.sluice.pipeline.FieldType.LONG) {
          config.problem(e.getValue(), "channel '" + e.getKey() + "': \"" + x.text() + "\" gives a "
              + x.type().name().toLowerCase() + "; a channel needs a number");
          continue;
        }
        exprs.put(e.getKey(), x.text());
      }
      if (config.problemCount() != before) {
        return null;
      }
      ChannelExpressions ce = ChannelExpressions.compile(in, exprs);
      RecordSchema out = FrameEdges.edgeSchema(ce.outputSchema());
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return out;
        }

        @Override
        public Stage<Record> apply(Stage<Record> input, StageSettings settings) {
          requireBlocking(settings);
          FramePool p = pool(settings.name(), ce.outputSchema(), pool);
          return settings.applyTo(input.map(r -> new Record(out, new Object[] {ce.apply(FrameEdges.frame(r), p)})));
        }

        @Override
        public String describe() {
          return "channels " + exprs + " -> " + ce.outputSchema().channels();
        }
      };
    }
  }

  /** {@code frame-window}: per-channel aggregates over event-time windows. */
  public static final class Window implements StageFactory {
    @Override
    public String type() {
      return "frame-window";
    }

    @Override
    public Role role() {
      return Role.OPERATOR;
    }

    @Override
    public String summary() {
      return "per-channel mean/min/max/rms/sum/count of frames over tumbling or sliding windows";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      int before = config.problemCount();
      FrameSchema in = input(config, input);
      StageConfig w = config.object("window");
      if (w == null && !config.has("window")) {
        config.problem("window", "missing field 'window', e.g. {\"type\": \"tumbling\", \"size\": \"1s\"}");
      }
      WindowAssigner<Object> assigner = null;
      if (w != null) {
        if (w.has("type") && "session".equals(w.get("type").value())) {
          w.problem("type", "frame windows are tumbling or sliding");
        } else {
          assigner = WindowStage.assigner(w);
        }
      }
      List<String> opNames = config.strings("ops");
      List<String> channels = config.has("channels") ? config.strings("channels") : List.of();
      long ooo = config.millis("maxOutOfOrderness", 0, 0);
      if (opNames == null && !config.has("ops")) {
        config.problem("ops", "missing field 'ops', a list of: mean, min, max, rms, sum, count");
      }
      if (in == null || assigner == null || opNames == null || channels == null || config.problemCount() != before) {
        return null;
      }
      List<ChannelAggregates.Op> ops = new ArrayList<>();
      for (String o : opNames) {
        ChannelAggregates.Op op = ChannelAggregates.Op.parse(o);
        if (op == null) {
          config.problem("ops", "unknown operation '" + o + "'; operations: mean, min, max, rms, sum, count");
          return null;
        }
        ops.add(op);
      }
      ChannelAggregates aggs;
      try {
        aggs = ChannelAggregates.of(in, channels, ops);
      } catch (IllegalArgumentException e) {
        config.problem(channels.isEmpty() ? "ops" : "channels", e.getMessage());
        return null;
      }
      WindowAssigner<Object> a = assigner;
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return aggs.outputSchema();
        }

        @Override
        public Stage<Record> apply(Stage<Record> input, StageSettings settings) {
          requireBlocking(settings);
          Stage<Frame> frames = FrameEdges.unwrap(input, settings.auxiliaryName("frames"));
          Stage<double[]> samples = frames.withTimestamps(Frame::timestamp, ooo)
              .named(settings.auxiliaryName("timestamps"))
              .map(f -> {
                try {
                  return aggs.sample(f);
                } finally {
                  f.release();
                }
              }).named(settings.auxiliaryName("sample"));
          Stage<WindowResult<Void, ChannelAggregates.Acc>> results =
              settings.applyTo(Windowing.of(samples).windowAll(a).named(settings.name()).aggregate(aggs.operation()));
          return results.map(r -> aggs.toRecord(r.start(), r.end(), r.value())).named(settings.auxiliaryName("record"));
        }

        @Override
        public int maxParallelism() {
          return 1;
        }

        @Override
        public String describe() {
          return a + " " + aggs.describe();
        }
      };
    }
  }

  /** {@code frame-records}: frames as records {timestamp, sequence, channels...}. */
  public static final class Records implements StageFactory {
    @Override
    public String type() {
      return "frame-records";
    }

    @Override
    public Role role() {
      return Role.OPERATOR;
    }

    @Override
    public String summary() {
      return "turns frames into records {timestamp, sequence, channels...}, releasing them";
    }

    @Override
    public CompiledStage compile(StageConfig config, RecordSchema input) {
      FrameSchema in = input(config, input);
      if (in == null) {
        return null;
      }
      RecordSchema out = in.recordView();
      return new CompiledStage() {
        @Override
        public RecordSchema outputSchema() {
          return out;
        }

        @Override
        public Stage<Record> apply(Stage<Record> input, StageSettings settings) {
          requireBlocking(settings);
          return settings.applyTo(Frames.toRecords(FrameEdges.unwrap(input, settings.auxiliaryName("frames")), in));
        }

        @Override
        public String describe() {
          return "frames of " + in.channels() + " to records";
        }
      };
    }
  }
}
