package dev.sluice.windowing.internal;

import dev.sluice.windowing.TimeWindow;

/**
 * Recently used {@link TimeWindow} objects, so that the namespace of a window (or slice) is not
 * allocated per event: a direct-mapped table of 256 entries indexed by the window's bounds. Not
 * state (every entry can be made again from its bounds), so it may live in an operator field.
 */
final class WindowCache {
  private static final int SIZE = 256;
  private final TimeWindow[] entries = new TimeWindow[SIZE];

  TimeWindow get(long start, long end) {
    long h = start * 0x9E3779B97F4A7C15L + end;
    int i = (int) (h ^ (h >>> 29)) & (SIZE - 1);
    TimeWindow w = entries[i];
    if (w != null && w.start() == start && w.end() == end) {
      return w;
    }
    w = new TimeWindow(start, end);
    entries[i] = w;
    return w;
  }
}
