package dev.sluice.windowing;

import dev.sluice.core.Stage;
import java.util.Objects;

/**
 * Chooses the windows of a whole (non-keyed) stream. Obtained from {@link Windowing#of(Stage)}.
 * Results carry a null key. Immutable.
 *
 * @param <T> event type
 */
public final class AllWindowing<T> {
  private final Stage<T> stage;

  AllWindowing(Stage<T> stage) {
    this.stage = stage;
  }

  /**
   * Time windows over all events, assigned by {@code assigner}. An {@code aggregate} of
   * non-merging windows fired on the watermark is pre-aggregated on each parallel instance of
   * the input and combined in one place; anything else runs on one instance.
   */
  public WindowedStage<Void, T> windowAll(WindowAssigner<? super T> assigner) {
    return WindowedStage.all(stage, Objects.requireNonNull(assigner, "assigner"));
  }

  /** Tumbling count windows of {@code size} events over the whole stream (one instance). */
  public CountWindowedStage<Void, T> countWindowAll(long size) {
    return new CountWindowedStage<>(null, stage, size, size);
  }

  /** Sliding count windows over the whole stream (one instance). */
  public CountWindowedStage<Void, T> countWindowAll(long size, long slide) {
    return new CountWindowedStage<>(null, stage, size, slide);
  }
}
