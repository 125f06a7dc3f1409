package dev.sluice.windowing;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.operator.OutputTag;
import java.util.Objects;

/**
 * Entry point of the windowing DSL: windows over a keyed stage, or over a whole stream.
 *
 * <pre>{@code
 * Stage<WindowResult<String, Double>> averages =
 *     Windowing.of(readings.keyBy(Reading::device))
 *         .window(TumblingWindows.of(Duration.ofMinutes(1)))
 *         .allowedLateness(Duration.ofSeconds(30))
 *         .aggregate(AggregateOperations.averagingDouble(Reading::value));
 *
 * Stage<WindowResult<Void, Bid>> highest =
 *     Windowing.of(bids)
 *         .windowAll(TumblingWindows.of(Duration.ofSeconds(10)))
 *         .aggregate(AggregateOperations.maxBy(Comparator.comparingLong(Bid::price)));
 * }</pre>
 *
 * <p>Like the rest of the fluent API this only describes stages; nothing runs until the pipeline
 * is submitted. See docs/windowing.md.
 */
public final class Windowing {
  /**
   * The default late side output of a window stage: events later than the allowed lateness (all
   * of whose windows were released). Connect it with {@code results.sideOutput(LATE_EVENTS)};
   * for a typed stage give your own tag with {@code WindowedStage.lateEvents(tag)}.
   */
  public static final OutputTag<Object> LATE_EVENTS = OutputTag.of("late", Object.class);

  private Windowing() {}

  /**
   * The late events of a window stage, from its counts: what it emitted to its late side output,
   * connected ({@code sideOutput}) or not ({@code sideOutputDropped}, also part of {@code
   * dropped}). A window stage has no other side output, so these are its late events; in the
   * accounting identity they stand beside {@code out}, {@code filtered} and {@code dropped}.
   */
  public static long lateCount(StageCounts windowStage) {
    return windowStage.sideOutput() + windowStage.sideOutputDropped();
  }

  /** Windows per key of {@code keyed}. */
  public static <K, T> KeyedWindowing<K, T> of(KeyedStage<K, T> keyed) {
    return new KeyedWindowing<>(Objects.requireNonNull(keyed, "keyed"));
  }

  /** Windows over all events of {@code stage} (non-keyed). */
  public static <T> AllWindowing<T> of(Stage<T> stage) {
    return new AllWindowing<>(Objects.requireNonNull(stage, "stage"));
  }
}
