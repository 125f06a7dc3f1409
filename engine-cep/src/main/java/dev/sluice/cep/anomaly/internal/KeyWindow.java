package dev.sluice.cep.anomaly.internal;

import dev.sluice.cep.anomaly.RecentValues;
import java.util.Arrays;

/**
 * One key's window of recent values (a ring of values and their timestamps, oldest first), the
 * key's seed, event-time clock and pending cleanup timer, and the detector's model. The value of
 * the detection operator's keyed state. Not thread-safe.
 */
public final class KeyWindow<M> implements RecentValues {
  private static final int INITIAL = 16;

  final int capacity;
  double[] values;
  long[] times;
  int head;
  int size;
  /** The largest timestamp the key has seen. */
  long clock = Long.MIN_VALUE;
  /** The time of the key's pending cleanup timer, or Long.MIN_VALUE. */
  long timer = Long.MIN_VALUE;
  final long seed;
  M model;

  KeyWindow(int capacity, long seed) {
    this(capacity, seed, Math.min(capacity, INITIAL));
  }

  KeyWindow(int capacity, long seed, int allocated) {
    this.capacity = capacity;
    this.seed = seed;
    this.values = new double[Math.max(1, allocated)];
    this.times = new long[values.length];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public double value(int index) {
    return values[slot(index)];
  }

  @Override
  public long timestamp(int index) {
    return times[slot(index)];
  }

  private int slot(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a window of " + size);
    }
    int s = head + index;
    return s >= values.length ? s - values.length : s;
  }

  boolean isFull() {
    return size == capacity;
  }

  double oldestValue() {
    return values[head];
  }

  long oldestTime() {
    return times[head];
  }

  /** Removes the oldest value (the window must not be empty). */
  void removeOldest() {
    head = head + 1 == values.length ? 0 : head + 1;
    size--;
    if (size == 0) {
      head = 0;
    }
  }

  /** Appends a value (the window must not be full). */
  void append(double value, long timestamp) {
    if (size == values.length) {
      grow();
    }
    int s = head + size;
    if (s >= values.length) {
      s -= values.length;
    }
    values[s] = value;
    times[s] = timestamp;
    size++;
  }

  private void grow() {
    int n = (int) Math.min(capacity, (long) values.length * 2);
    double[] v = new double[n];
    long[] t = new long[n];
    for (int i = 0; i < size; i++) {
      int s = head + i;
      if (s >= values.length) {
        s -= values.length;
      }
      v[i] = values[s];
      t[i] = times[s];
    }
    values = v;
    times = t;
    head = 0;
  }

  /** Bytes of heap the window's arrays take (not the model). */
  long arrayBytes() {
    return 16L + 8L * values.length + 16L + 8L * times.length;
  }

  @Override
  public String toString() {
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      v[i] = value(i);
    }
    return "KeyWindow" + Arrays.toString(v);
  }
}
