package dev.sluice.pipeline.frame;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.pipeline.FieldType;
import dev.sluice.pipeline.Record;
import dev.sluice.pipeline.RecordSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aggregates over the channels of frames in a window: for each chosen channel and each {@link
 * Op}, one output field named {@code channel_op} (e.g. {@code ax_rms}). NaN values (channels a
 * stage left unset) are skipped, as SQL skips NULL; a channel with no value in the window gives
 * NaN for {@code mean/min/max/rms} and 0 for {@code sum/count}.
 *
 * <p>The operation works on the channel values copied out of each frame ({@link #sample}), so a
 * window never holds a frame and every frame goes back to its pool as it arrives. Immutable;
 * thread-safe.
 */
public final class ChannelAggregates {
  /** The per-channel operations. */
  public enum Op {
    /** Arithmetic mean. */
    MEAN,
    /** Least value. */
    MIN,
    /** Greatest value. */
    MAX,
    /** Root mean square, {@code sqrt(sum(x^2) / n)}. */
    RMS,
    /** Sum. */
    SUM,
    /** Number of (non-NaN) values. */
    COUNT;

    /** The name in files and field names: lower case. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The op named {@code label} (case-insensitive), or null. */
    public static Op parse(String label) {
      for (Op o : values()) {
        if (o.label().equalsIgnoreCase(label)) {
          return o;
        }
      }
      return null;
    }
  }

  private final FrameSchema input;
  private final int[] channels;
  private final List<Op> ops;
  private final RecordSchema output;

  private ChannelAggregates(FrameSchema input, int[] channels, List<Op> ops) {
    this.input = input;
    this.channels = channels;
    this.ops = List.copyOf(ops);
    RecordSchema.Builder b = RecordSchema.builder()
        .add("windowStart", FieldType.LONG).add("windowEnd", FieldType.LONG).add("frames", FieldType.LONG);
    for (int c : channels) {
      for (Op o : ops) {
        b.add(input.channel(c) + "_" + o.label(), o == Op.COUNT ? FieldType.LONG : FieldType.DOUBLE);
      }
    }
    this.output = b.build();
  }

  /**
   * {@code ops} over {@code channelNames} of {@code input} (all channels if the list is empty).
   *
   * @throws IllegalArgumentException for an unknown channel, no ops, or a repeated op/channel
   */
  public static ChannelAggregates of(FrameSchema input, List<String> channelNames, List<Op> ops) {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("no aggregate operations given; choose from "
          + Arrays.stream(Op.values()).map(Op::label).toList());
    }
    if (ops.stream().distinct().count() != ops.size()) {
      throw new IllegalArgumentException("an operation is given twice: " + ops);
    }
    List<String> names = channelNames.isEmpty() ? input.channels() : channelNames;
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("a channel is given twice: " + names);
    }
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = input.index(names.get(i));
      if (idx[i] < 0) {
        throw new IllegalArgumentException("no channel '" + names.get(i) + "'; channels: " + input.channels());
      }
    }
    return new ChannelAggregates(input, idx, ops);
  }

  /** The output record schema: {@code windowStart, windowEnd, frames}, then {@code channel_op}. */
  public RecordSchema outputSchema() {
    return output;
  }

  /** The input frame schema. */
  public FrameSchema inputSchema() {
    return input;
  }

  /** The chosen channels' values of {@code f}, copied (the caller still owns {@code f}). */
  public double[] sample(Frame f) {
    double[] v = new double[channels.length];
    for (int i = 0; i < channels.length; i++) {
      v[i] = f.get(channels[i]);
    }
    return v;
  }

  /** The aggregation over samples, for engine-windowing's {@code aggregate}. */
  public AggregateOperation<double[], Acc, Acc> operation() {
    int n = channels.length;
    return AggregateOperation.of(() -> new Acc(n), Acc::add, Acc::merge, null, a -> a);
  }

  /** The output record of a window {@code [start, end)} with accumulator {@code a}. */
  public Record toRecord(long start, long end, Acc a) {
    Object[] v = new Object[output.size()];
    v[0] = start;
    v[1] = end;
    v[2] = a.frames;
    int k = 3;
    for (int i = 0; i < channels.length; i++) {
      long cnt = a.count[i];
      for (Op o : ops) {
        v[k++] = switch (o) {
          case MEAN -> cnt == 0 ? Double.NaN : a.sum[i] / cnt;
          case MIN -> cnt == 0 ? Double.NaN : a.min[i];
          case MAX -> cnt == 0 ? Double.NaN : a.max[i];
          case RMS -> cnt == 0 ? Double.NaN : Math.sqrt(a.sumSq[i] / cnt);
          case SUM -> a.sum[i];
          case COUNT -> cnt;
        };
      }
    }
    return new Record(output, v);
  }

  /** A short description. */
  public String describe() {
    List<String> names = new ArrayList<>();
    for (int c : channels) {
      names.add(input.channel(c));
    }
    return ops.stream().map(Op::label).toList() + " of " + names;
  }

  /** The running state of one window: per channel count, sum, sum of squares, min, max. */
  public static final class Acc {
    long frames;
    final long[] count;
    final double[] sum;
    final double[] sumSq;
    final double[] min;
    final double[] max;

    Acc(int n) {
      count = new long[n];
      sum = new double[n];
      sumSq = new double[n];
      min = new double[n];
      max = new double[n];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    void add(double[] v) {
      frames++;
      for (int i = 0; i < v.length; i++) {
        double x = v[i];
        if (Double.isNaN(x)) {
          continue;
        }
        count[i]++;
        sum[i] += x;
        sumSq[i] += x * x;
        min[i] = Math.min(min[i], x);
        max[i] = Math.max(max[i], x);
      }
    }

    void merge(Acc o) {
      frames += o.frames;
      for (int i = 0; i < count.length; i++) {
        count[i] += o.count[i];
        sum[i] += o.sum[i];
        sumSq[i] += o.sumSq[i];
        min[i] = Math.min(min[i], o.min[i]);
        max[i] = Math.max(max[i], o.max[i]);
      }
    }
  }
}
