package dev.sluice.cep.join.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;

/**
 * The events of both sides held for one key (and, in a window join, one window): values with
 * their event times, in arrival order. Lives only in managed keyed state; written by {@link
 * Codec}.
 */
public final class SideBuffers {
  final ArrayList<Object> left = new ArrayList<>(2);
  long[] leftTimes = new long[2];
  final ArrayList<Object> right = new ArrayList<>(2);
  long[] rightTimes = new long[2];

  void addLeft(Object value, long time) {
    leftTimes = put(leftTimes, left.size(), time);
    left.add(value);
  }

  void addRight(Object value, long time) {
    rightTimes = put(rightTimes, right.size(), time);
    right.add(value);
  }

  private static long[] put(long[] times, int index, long time) {
    if (index == times.length) {
      times = java.util.Arrays.copyOf(times, Math.max(4, index * 2));
    }
    times[index] = time;
    return times;
  }

  boolean isEmpty() {
    return left.isEmpty() && right.isEmpty();
  }

  /** Moves every event of {@code other} into this buffer (session merges). */
  void absorb(SideBuffers other) {
    for (int i = 0; i < other.left.size(); i++) {
      addLeft(other.left.get(i), other.leftTimes[i]);
    }
    for (int i = 0; i < other.right.size(); i++) {
      addRight(other.right.get(i), other.rightTimes[i]);
    }
  }

  /** Removes left events with {@code time <= bound}; returns how many remain. */
  int expireLeft(long bound) {
    int w = 0;
    for (int i = 0; i < left.size(); i++) {
      if (leftTimes[i] > bound) {
        left.set(w, left.get(i));
        leftTimes[w++] = leftTimes[i];
      }
    }
    truncate(left, w);
    return w;
  }

  /** Removes right events with {@code time <= bound}; returns how many remain. */
  int expireRight(long bound) {
    int w = 0;
    for (int i = 0; i < right.size(); i++) {
      if (rightTimes[i] > bound) {
        right.set(w, right.get(i));
        rightTimes[w++] = rightTimes[i];
      }
    }
    truncate(right, w);
    return w;
  }

  private static void truncate(ArrayList<Object> list, int size) {
    while (list.size() > size) {
      list.remove(list.size() - 1);
    }
  }

  /** Writes both sides with the user's codecs. */
  static final class Codec implements StateCodec<SideBuffers> {
    private final StateCodec<Object> leftCodec;
    private final StateCodec<Object> rightCodec;

    Codec(StateCodec<Object> leftCodec, StateCodec<Object> rightCodec) {
      this.leftCodec = leftCodec;
      this.rightCodec = rightCodec;
    }

    @Override
    public void encode(SideBuffers value, DataOutput out) throws IOException {
      write(value.left, value.leftTimes, leftCodec, out);
      write(value.right, value.rightTimes, rightCodec, out);
    }

    private static void write(
        ArrayList<Object> values, long[] times, StateCodec<Object> codec, DataOutput out)
        throws IOException {
      out.writeInt(values.size());
      for (int i = 0; i < values.size(); i++) {
        out.writeLong(times[i]);
        codec.encode(values.get(i), out);
      }
    }

    @Override
    public SideBuffers decode(DataInput in) throws IOException {
      SideBuffers b = new SideBuffers();
      int n = readSize(in);
      for (int i = 0; i < n; i++) {
        long t = in.readLong();
        b.addLeft(leftCodec.decode(in), t);
      }
      n = readSize(in);
      for (int i = 0; i < n; i++) {
        long t = in.readLong();
        b.addRight(rightCodec.decode(in), t);
      }
      return b;
    }

    private static int readSize(DataInput in) throws IOException {
      int n = in.readInt();
      if (n < 0) {
        throw new IOException("corrupt join buffer: negative size " + n);
      }
      return n;
    }

    @Override
    public String formatId() {
      return "sluice.join.SideBuffers/1(" + leftCodec.formatId() + "," + rightCodec.formatId() + ")";
    }
  }
}
