package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The distinct {@code long} values seen, in an open-addressing hash set of primitives: the
 * accumulator of {@link Aggregations#distinctCountLong}. Exact; about 16 bytes per distinct value
 * (the table is at most half full).
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none per value, except when the table
 * doubles; no boxing.
 */
public final class LongDistinctAccumulator {
  private static final long EMPTY = 0; // the value 0 is tracked by hasZero
  private long[] table = new long[16];
  private int size; // nonzero values in the table
  private boolean hasZero;

  /** Creates an empty accumulator. */
  public LongDistinctAccumulator() {}

  /** Adds {@code value}; true if it was not seen before. */
  public boolean add(long value) {
    if (value == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    long[] t = table;
    int mask = t.length - 1;
    int i = mix(value) & mask;
    while (true) {
      long k = t[i];
      if (k == value) {
        return false;
      }
      if (k == EMPTY) {
        t[i] = value;
        if (++size * 2 > t.length) {
          grow();
        }
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** True if {@code value} was seen. */
  public boolean contains(long value) {
    if (value == EMPTY) {
      return hasZero;
    }
    long[] t = table;
    int mask = t.length - 1;
    int i = mix(value) & mask;
    while (true) {
      long k = t[i];
      if (k == value) {
        return true;
      }
      if (k == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds every value of {@code other}, which is not modified. */
  public void combine(LongDistinctAccumulator other) {
    if (other.hasZero) {
      hasZero = true;
    }
    for (long k : other.table) {
      if (k != EMPTY) {
        add(k);
      }
    }
  }

  /** How many distinct values were seen. */
  public long count() {
    return size + (hasZero ? 1 : 0);
  }

  /** The distinct values in ascending order (a new array). */
  public long[] values() {
    long[] out = new long[(int) count()];
    int j = 0;
    if (hasZero) {
      out[j++] = 0;
    }
    for (long k : table) {
      if (k != EMPTY) {
        out[j++] = k;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    int mask = t.length - 1;
    for (long k : old) {
      if (k != EMPTY) {
        int i = mix(k) & mask;
        while (t[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        t[i] = k;
      }
    }
    table = t;
  }

  private static int mix(long value) {
    // the 64-bit finalizer of MurmurHash3: every input bit affects the low bits used as index
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  /**
   * Writes the number of values, then the values in ascending order (so the bytes depend only on
   * the set).
   */
  public static StateCodec<LongDistinctAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<LongDistinctAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(LongDistinctAccumulator value, DataOutput out) throws IOException {
          long[] values = value.values();
          out.writeInt(values.length);
          for (long v : values) {
            out.writeLong(v);
          }
        }

        @Override
        public LongDistinctAccumulator decode(DataInput in) throws IOException {
          int n = in.readInt();
          if (n < 0) {
            throw new IOException("corrupt distinct accumulator: " + n + " values");
          }
          LongDistinctAccumulator a = new LongDistinctAccumulator();
          for (int i = 0; i < n; i++) {
            a.add(in.readLong());
          }
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.distinct-long/1";
        }
      };

  @Override
  public String toString() {
    return "LongDistinctAccumulator[" + count() + " values]";
  }
}
