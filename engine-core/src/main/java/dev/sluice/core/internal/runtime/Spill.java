package dev.sluice.core.internal.runtime;

/**
 * A FIFO of (item, timestamp) pairs that cannot be handed on yet. Grows as needed; it holds at
 * most what the operators emitted for the input being processed when downstream filled up.
 */
final class Spill {
  private Object[] items = new Object[16];
  private long[] timestamps = new long[16];
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

  Object peekItem() {
    return items[head];
  }

  long peekTimestamp() {
    return timestamps[head];
  }

  void removeFirst() {
    items[head] = null;
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
    } else {
      Object[] ni = new Object[items.length * 2];
      long[] nt = new long[items.length * 2];
      System.arraycopy(items, head, ni, 0, live);
      System.arraycopy(timestamps, head, nt, 0, live);
      items = ni;
      timestamps = nt;
    }
    head = 0;
    tail = live;
  }
}
