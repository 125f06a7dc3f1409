package dev.sluice.windowing.aggregate;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.aggregate.DoubleSumAccumulator;
import dev.sluice.core.aggregate.LongAccumulator;
import dev.sluice.core.aggregate.MutableReference;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.aggregate.internal.AllOfOperation;
import dev.sluice.windowing.aggregate.internal.DistinctCountOperation;
import dev.sluice.windowing.aggregate.internal.DoubleExtremumOperation;
import dev.sluice.windowing.aggregate.internal.GroupingOperation;
import dev.sluice.windowing.aggregate.internal.HavingOperation;
import dev.sluice.windowing.aggregate.internal.LongDistinctCountOperation;
import dev.sluice.windowing.aggregate.internal.LongExtremumOperation;
import dev.sluice.windowing.aggregate.internal.MappingOperation;
import dev.sluice.windowing.aggregate.internal.PercentileOperation;
import dev.sluice.windowing.aggregate.internal.SelectByTimeOperation;
import dev.sluice.windowing.aggregate.internal.SelectOperation;
import dev.sluice.windowing.aggregate.internal.SummingLongOperation;
import dev.sluice.windowing.aggregate.internal.TopNOperation;
import dev.sluice.windowing.aggregate.internal.VarianceOperation;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The aggregate operations of Sluice, for windows and for {@code keyBy(..).rollingAggregate(..)}.
 *
 * <pre>{@code
 * readings.keyBy(Reading::sensor)
 *     .rollingAggregate(Aggregations.allOf(
 *         Aggregations.averagingDouble(Reading::value),
 *         Aggregations.percentile(Reading::value, 99)));
 * }</pre>
 *
 * <p>Every operation is a create / accumulate / combine / deduct / export over a mutable
 * accumulator with a {@link StateCodec} for snapshots ({@link AggregateOperation#accumulatorCodec()}).
 * {@code combine(acc, other)} treats {@code other} as holding items that arrived after those of
 * {@code acc}; for order-insensitive operations this does not matter, and for order-sensitive ones
 * ({@link #first()}, {@link #last()}, ties in {@link #minBy}, {@link #maxBy} and {@link #topN}) it
 * makes accumulating a stream in consecutive parts and combining the parts in order give exactly
 * the result of accumulating it whole. Operations that {@link AggregateOperation#canDeduct() can
 * deduct} let a sliding window remove the slice that leaves instead of combining every slice
 * again; {@code docs/aggregations.md} lists which can.
 *
 * <p><b>Threading:</b> the operations are immutable and thread-safe; their accumulators are not
 * (each belongs to one key or window of one operator instance). <b>Allocation:</b> the numeric
 * operations (counting, sums, averages, min/max of primitives, variance and standard deviation)
 * accumulate, combine and deduct without allocating or boxing; exporting boxes the result. The
 * others allocate where their accumulator says. <b>Failures:</b> an exception from a user function
 * or an accumulator propagates to the stage, whose error policy handles it.
 */
public final class Aggregations {
  private Aggregations() {}

  // ---- count, sum, average

  /** Counts items. Accumulator {@link LongAccumulator}; deductible. */
  public static <T> AggregateOperation<T, LongAccumulator, Long> counting() {
    return AggregateOperations.counting();
  }

  /**
   * The exact sum of a {@code long} extracted from each item. The sum is kept in 128 bits, so it
   * never wraps while accumulating, combining or deducting; exporting throws {@link
   * ArithmeticException} if the sum does not fit in a {@code long}. Accumulator {@link
   * LongSumAccumulator}; deductible.
   */
  public static <T> AggregateOperation<T, LongSumAccumulator, Long> summingLong(
      ToLongFunction<? super T> fn) {
    return new SummingLongOperation<>("summingLong", fn, LongSumAccumulator::sumExact);
  }

  /**
   * The sum of a {@code double} extracted from each item, with Kahan compensation. Accumulator
   * {@link DoubleSumAccumulator}; deductible (deducting may lose the compensation of the part
   * removed: the result stays within a few ulps of the sum of the magnitudes involved).
   */
  public static <T> AggregateOperation<T, DoubleSumAccumulator, Double> summingDouble(
      ToDoubleFunction<? super T> fn) {
    return AggregateOperations.summingDouble(fn);
  }

  /**
   * The mean of a {@code long} extracted from each item, from an exact 128-bit sum (so it is right
   * even where the sum overflows a {@code long}, e.g. for timestamps in nanoseconds); NaN when
   * empty. Accumulator {@link LongSumAccumulator}; deductible.
   */
  public static <T> AggregateOperation<T, LongSumAccumulator, Double> averagingLong(
      ToLongFunction<? super T> fn) {
    return new SummingLongOperation<>("averagingLong", fn, LongSumAccumulator::mean);
  }

  /**
   * The mean of a {@code double} extracted from each item (compensated sum / count); NaN when
   * empty. Accumulator {@link DoubleSumAccumulator}; deductible.
   */
  public static <T> AggregateOperation<T, DoubleSumAccumulator, Double> averagingDouble(
      ToDoubleFunction<? super T> fn) {
    return AggregateOperations.averagingDouble(fn);
  }

  // ---- min, max

  /** The least {@code long} extracted from the items; null when empty. Not deductible. */
  public static <T> AggregateOperation<T, OptionalLongAccumulator, Long> minLong(
      ToLongFunction<? super T> fn) {
    return new LongExtremumOperation<>(fn, false);
  }

  /** The greatest {@code long} extracted from the items; null when empty. Not deductible. */
  public static <T> AggregateOperation<T, OptionalLongAccumulator, Long> maxLong(
      ToLongFunction<? super T> fn) {
    return new LongExtremumOperation<>(fn, true);
  }

  /**
   * The least {@code double} extracted from the items, ordered as {@link Double#compare} ({@code
   * -0.0 < 0.0}; NaN only if every value is NaN); null when empty. Not deductible.
   */
  public static <T> AggregateOperation<T, OptionalDoubleAccumulator, Double> minDouble(
      ToDoubleFunction<? super T> fn) {
    return new DoubleExtremumOperation<>(fn, false);
  }

  /**
   * The greatest {@code double} extracted from the items, ordered as {@link Double#compare} (a NaN
   * value makes it NaN); null when empty. Not deductible.
   */
  public static <T> AggregateOperation<T, OptionalDoubleAccumulator, Double> maxDouble(
      ToDoubleFunction<? super T> fn) {
    return new DoubleExtremumOperation<>(fn, true);
  }

  /**
   * The least item by {@code comparator}, the earliest among equals; null when empty. The item is
   * written into snapshots with {@link StateCodecs#dynamic()}. Not deductible.
   */
  public static <T> AggregateOperation<T, MutableReference<T>, T> minBy(
      Comparator<? super T> comparator) {
    return minBy(comparator, StateCodecs.dynamic());
  }

  /** As {@link #minBy(Comparator)}, writing the item into snapshots with {@code itemCodec}. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> minBy(
      Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    return new SelectOperation<>(SelectOperation.Mode.MIN_BY, comparator, itemCodec);
  }

  /**
   * The greatest item by {@code comparator}, the earliest among equals; null when empty. The item
   * is written into snapshots with {@link StateCodecs#dynamic()}. Not deductible.
   */
  public static <T> AggregateOperation<T, MutableReference<T>, T> maxBy(
      Comparator<? super T> comparator) {
    return maxBy(comparator, StateCodecs.dynamic());
  }

  /** As {@link #maxBy(Comparator)}, writing the item into snapshots with {@code itemCodec}. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> maxBy(
      Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    return new SelectOperation<>(SelectOperation.Mode.MAX_BY, comparator, itemCodec);
  }

  // ---- first, last

  /**
   * The first item to arrive; null when empty. In a window, arrival order is the order in which
   * the window's operator instance received the items, which is event-time order only if the
   * input is (use {@link #firstByTime} otherwise). Items must not be null. Written into snapshots
   * with {@link StateCodecs#dynamic()}. Not deductible.
   */
  public static <T> AggregateOperation<T, MutableReference<T>, T> first() {
    return first(StateCodecs.dynamic());
  }

  /** As {@link #first()}, writing the item into snapshots with {@code itemCodec}. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> first(StateCodec<T> itemCodec) {
    return new SelectOperation<>(SelectOperation.Mode.FIRST, null, itemCodec);
  }

  /**
   * The last item to arrive; null when empty. Arrival order as for {@link #first()} (use {@link
   * #lastByTime} for the latest by event time). Items must not be null. Not deductible.
   */
  public static <T> AggregateOperation<T, MutableReference<T>, T> last() {
    return last(StateCodecs.dynamic());
  }

  /** As {@link #last()}, writing the item into snapshots with {@code itemCodec}. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> last(StateCodec<T> itemCodec) {
    return new SelectOperation<>(SelectOperation.Mode.LAST, null, itemCodec);
  }

  /**
   * The item with the earliest timestamp, as {@code timestampFn} reads it from the item (pass the
   * function given to {@code withTimestamps}); among equal timestamps the first to arrive. Unlike
   * {@link #first()}, the result does not depend on arrival order except for ties. Null when
   * empty. Not deductible.
   */
  public static <T> AggregateOperation<T, TimestampedReference<T>, T> firstByTime(
      ToLongFunction<? super T> timestampFn) {
    return firstByTime(timestampFn, StateCodecs.dynamic());
  }

  /** As {@link #firstByTime(ToLongFunction)}, writing the item with {@code itemCodec}. */
  public static <T> AggregateOperation<T, TimestampedReference<T>, T> firstByTime(
      ToLongFunction<? super T> timestampFn, StateCodec<T> itemCodec) {
    return new SelectByTimeOperation<>(timestampFn, false, itemCodec);
  }

  /**
   * The item with the latest timestamp read by {@code timestampFn}; among equal timestamps the
   * last to arrive. Null when empty. Not deductible.
   */
  public static <T> AggregateOperation<T, TimestampedReference<T>, T> lastByTime(
      ToLongFunction<? super T> timestampFn) {
    return lastByTime(timestampFn, StateCodecs.dynamic());
  }

  /** As {@link #lastByTime(ToLongFunction)}, writing the item with {@code itemCodec}. */
  public static <T> AggregateOperation<T, TimestampedReference<T>, T> lastByTime(
      ToLongFunction<? super T> timestampFn, StateCodec<T> itemCodec) {
    return new SelectByTimeOperation<>(timestampFn, true, itemCodec);
  }

  // ---- percentiles

  /**
   * The nearest-rank percentile {@code p} (0..100) of a {@code double} extracted from each item
   * ({@code long} values widen exactly up to 2<sup>53</sup>): exact while an accumulator holds at
   * most {@value PercentileAccumulator#DEFAULT_EXACT_LIMIT} values, then from HdrHistograms within
   * a relative error of {@value PercentileAccumulator#RELATIVE_ERROR}. NaN when empty. See {@link
   * PercentileAccumulator} for the definition, memory, and the values accepted (a value outside
   * them fails with {@link IllegalArgumentException}). Not deductible.
   *
   * @throws IllegalArgumentException if {@code p} is outside 0..100
   */
  public static <T> AggregateOperation<T, PercentileAccumulator, Double> percentile(
      ToDoubleFunction<? super T> fn, double p) {
    return PercentileOperation.single(fn, p, PercentileAccumulator.DEFAULT_EXACT_LIMIT);
  }

  /**
   * Several percentiles at once, as {@link #percentile} computes each, over one accumulator.
   *
   * @param percentiles at least one, each in 0..100
   * @throws IllegalArgumentException if none is given or one is outside 0..100
   */
  public static <T> AggregateOperation<T, PercentileAccumulator, Percentiles> percentiles(
      ToDoubleFunction<? super T> fn, double... percentiles) {
    return percentilesWithExactLimit(fn, PercentileAccumulator.DEFAULT_EXACT_LIMIT, percentiles);
  }

  /**
   * As {@link #percentiles(ToDoubleFunction, double...)}, keeping up to {@code exactLimit} values
   * exactly (0 goes to histograms at once).
   *
   * @throws IllegalArgumentException if {@code exactLimit} is outside 0..{@link
   *     PercentileAccumulator#MAX_EXACT_LIMIT}, or a percentile is invalid
   */
  public static <T> AggregateOperation<T, PercentileAccumulator, Percentiles>
      percentilesWithExactLimit(
          ToDoubleFunction<? super T> fn, int exactLimit, double... percentiles) {
    return PercentileOperation.several(fn, percentiles, exactLimit);
  }

  // ---- variance, standard deviation

  /**
   * The population variance (Σ(x − mean)² / n) of a {@code double} extracted from each item; NaN
   * when empty. Welford's method on values shifted by the first one, Chan et al.'s combine; see
   * {@link VarianceAccumulator} for precision. Not deductible.
   */
  public static <T> AggregateOperation<T, VarianceAccumulator, Double> variance(
      ToDoubleFunction<? super T> fn) {
    return new VarianceOperation<>(fn, VarianceOperation.Kind.POPULATION_VARIANCE);
  }

  /** The sample variance (Σ(x − mean)² / (n − 1)); NaN for fewer than 2 values. */
  public static <T> AggregateOperation<T, VarianceAccumulator, Double> sampleVariance(
      ToDoubleFunction<? super T> fn) {
    return new VarianceOperation<>(fn, VarianceOperation.Kind.SAMPLE_VARIANCE);
  }

  /** The population standard deviation (square root of {@link #variance}); NaN when empty. */
  public static <T> AggregateOperation<T, VarianceAccumulator, Double> stddev(
      ToDoubleFunction<? super T> fn) {
    return new VarianceOperation<>(fn, VarianceOperation.Kind.POPULATION_STDDEV);
  }

  /** The sample standard deviation (square root of {@link #sampleVariance}). */
  public static <T> AggregateOperation<T, VarianceAccumulator, Double> sampleStddev(
      ToDoubleFunction<? super T> fn) {
    return new VarianceOperation<>(fn, VarianceOperation.Kind.SAMPLE_STDDEV);
  }

  // ---- custom

  /**
   * An operation from functions (see {@link AggregateOperation#of}): the accumulator is written
   * into snapshots with {@link StateCodecs#dynamic()}, so it should be a record, a boxed value, a
   * collection or {@code Serializable}.
   *
   * @param deduct null if the operation cannot deduct
   */
  public static <T, A, R> AggregateOperation<T, A, R> custom(
      Supplier<A> create,
      BiConsumer<? super A, ? super T> accumulate,
      BiConsumer<? super A, ? super A> combine,
      BiConsumer<? super A, ? super A> deduct,
      Function<? super A, ? extends R> export) {
    return AggregateOperation.of(create, accumulate, combine, deduct, export);
  }

  /** As {@link #custom(Supplier, BiConsumer, BiConsumer, BiConsumer, Function)} with a codec. */
  public static <T, A, R> AggregateOperation<T, A, R> custom(
      Supplier<A> create,
      BiConsumer<? super A, ? super T> accumulate,
      BiConsumer<? super A, ? super A> combine,
      BiConsumer<? super A, ? super A> deduct,
      Function<? super A, ? extends R> export,
      StateCodec<A> accumulatorCodec) {
    return AggregateOperation.of(create, accumulate, combine, deduct, export, accumulatorCodec);
  }

  // ---- composite

  /**
   * Two operations over the same items in one pass. Deductible if both are. Accumulator {@link
   * AllOfAccumulator}.
   */
  public static <T, R1, R2> AggregateOperation<T, AllOfAccumulator, Tuple2<R1, R2>> allOf(
      AggregateOperation<? super T, ?, ? extends R1> op1,
      AggregateOperation<? super T, ?, ? extends R2> op2) {
    return allOf(op1, op2, Tuple2::new);
  }

  /** Two operations in one pass, their results combined by {@code finish}. */
  @SuppressWarnings("unchecked")
  public static <T, R1, R2, R> AggregateOperation<T, AllOfAccumulator, R> allOf(
      AggregateOperation<? super T, ?, ? extends R1> op1,
      AggregateOperation<? super T, ?, ? extends R2> op2,
      BiFunction<? super R1, ? super R2, ? extends R> finish) {
    Objects.requireNonNull(finish, "finish");
    return new AllOfOperation<>(
        Arrays.asList(op1, op2), r -> finish.apply((R1) r[0], (R2) r[1]));
  }

  /** Three operations over the same items in one pass. Deductible if all are. */
  @SuppressWarnings("unchecked")
  public static <T, R1, R2, R3> AggregateOperation<T, AllOfAccumulator, Tuple3<R1, R2, R3>> allOf(
      AggregateOperation<? super T, ?, ? extends R1> op1,
      AggregateOperation<? super T, ?, ? extends R2> op2,
      AggregateOperation<? super T, ?, ? extends R3> op3) {
    return new AllOfOperation<>(
        Arrays.asList(op1, op2, op3), r -> new Tuple3<>((R1) r[0], (R2) r[1], (R3) r[2]));
  }

  /**
   * Any number of operations in one pass; the result lists their results in order (an
   * unmodifiable list that may hold nulls). Deductible if all are.
   *
   * @throws IllegalArgumentException if {@code ops} is empty
   */
  public static <T> AggregateOperation<T, AllOfAccumulator, List<Object>> allOf(
      List<? extends AggregateOperation<? super T, ?, ?>> ops) {
    return new AllOfOperation<T, List<Object>>(
        ops, r -> Collections.unmodifiableList(Arrays.asList(r)));
  }

  /**
   * The number of distinct values of {@code fn} (exact; they need {@code equals}/{@code
   * hashCode}; null counts as a value), written into snapshots with {@link StateCodecs#dynamic()}.
   * Accumulator {@link DistinctAccumulator}; not deductible (a set cannot tell whether another
   * item still holds a value).
   */
  public static <T, K> AggregateOperation<T, DistinctAccumulator<K>, Long> distinctCount(
      Function<? super T, ? extends K> fn) {
    return distinctCount(fn, StateCodecs.dynamic());
  }

  /** As {@link #distinctCount(Function)}, writing the values with {@code valueCodec}. */
  public static <T, K> AggregateOperation<T, DistinctAccumulator<K>, Long> distinctCount(
      Function<? super T, ? extends K> fn, StateCodec<K> valueCodec) {
    return new DistinctCountOperation<>(fn, valueCodec);
  }

  /**
   * The number of distinct {@code long} values of {@code fn}, exact, in a primitive hash set
   * (no boxing, about 16 bytes per value). Accumulator {@link LongDistinctAccumulator}; not
   * deductible.
   */
  public static <T> AggregateOperation<T, LongDistinctAccumulator, Long> distinctCountLong(
      ToLongFunction<? super T> fn) {
    return new LongDistinctCountOperation<>(fn);
  }

  /**
   * The {@code n} greatest items by {@code comparator}, best first; among equal items the earlier
   * ranks higher. (For the least, pass {@code comparator.reversed()}.) Items must not be null and
   * are written into snapshots with {@link StateCodecs#dynamic()}. Accumulator {@link
   * TopNAccumulator}; not deductible.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static <T> AggregateOperation<T, TopNAccumulator<T>, List<T>> topN(
      int n, Comparator<? super T> comparator) {
    return topN(n, comparator, StateCodecs.dynamic());
  }

  /** As {@link #topN(int, Comparator)}, writing the items with {@code itemCodec}. */
  public static <T> AggregateOperation<T, TopNAccumulator<T>, List<T>> topN(
      int n, Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    return new TopNOperation<>(n, comparator, itemCodec);
  }

  /**
   * Groups items by {@code keyFn} and runs {@code downstream} per group; the result maps each
   * group key to its result (an unmodifiable map, a new one per export). For several fields use a
   * {@link CompositeKey}. Keys are written into snapshots with {@link StateCodecs#dynamic()}.
   * Accumulator {@link GroupingAccumulator}; deductible if {@code downstream} is (a group left
   * empty disappears from the result).
   */
  public static <T, K, A, R> AggregateOperation<T, GroupingAccumulator<K, A>, Map<K, R>> groupingBy(
      Function<? super T, ? extends K> keyFn, AggregateOperation<? super T, A, R> downstream) {
    return groupingBy(keyFn, downstream, StateCodecs.dynamic());
  }

  /** As {@link #groupingBy(Function, AggregateOperation)}, writing keys with {@code keyCodec}. */
  public static <T, K, A, R> AggregateOperation<T, GroupingAccumulator<K, A>, Map<K, R>> groupingBy(
      Function<? super T, ? extends K> keyFn,
      AggregateOperation<? super T, A, R> downstream,
      StateCodec<K> keyCodec) {
    return new GroupingOperation<>(keyFn, downstream, keyCodec);
  }

  /**
   * {@code op} with its items mapped by {@code mapper} first, e.g. {@code mapping(Bid::price,
   * first())}. Same accumulator and deduct support as {@code op}.
   */
  public static <T, U, A, R> AggregateOperation<T, A, R> mapping(
      Function<? super T, ? extends U> mapper, AggregateOperation<? super U, A, R> op) {
    return new MappingOperation<>(mapper, op);
  }

  /**
   * {@code op} whose result is kept only when {@code condition} holds, as SQL's {@code HAVING}: the
   * export is {@code null} when the result fails it (or is itself null). It filters results after
   * export and changes nothing that is accumulated; null means "no result" to a window (see
   * {@link Having}). Same accumulator and deduct support as {@code op}.
   */
  public static <T, A, R> AggregateOperation<T, A, R> having(
      AggregateOperation<T, A, R> op, Having<? super R> condition) {
    return new HavingOperation<>(op, condition);
  }
}
