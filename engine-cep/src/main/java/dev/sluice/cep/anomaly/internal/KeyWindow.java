package dev.sluice.cep.anomaly.internal;

import dev.sluice.cep.anomaly.RecentValues;

/**
 * One key's window of recent values (a ring of values of {@code dims} features and their
 * timestamps, oldest first), the key's seed, event-time clock and pending cleanup timer, and the
 * detector's model. The value of the detection operator's keyed state. Not thread-safe.
 */
public final class KeyWindow<M> implements RecentValues {
  private static final int INITIAL = 16;

  final int capacity;
  final int dims;
  double[] values; // slot s holds features [s * dims, (s + 1) * dims)
  long[] times;
  int head;
  int size;
  /** The largest timestamp the key has seen. */
  long clock = Long.MIN_VALUE;
  /** The time of the key's pending cleanup timer, or Long.MIN_VALUE. */
  long timer = Long.MIN_VALUE;
  final long seed;
  M model;

  KeyWindow(int capacity, int dims, long seed) {
    this(capacity, dims, seed, Math.min(capacity, INITIAL));
  }

  KeyWindow(int capacity, int dims, long seed, int allocated) {
    this.capacity = capacity;
    this.dims = dims;
    this.seed = seed;
    int slots = Math.max(1, allocated);
    this.values = new double[slots * dims];
    this.times = new long[slots];
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
  public int dimensions() {
    return dims;
  }

  @Override
  public double value(int index) {
    return values[slot(index) * dims];
  }

  @Override
  public double value(int index, int dimension) {
    if (dimension < 0 || dimension >= dims) {
      throw new IndexOutOfBoundsException("feature " + dimension + " of " + dims);
    }
    return values[slot(index) * dims + dimension];
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
    return s >= times.length ? s - times.length : s;
  }

  /** Copies every value's features, oldest first, into {@code out} (size * dims doubles). */
  void copyTo(double[] out) {
    for (int i = 0; i < size; i++) {
      int s = head + i;
      if (s >= times.length) {
        s -= times.length;
      }
      System.arraycopy(values, s * dims, out, i * dims, dims);
    }
  }

  boolean isFull() {
    return size == capacity;
  }

  /** The first feature of the oldest value. */
  double oldestValue() {
    return values[head * dims];
  }

  long oldestTime() {
    return times[head];
  }

  /** Removes the oldest value (the window must not be empty). */
  void removeOldest() {
    head = head + 1 == times.length ? 0 : head + 1;
    size--;
    if (size == 0) {
      head = 0;
    }
  }

  /** Appends a value of {@code dims} features taken from {@code point} (the window must not be full). */
  void append(double[] point, long timestamp) {
    int s = nextSlot();
    System.arraycopy(point, 0, values, s * dims, dims);
    times[s] = timestamp;
    size++;
  }

  private int nextSlot() {
    if (size == times.length) {
      grow();
    }
    int s = head + size;
    return s >= times.length ? s - times.length : s;
  }

  private void grow() {
    int n = (int) Math.min(capacity, (long) times.length * 2);
    double[] v = new double[n * dims];
    long[] t = new long[n];
    for (int i = 0; i < size; i++) {
      int s = head + i;
      if (s >= times.length) {
        s -= times.length;
      }
      System.arraycopy(values, s * dims, v, i * dims, dims);
      t[i] = times[s];
    }
    values = v;
    times = t;
    head = 0;
  }

  /** Heap bytes of the window's arrays (not the model). */
  long arrayBytes() {
    return 16L + 8L * values.length + 16L + 8L * times.length;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("KeyWindow[");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(value(i));
    }
    return sb.append(']').toString();
  }
}
