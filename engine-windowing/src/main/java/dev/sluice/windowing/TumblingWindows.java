package dev.sluice.windowing;

import java.time.Duration;
import java.util.Objects;

/**
 * Fixed-size, non-overlapping windows {@code [offset + i * size, offset + (i + 1) * size)}: each
 * event belongs to exactly one.
 *
 * <pre>
 * size 10, offset 0:  [0 ......... 10)[10 ........ 20)[20 ........ 30)
 * events:              x   x    x       x             x  x
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TumblingWindows implements WindowAssigner<Object> {
  private final long size;
  private final long offset;

  private TumblingWindows(long size, long offset) {
    if (size <= 0) {
      throw new IllegalArgumentException("window size must be > 0 ms, was " + size);
    }
    this.size = size;
    this.offset = Math.floorMod(offset, size);
  }

  /**
   * Tumbling windows of {@code size}, aligned to the epoch.
   *
   * @throws IllegalArgumentException if {@code size} is not positive (in milliseconds)
   */
  public static TumblingWindows of(Duration size) {
    return new TumblingWindows(Objects.requireNonNull(size, "size").toMillis(), 0);
  }

  /**
   * Tumbling windows of {@code sizeMillis} milliseconds, aligned to the epoch.
   *
   * @throws IllegalArgumentException if {@code sizeMillis <= 0}
   */
  public static TumblingWindows ofMillis(long sizeMillis) {
    return new TumblingWindows(sizeMillis, 0);
  }

  /**
   * These windows shifted by {@code offset} (taken modulo the size; e.g. hourly windows that
   * start at minute 15).
   */
  public TumblingWindows withOffset(Duration offset) {
    return new TumblingWindows(size, Objects.requireNonNull(offset, "offset").toMillis());
  }

  /** The window size in milliseconds. */
  public long sizeMillis() {
    return size;
  }

  /** The offset in milliseconds, in {@code [0, size)}. */
  public long offsetMillis() {
    return offset;
  }

  /** The start of the window holding {@code timestamp}. */
  public long windowStart(long timestamp) {
    return timestamp - Math.floorMod(timestamp - offset, size);
  }

  @Override
  public void assignWindows(Object event, long timestamp, WindowCollector windows) {
    long start = windowStart(timestamp);
    windows.window(start, start + size);
  }

  @Override
  public String toString() {
    return "TumblingWindows[size=" + size + "ms, offset=" + offset + "ms]";
  }
}
