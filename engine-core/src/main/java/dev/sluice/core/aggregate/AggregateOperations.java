package dev.sluice.core.aggregate;

import dev.sluice.core.state.StateCodecs;
import java.util.Comparator;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** The common aggregate operations. */
public final class AggregateOperations {
  private AggregateOperations() {}

  /** Counts items. Deductible. */
  public static <T> AggregateOperation<T, LongAccumulator, Long> counting() {
    return AggregateOperation.of(
        LongAccumulator::new,
        (a, t) -> a.add(1),
        (a, b) -> a.add(b.get()),
        (a, b) -> a.add(-b.get()),
        LongAccumulator::get,
        LongAccumulator.codec());
  }

  /** Sums a long extracted from each item. Deductible. */
  public static <T> AggregateOperation<T, LongAccumulator, Long> summingLong(
      ToLongFunction<? super T> fn) {
    return AggregateOperation.of(
        LongAccumulator::new,
        (a, t) -> a.add(fn.applyAsLong(t)),
        (a, b) -> a.add(b.get()),
        (a, b) -> a.add(-b.get()),
        LongAccumulator::get,
        LongAccumulator.codec());
  }

  /** Sums a double extracted from each item (compensated). Deductible. */
  public static <T> AggregateOperation<T, DoubleSumAccumulator, Double> summingDouble(
      ToDoubleFunction<? super T> fn) {
    return AggregateOperation.of(
        DoubleSumAccumulator::new,
        (a, t) -> a.add(fn.applyAsDouble(t)),
        DoubleSumAccumulator::combine,
        DoubleSumAccumulator::deduct,
        DoubleSumAccumulator::sum,
        DoubleSumAccumulator.codec());
  }

  /** The mean of a double extracted from each item; NaN when empty. Deductible. */
  public static <T> AggregateOperation<T, DoubleSumAccumulator, Double> averagingDouble(
      ToDoubleFunction<? super T> fn) {
    return AggregateOperation.of(
        DoubleSumAccumulator::new,
        (a, t) -> a.add(fn.applyAsDouble(t)),
        DoubleSumAccumulator::combine,
        DoubleSumAccumulator::deduct,
        DoubleSumAccumulator::mean,
        DoubleSumAccumulator.codec());
  }

  /** The greatest item by {@code comparator}; null when empty. Not deductible. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> maxBy(
      Comparator<? super T> comparator) {
    return reducing((a, b) -> comparator.compare(a, b) >= 0 ? a : b);
  }

  /** The least item by {@code comparator}; null when empty. Not deductible. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> minBy(
      Comparator<? super T> comparator) {
    return reducing((a, b) -> comparator.compare(a, b) <= 0 ? a : b);
  }

  /** Reduces items with an associative {@code reducer}; null when empty. Not deductible. */
  public static <T> AggregateOperation<T, MutableReference<T>, T> reducing(
      BinaryOperator<T> reducer) {
    return AggregateOperation.of(
        MutableReference::new,
        (MutableReference<T> a, T t) -> a.set(a.get() == null ? t : reducer.apply(a.get(), t)),
        (MutableReference<T> a, MutableReference<T> b) -> {
          if (b.get() != null) {
            a.set(a.get() == null ? b.get() : reducer.apply(a.get(), b.get()));
          }
        },
        null,
        MutableReference::get,
        MutableReference.codec(StateCodecs.dynamic()));
  }
}
