package dev.sluice.core.internal.runtime;

import java.util.Arrays;

/**
 * A reusable block of events and control items crossing a queue between chains. The producer
 * fills it, publishes it, and the consumer returns it through the channel's recycle queue.
 */
final class Batch {
  final Object[] items;
  final long[] timestamps;
  int size;

  Batch(int capacity) {
    this.items = new Object[capacity];
    this.timestamps = new long[capacity];
  }

  boolean isFull() {
    return size == items.length;
  }

  void add(Object item, long timestamp) {
    items[size] = item;
    timestamps[size] = timestamp;
    size++;
  }

  /** Clears references so that consumed events can be collected. */
  void clear() {
    Arrays.fill(items, 0, size, null);
    size = 0;
  }
}
