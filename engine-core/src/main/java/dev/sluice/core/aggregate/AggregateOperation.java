package dev.sluice.core.aggregate;

import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
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
   * Writes accumulators into snapshots. The default is the self-describing {@link
   * StateCodecs#dynamic()} codec, which handles records, boxed values and collections and falls
   * back to Java serialization; operations whose accumulator is a mutable class give a codec.
   */
  default StateCodec<A> accumulatorCodec() {
    return StateCodecs.dynamic();
  }

  /** This operation with {@code codec} as its {@link #accumulatorCodec()}. */
  default AggregateOperation<T, A, R> withAccumulatorCodec(StateCodec<A> codec) {
    Objects.requireNonNull(codec, "codec");
    AggregateOperation<T, A, R> self = this;
    return new AggregateOperation<>() {
      @Override
      public A create() {
        return self.create();
      }

      @Override
      public void accumulate(A acc, T item) {
        self.accumulate(acc, item);
      }

      @Override
      public void combine(A acc, A other) {
        self.combine(acc, other);
      }

      @Override
      public boolean canDeduct() {
        return self.canDeduct();
      }

      @Override
      public void deduct(A acc, A other) {
        self.deduct(acc, other);
      }

      @Override
      public R export(A acc) {
        return self.export(acc);
      }

      @Override
      public StateCodec<A> accumulatorCodec() {
        return codec;
      }
    };
  }

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
    return of(create, accumulate, combine, deduct, export, StateCodecs.dynamic());
  }

  /**
   * Like {@link #of(Supplier, BiConsumer, BiConsumer, BiConsumer, Function)}, with the codec
   * that writes accumulators into snapshots.
   */
  static <T, A, R> AggregateOperation<T, A, R> of(
      Supplier<A> create,
      BiConsumer<? super A, ? super T> accumulate,
      BiConsumer<? super A, ? super A> combine,
      BiConsumer<? super A, ? super A> deduct,
      Function<? super A, ? extends R> export,
      StateCodec<A> accumulatorCodec) {
    Objects.requireNonNull(accumulatorCodec, "accumulatorCodec");
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

      @Override
      public StateCodec<A> accumulatorCodec() {
        return accumulatorCodec;
      }
    };
  }
}
