package dev.sluice.windowing;

import dev.sluice.core.KeyedStage;
import java.util.Objects;

/**
 * Chooses the windows of a keyed stage: time windows from a {@link WindowAssigner}, or count
 * windows. Obtained from {@link Windowing#of(KeyedStage)}. Immutable.
 *
 * @param <K> key type
 * @param <T> event type
 */
public final class KeyedWindowing<K, T> {
  private final KeyedStage<K, T> keyed;

  KeyedWindowing(KeyedStage<K, T> keyed) {
    this.keyed = keyed;
  }

  /** Time windows per key, assigned by {@code assigner}. */
  public WindowedStage<K, T> window(WindowAssigner<? super T> assigner) {
    return WindowedStage.keyed(keyed, Objects.requireNonNull(assigner, "assigner"));
  }

  /**
   * Tumbling count windows: every {@code size} events of a key form a window.
   *
   * @throws IllegalArgumentException if {@code size < 1}
   */
  public CountWindowedStage<K, T> countWindow(long size) {
    return new CountWindowedStage<>(keyed, null, size, size);
  }

  /**
   * Sliding count windows: after every {@code slide}-th event of a key, a window of its last
   * {@code size} events (fewer at first).
   *
   * @throws IllegalArgumentException if {@code size < 1}, {@code slide < 1} or {@code slide >
   *     size}
   */
  public CountWindowedStage<K, T> countWindow(long size, long slide) {
    return new CountWindowedStage<>(keyed, null, size, slide);
  }
}
