package dev.sluice.windowing;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of {@code size} starting every {@code slide}: {@code [offset + i * slide, offset + i *
 * slide + size)}. An event belongs to about {@code size / slide} windows.
 *
 * <pre>
 * size 10, slide 5:  [0 ......... 10)
 *                          [5 ......... 15)
 *                                [10 ........ 20)
 * events:              x    x     x
 * </pre>
 *
 * <p>The keyed window stage aggregates sliding windows by <b>slices</b> of {@code gcd(size,
 * slide)}: each event is accumulated once, into its slice; a firing combines the window's slices
 * and, when the aggregate operation can deduct, keeps a running window accumulator from which the
 * slices that leave are deducted (see docs/windowing.md).
 *
 * <p>Immutable and thread-safe.
 */
public final class SlidingWindows implements WindowAssigner<Object> {
  private final long size;
  private final long slide;
  private final long offset;

  private SlidingWindows(long size, long slide, long offset) {
    if (size <= 0) {
      throw new IllegalArgumentException("window size must be > 0 ms, was " + size);
    }
    if (slide <= 0) {
      throw new IllegalArgumentException("window slide must be > 0 ms, was " + slide);
    }
    if (slide > size) {
      throw new IllegalArgumentException(
          "window slide (" + slide + " ms) must not exceed the size (" + size + " ms)");
    }
    this.size = size;
    this.slide = slide;
    this.offset = Math.floorMod(offset, slide);
  }

  /**
   * Windows of {@code size} every {@code slide}, aligned to the epoch.
   *
   * @throws IllegalArgumentException if either is not positive, or the slide exceeds the size
   */
  public static SlidingWindows of(Duration size, Duration slide) {
    return new SlidingWindows(
        Objects.requireNonNull(size, "size").toMillis(),
        Objects.requireNonNull(slide, "slide").toMillis(),
        0);
  }

  /** Like {@link #of(Duration, Duration)}, in milliseconds. */
  public static SlidingWindows ofMillis(long sizeMillis, long slideMillis) {
    return new SlidingWindows(sizeMillis, slideMillis, 0);
  }

  /** These windows shifted by {@code offset} (taken modulo the slide). */
  public SlidingWindows withOffset(Duration offset) {
    return new SlidingWindows(size, slide, Objects.requireNonNull(offset, "offset").toMillis());
  }

  /** The window size in milliseconds. */
  public long sizeMillis() {
    return size;
  }

  /** The slide in milliseconds. */
  public long slideMillis() {
    return slide;
  }

  /** The offset in milliseconds, in {@code [0, slide)}. */
  public long offsetMillis() {
    return offset;
  }

  @Override
  public void assignWindows(Object event, long timestamp, WindowCollector windows) {
    long last = timestamp - Math.floorMod(timestamp - offset, slide);
    for (long start = last; start > timestamp - size; start -= slide) {
      windows.window(start, start + size);
    }
  }

  @Override
  public String toString() {
    return "SlidingWindows[size=" + size + "ms, slide=" + slide + "ms, offset=" + offset + "ms]";
  }
}
