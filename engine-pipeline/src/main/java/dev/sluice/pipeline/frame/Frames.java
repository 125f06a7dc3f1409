package dev.sluice.pipeline.frame;

import dev.sluice.core.Sink;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import dev.sluice.pipeline.Record;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.Windowing;

/**
 * Frame stages for the Java DSL. Each stage takes over the reference of every frame it receives
 * and either passes it on or releases it, so a pipeline whose branches end in {@link #window},
 * {@link #toRecords} or {@link #releasing} returns every frame to its pool.
 *
 * <pre>{@code
 * FramePool pool = FramePool.create("imu", FrameSchema.of("ax", "ay", "az"), 256);
 * Stage<Frame> frames = Frames.share(p.source(new FrameGenerator("imu", pool, 10_000, 100, 7, 0)), 2);
 * Frames.window(frames, TumblingWindows.ofMillis(1000), aggregates).sink(...);   // consumer 1
 * Frames.compute(frames, exprs, outPool).sink(Frames.releasing("done"));        // consumer 2
 * }</pre>
 *
 * <p>A frame stage that fails on a frame (an expression error) releases it before throwing, so
 * with a {@code skip} error policy nothing leaks.
 */
public final class Frames {
  private Frames() {}

  /**
   * Prepares {@code in} for a fan-out to {@code consumers} downstream stages: each frame is
   * retained {@code consumers - 1} more times, so every consumer gets the same frame (no copy) and
   * releases its own reference. Attach exactly {@code consumers} stages to the result.
   */
  public static Stage<Frame> share(Stage<Frame> in, int consumers) {
    if (consumers < 1) {
      throw new IllegalArgumentException("a fan-out needs at least one consumer, got " + consumers);
    }
    int extra = consumers - 1;
    return in.map(f -> extra == 0 ? f : f.retain(extra)).named(in.name() + ".share");
  }

  /** Per-channel expressions (see {@link ChannelExpressions#apply}); new frames come from {@code pool}. */
  public static Stage<Frame> compute(Stage<Frame> in, ChannelExpressions expressions, FramePool pool) {
    if (!pool.schema().equals(expressions.outputSchema())) {
      throw new IllegalArgumentException("pool '" + pool.name() + "' holds " + pool.schema()
          + " but the expressions make " + expressions.outputSchema());
    }
    return in.map(f -> expressions.apply(f, pool));
  }

  /**
   * Windowed channel aggregates: each frame's values are copied out and the frame released, then
   * engine-windowing aggregates them per window of {@code assigner} over the whole stream (one
   * instance). Event time comes from the frames' timestamps, with watermarks {@code
   * maxOutOfOrdernessMillis} behind; frames later than that are dropped by the window stage and
   * counted as its late events. Emits one record per window ({@link ChannelAggregates#outputSchema}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Stage<Record> window(Stage<Frame> in, WindowAssigner<?> assigner,
      ChannelAggregates aggregates, long maxOutOfOrdernessMillis, String name) {
    Stage<double[]> samples = in.withTimestamps(Frame::timestamp, maxOutOfOrdernessMillis)
        .named(name + ".timestamps")
        .map(f -> {
          try {
            return aggregates.sample(f);
          } finally {
            f.release();
          }
        }).named(name + ".sample");
    Stage<dev.sluice.windowing.WindowResult<Object, ChannelAggregates.Acc>> results =
        Windowing.of(samples).windowAll((WindowAssigner) assigner).named(name)
            .aggregate(aggregates.operation());
    return results.map(r -> aggregates.toRecord(r.start(), r.end(), r.value())).named(name + ".record");
  }

  /**
   * Frames as records {@code {timestamp, sequence, channels...}} (the frame's {@link
   * FrameSchema#recordView}), each frame released once converted.
   */
  public static Stage<Record> toRecords(Stage<Frame> in, FrameSchema schema) {
    dev.sluice.pipeline.RecordSchema view = schema.recordView();
    return in.map(f -> {
      try {
        Object[] v = new Object[schema.size() + 2];
        v[0] = f.timestamp();
        v[1] = f.sequence();
        for (int c = 0; c < schema.size(); c++) {
          v[c + 2] = f.get(c);
        }
        return new Record(view, v);
      } finally {
        f.release();
      }
    });
  }

  /** A sink that releases every frame it gets (the end of a branch that only observes frames). */
  public static Sink<Frame> releasing(String name) {
    return Sinks.callback(name, Frame::release);
  }
}
