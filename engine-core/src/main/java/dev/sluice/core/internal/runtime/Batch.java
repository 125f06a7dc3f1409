package dev.sluice.core.internal.runtime;

import java.util.Arrays;

/**
 * A reusable block of events and control items crossing a queue between chains. The producer
 * fills it, publishes it, and the consumer returns it through the channel's recycle queue.
 */
final class Batch {
  final Object[] items;
  final long[] timestamps;
  /** Per event, the key its sender routed it by; null unless the channel carries keys. */
  final Object[] keys;
  /** Per event, the key group of {@link #keys}, or a negative marker; null unless keyed. */
  final int[] groups;
  int size;

  Batch(int capacity) {
    this(capacity, false);
  }

  Batch(int capacity, boolean keyed) {
    this.items = new Object[capacity];
    this.timestamps = new long[capacity];
    this.keys = keyed ? new Object[capacity] : null;
    this.groups = keyed ? new int[capacity] : null;
  }

  boolean isFull() {
    return size == items.length;
  }

  void add(Object item, long timestamp) {
    items[size] = item;
    timestamps[size] = timestamp;
    size++;
  }

  /** Adds an event with the key and key group its sender computed (keyed channels only). */
  void addKeyed(Object item, Object key, int group, long timestamp) {
    items[size] = item;
    timestamps[size] = timestamp;
    keys[size] = key;
    groups[size] = group;
    size++;
  }

  /** Clears references so that consumed events can be collected. */
  void clear() {
    Arrays.fill(items, 0, size, null);
    if (keys != null) {
      Arrays.fill(keys, 0, size, null);
    }
    size = 0;
  }
}
