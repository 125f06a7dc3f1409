package dev.sluice.cep.correlate.internal;

import java.util.Arrays;

/**
 * The events of one (key, window) set, kept ordered by (timestamp, stream), arrival order among
 * equals, with a count per stream. Not thread-safe.
 */
final class SetBuffer {
  final long start;
  int[] streams;
  long[] times;
  Object[] events;
  int size;
  final int[] counts;

  SetBuffer(long start, int streamCount, int initial) {
    this.start = start;
    int n = Math.max(initial, 4);
    streams = new int[n];
    times = new long[n];
    events = new Object[n];
    counts = new int[streamCount];
  }

  /** Inserts after every event ordered before or equal to (timestamp, stream). */
  void insert(int stream, long timestamp, Object event) {
    if (size == events.length) {
      int n = size * 2;
      streams = Arrays.copyOf(streams, n);
      times = Arrays.copyOf(times, n);
      events = Arrays.copyOf(events, n);
    }
    int at = size;
    while (at > 0
        && (times[at - 1] > timestamp || (times[at - 1] == timestamp && streams[at - 1] > stream))) {
      at--;
    }
    System.arraycopy(streams, at, streams, at + 1, size - at);
    System.arraycopy(times, at, times, at + 1, size - at);
    System.arraycopy(events, at, events, at + 1, size - at);
    streams[at] = stream;
    times[at] = timestamp;
    events[at] = event;
    size++;
    counts[stream]++;
  }
}
