package dev.sluice.core.aggregate;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An aggregation split into create / accumulate / combine / deduct / export steps over a mutable
 * accumulator, so that rolling aggregates update in place and sliding windows can pre-aggregate
 * per slice, combine slices and deduct the slice that leaves.
 *
 * <p>{@link AggregateOperations} has the common ones. Implementations are immutable and
 * thread-safe; accumulators are not (each belongs to one key of one operator instance).
 *
 * @param <T> input type
 * @param <A> mutable accumulator type
 * @param <R> result type
 */
public interface AggregateOperation<T, A, R> {

  /** Creates an empty accumulator. */
  A create();

  /** Adds {@code item} to {@code acc}. */
  void accumulate(A acc, T item);

  /** Adds everything in {@code other} to {@code acc}; {@code other} is not modified. */
  void combine(A acc, A other);

  /** True if {@link #deduct} is supported. */
  default boolean canDeduct() {
    return false;
  }

  /**
   * Removes everything in {@code other} (previously combined into {@code acc}) from {@code acc}.
   *
   * @throws UnsupportedOperationException if {@link #canDeduct()} is false
   */
  default void deduct(A acc, A other) {
    throw new UnsupportedOperationException("this aggregate operation cannot deduct");
  }

  /** The result for {@code acc}; must not expose {@code acc} itself if it is mutated later. */
  R export(A acc);

  /**
   * Builds an operation from functions.
   *
   * @param deduct may be null if the operation cannot deduct
   */
  static <T, A, R> AggregateOperation<T, A, R> of(
      Supplier<A> create,
      BiConsumer<? super A, ? super T> accumulate,
      BiConsumer<? super A, ? super A> combine,
      BiConsumer<? super A, ? super A> deduct,
      Function<? super A, ? extends R> export) {
    Objects.requireNonNull(create, "create");
    Objects.requireNonNull(accumulate, "accumulate");
    Objects.requireNonNull(combine, "combine");
    Objects.requireNonNull(export, "export");
    return new AggregateOperation<>() {
      @Override
      public A create() {
        return create.get();
      }

      @Override
      public void accumulate(A acc, T item) {
        accumulate.accept(acc, item);
      }

      @Override
      public void combine(A acc, A other) {
        combine.accept(acc, other);
      }

      @Override
      public boolean canDeduct() {
        return deduct != null;
      }

      @Override
      public void deduct(A acc, A other) {
        if (deduct == null) {
          throw new UnsupportedOperationException("this aggregate operation cannot deduct");
        }
        deduct.accept(acc, other);
      }

      @Override
      public R export(A acc) {
        return export.apply(acc);
      }
    };
  }
}
