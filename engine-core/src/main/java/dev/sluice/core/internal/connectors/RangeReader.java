package dev.sluice.core.internal.connectors;

import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.checkpoint.CheckpointedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Emits {@code eventAt(i)} for every index {@code i} of a list of half-open ranges, in order. Its
 * state is the part of its ranges not yet emitted, so a restore (at any parallelism) hands the
 * ranges of old reader {@code j} to new reader {@code j % parallelism}, which reads the ranges it
 * takes in index order.
 *
 * <p>Single-threaded, as every reader.
 */
final class RangeReader<T> implements SourceReader<T>, CheckpointedReader {
  private final LongFunction<? extends T> eventAt;
  /** Pairs (next, end) of the ranges; the first range with events left is read. */
  private final long[] ranges;
  private int range;

  RangeReader(LongFunction<? extends T> eventAt, long[] ranges) {
    this.eventAt = eventAt;
    this.ranges = ranges;
  }

  /** Reader {@code instance} of {@code parallelism} over [0, n): a contiguous slice. */
  static <T> RangeReader<T> slice(
      LongFunction<? extends T> eventAt, long n, int instance, int parallelism) {
    long from = sliceStart(n, instance, parallelism);
    long to = sliceStart(n, instance + 1, parallelism);
    return new RangeReader<>(eventAt, new long[] {from, to});
  }

  private static long sliceStart(long n, int instance, int parallelism) {
    return java.math.BigInteger.valueOf(n)
        .multiply(java.math.BigInteger.valueOf(instance))
        .divide(java.math.BigInteger.valueOf(parallelism))
        .longValueExact();
  }

  /** Reader {@code instance} of {@code parallelism}, taking over the old readers' states. */
  static <T> RangeReader<T> restore(
      LongFunction<? extends T> eventAt, int instance, int parallelism, List<byte[]> states)
      throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int pairs = 0;
    for (int j = 0; j < states.size(); j++) {
      if (j % parallelism != instance) {
        continue;
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(states.get(j)));
      int n = in.readInt();
      if (n < 0) {
        throw new IOException("corrupt reader state of old instance " + j + ": " + n + " ranges");
      }
      all.write(states.get(j), 4, n * 16);
      pairs += n;
    }
    long[][] taken = new long[pairs][];
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(all.toByteArray()));
    for (int k = 0; k < pairs; k++) {
      taken[k] = new long[] {in.readLong(), in.readLong()};
    }
    // in index order, as a fresh reader of these indices would read them: after restores at
    // changing parallelisms (4 -> 2 -> 1) the old readers' ranges would otherwise interleave
    // (q0, q2, q1, q3), and where event time grows with the index, a bounded-out-of-orderness
    // watermark raised by a later range would make the earlier one late
    java.util.Arrays.sort(taken, java.util.Comparator.comparingLong(r -> r[0]));
    long[] ranges = new long[pairs * 2];
    for (int k = 0; k < pairs; k++) {
      ranges[2 * k] = taken[k][0];
      ranges[2 * k + 1] = taken[k][1];
    }
    return new RangeReader<>(eventAt, ranges);
  }

  @Override
  public int read(SourceOutput<T> out, int max) {
    int n = 0;
    while (n < max) {
      if (range * 2 >= ranges.length) {
        return n == 0 ? END : n;
      }
      int k = range * 2;
      long next = ranges[k];
      long end = ranges[k + 1];
      if (next >= end) {
        range++;
        continue;
      }
      long stop = Math.min(end, next + (max - n));
      for (long i = next; i < stop; i++) {
        out.emit(eventAt.apply(i));
      }
      n += (int) (stop - next);
      ranges[k] = stop;
    }
    return n;
  }

  @Override
  public byte[] snapshotState(long checkpointId) throws IOException {
    int live = 0;
    for (int k = range * 2; k < ranges.length; k += 2) {
      if (ranges[k] < ranges[k + 1]) {
        live++;
      }
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(4 + live * 16);
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(live);
    for (int k = range * 2; k < ranges.length; k += 2) {
      if (ranges[k] < ranges[k + 1]) {
        out.writeLong(ranges[k]);
        out.writeLong(ranges[k + 1]);
      }
    }
    out.flush();
    return b.toByteArray();
  }
}
