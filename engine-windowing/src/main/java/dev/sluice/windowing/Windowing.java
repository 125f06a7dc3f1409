package dev.sluice.windowing;

import dev.sluice.core.KeyedStage;
import dev.sluice.core.Stage;
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
  private Windowing() {}

  /** Windows per key of {@code keyed}. */
  public static <K, T> KeyedWindowing<K, T> of(KeyedStage<K, T> keyed) {
    return new KeyedWindowing<>(Objects.requireNonNull(keyed, "keyed"));
  }

  /** Windows over all events of {@code stage} (non-keyed). */
  public static <T> AllWindowing<T> of(Stage<T> stage) {
    return new AllWindowing<>(Objects.requireNonNull(stage, "stage"));
  }
}
