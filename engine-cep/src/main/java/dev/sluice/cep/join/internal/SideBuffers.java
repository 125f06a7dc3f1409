package dev.sluice.cep.join.internal;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The events of both sides held for one key (and, in a window join, one window): values with
 * their event times, in arrival order. Lives only in managed keyed state; written by {@link
 * Codec}.
 */
public final class SideBuffers {
  // allocated on first use: a window or key often holds one side only
  private Object[] left;
  private long[] leftTimes;
  private int leftCount;
  private Object[] right;
  private long[] rightTimes;
  private int rightCount;

  int leftCount() {
    return leftCount;
  }

  Object left(int i) {
    return left[i];
  }

  long leftTime(int i) {
    return leftTimes[i];
  }

  int rightCount() {
    return rightCount;
  }

  Object right(int i) {
    return right[i];
  }

  long rightTime(int i) {
    return rightTimes[i];
  }

  void addLeft(Object value, long time) {
    if (left == null) {
      left = new Object[2];
      leftTimes = new long[2];
    } else if (leftCount == left.length) {
      left = Arrays.copyOf(left, leftCount * 2);
      leftTimes = Arrays.copyOf(leftTimes, leftCount * 2);
    }
    left[leftCount] = value;
    leftTimes[leftCount++] = time;
  }

  void addRight(Object value, long time) {
    if (right == null) {
      right = new Object[2];
      rightTimes = new long[2];
    } else if (rightCount == right.length) {
      right = Arrays.copyOf(right, rightCount * 2);
      rightTimes = Arrays.copyOf(rightTimes, rightCount * 2);
    }
    right[rightCount] = value;
    rightTimes[rightCount++] = time;
  }

  boolean isEmpty() {
    return leftCount == 0 && rightCount == 0;
  }

  /** Moves every event of {@code other} into this buffer (session merges). */
  void absorb(SideBuffers other) {
    for (int i = 0; i < other.leftCount; i++) {
      addLeft(other.left[i], other.leftTimes[i]);
    }
    for (int i = 0; i < other.rightCount; i++) {
      addRight(other.right[i], other.rightTimes[i]);
    }
  }

  /** Removes left events with {@code time <= bound}; returns how many remain. */
  int expireLeft(long bound) {
    int w = 0;
    for (int i = 0; i < leftCount; i++) {
      if (leftTimes[i] > bound) {
        left[w] = left[i];
        leftTimes[w++] = leftTimes[i];
      }
    }
    if (left != null) {
      Arrays.fill(left, w, leftCount, null);
    }
    leftCount = w;
    return w;
  }

  /** Removes right events with {@code time <= bound}; returns how many remain. */
  int expireRight(long bound) {
    int w = 0;
    for (int i = 0; i < rightCount; i++) {
      if (rightTimes[i] > bound) {
        right[w] = right[i];
        rightTimes[w++] = rightTimes[i];
      }
    }
    if (right != null) {
      Arrays.fill(right, w, rightCount, null);
    }
    rightCount = w;
    return w;
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
      write(value.left, value.leftTimes, value.leftCount, leftCodec, out);
      write(value.right, value.rightTimes, value.rightCount, rightCodec, out);
    }

    private static void write(
        Object[] values, long[] times, int count, StateCodec<Object> codec, DataOutput out)
        throws IOException {
      out.writeInt(count);
      for (int i = 0; i < count; i++) {
        out.writeLong(times[i]);
        codec.encode(values[i], out);
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
