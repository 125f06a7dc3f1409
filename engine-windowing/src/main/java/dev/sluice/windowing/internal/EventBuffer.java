package dev.sluice.windowing.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/** A window's events with their timestamps, in arrival order (state of process windows). */
final class EventBuffer<T> {
  Object[] events;
  long[] timestamps;
  int size;

  EventBuffer() {
    this(4);
  }

  EventBuffer(int capacity) {
    events = new Object[Math.max(1, capacity)];
    timestamps = new long[events.length];
  }

  void add(T event, long timestamp) {
    if (size == events.length) {
      events = Arrays.copyOf(events, size * 2);
      timestamps = Arrays.copyOf(timestamps, size * 2);
    }
    events[size] = event;
    timestamps[size] = timestamp;
    size++;
  }

  void addAll(EventBuffer<T> other) {
    for (int i = 0; i < other.size; i++) {
      @SuppressWarnings("unchecked")
      T e = (T) other.events[i];
      add(e, other.timestamps[i]);
    }
  }

  /** Keeps only the last {@code n} events. */
  void keepLast(int n) {
    if (size <= n) {
      return;
    }
    int drop = size - n;
    System.arraycopy(events, drop, events, 0, n);
    System.arraycopy(timestamps, drop, timestamps, 0, n);
    Arrays.fill(events, n, size, null);
    size = n;
  }

  /** Keeps only events with a timestamp at least {@code max timestamp - keepMillis}. */
  void keepWithin(long keepMillis) {
    if (size == 0) {
      return;
    }
    long max = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, timestamps[i]);
    }
    long min = max - keepMillis;
    int w = 0;
    for (int i = 0; i < size; i++) {
      if (timestamps[i] >= min) {
        events[w] = events[i];
        timestamps[w] = timestamps[i];
        w++;
      }
    }
    Arrays.fill(events, w, size, null);
    size = w;
  }

  /** A read-only copy of the events, for a window function. */
  java.util.List<T> snapshotList() {
    Object[] copy = Arrays.copyOf(events, size);
    return new ReadOnly<>(copy);
  }

  private static final class ReadOnly<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] items;

    ReadOnly(Object[] items) {
      this.items = items;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
      return (T) items[index];
    }

    @Override
    public int size() {
      return items.length;
    }
  }

  /** Writes the events with {@code eventCodec} and the timestamps as longs. */
  static <T> StateCodec<EventBuffer<T>> codec(StateCodec<T> eventCodec) {
    return new StateCodec<>() {
      @Override
      public void encode(EventBuffer<T> value, DataOutput out) throws IOException {
        out.writeInt(value.size);
        for (int i = 0; i < value.size; i++) {
          out.writeLong(value.timestamps[i]);
          @SuppressWarnings("unchecked")
          T e = (T) value.events[i];
          eventCodec.encode(e, out);
        }
      }

      @Override
      public EventBuffer<T> decode(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
          throw new IOException("negative event count " + n + " in a window buffer");
        }
        EventBuffer<T> b = new EventBuffer<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
          long ts = in.readLong();
          b.add(eventCodec.decode(in), ts);
        }
        return b;
      }

      @Override
      public String formatId() {
        return "sluice.windowing.EventBuffer/1<" + eventCodec.formatId() + ">";
      }
    };
  }
}
