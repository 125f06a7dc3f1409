package dev.sluice.core.internal.runtime;

/**
 * A FIFO of (item, timestamp) pairs that cannot be handed on yet. Grows as needed; it holds at
 * most what the operators emitted for the input being processed when downstream filled up.
 */
final class Spill {
  private Object[] items = new Object[16];
  private long[] timestamps = new long[16];
  /** Keys and key groups of spilled events; allocated on the first keyed add. */
  private Object[] keys;

  private int[] groups;
  private int head;
  private int tail;

  boolean isEmpty() {
    return head == tail;
  }

  int size() {
    return tail - head;
  }

  void add(Object item, long timestamp) {
    if (tail == items.length) {
      grow();
    }
    items[tail] = item;
    timestamps[tail] = timestamp;
    tail++;
  }

  /** Adds an event with its key and key group. */
  void addKeyed(Object item, Object key, int group, long timestamp) {
    if (keys == null) {
      keys = new Object[items.length];
      groups = new int[items.length];
    }
    add(item, timestamp);
    keys[tail - 1] = key;
    groups[tail - 1] = group;
  }

  Object peekKey() {
    return keys == null ? null : keys[head];
  }

  int peekGroup() {
    return keys == null ? KeyedOperatorLink.NO_KEY : groups[head];
  }

  Object peekItem() {
    return items[head];
  }

  long peekTimestamp() {
    return timestamps[head];
  }

  void removeFirst() {
    items[head] = null;
    if (keys != null) {
      keys[head] = null;
      groups[head] = KeyedOperatorLink.NO_KEY;
    }
    head++;
    if (head == tail) {
      head = 0;
      tail = 0;
    }
  }

  private void grow() {
    int live = tail - head;
    if (head > 0 && live < items.length / 2) {
      System.arraycopy(items, head, items, 0, live);
      System.arraycopy(timestamps, head, timestamps, 0, live);
      java.util.Arrays.fill(items, live, items.length, null);
      if (keys != null) {
        System.arraycopy(keys, head, keys, 0, live);
        System.arraycopy(groups, head, groups, 0, live);
        java.util.Arrays.fill(keys, live, keys.length, null);
      }
    } else {
      Object[] ni = new Object[items.length * 2];
      long[] nt = new long[items.length * 2];
      System.arraycopy(items, head, ni, 0, live);
      System.arraycopy(timestamps, head, nt, 0, live);
      items = ni;
      timestamps = nt;
      if (keys != null) {
        Object[] nk = new Object[ni.length];
        int[] ng = new int[ni.length];
        System.arraycopy(keys, head, nk, 0, live);
        System.arraycopy(groups, head, ng, 0, live);
        keys = nk;
        groups = ng;
      }
    }
    head = 0;
    tail = live;
  }
}
