package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.AllOfAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Runs several operations over the same items in one pass; exports all results through a finisher. */
public final class AllOfOperation<T, R> implements AggregateOperation<T, AllOfAccumulator, R> {
  private final AggregateOperation<? super T, Object, Object>[] ops;
  private final Function<Object[], ? extends R> finisher;
  private final boolean canDeduct;
  private final StateCodec<AllOfAccumulator> codec;

  /**
   * Creates the operation.
   *
   * @param ops the operations, at least one
   * @param finisher builds the result from the exported results, in the order of {@code ops}
   *     (given a fresh array it may keep)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public AllOfOperation(
      List<? extends AggregateOperation<? super T, ?, ?>> ops,
      Function<Object[], ? extends R> finisher) {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("allOf needs at least one operation");
    }
    this.ops = new AggregateOperation[ops.size()];
    List<StateCodec<?>> codecs = new ArrayList<>();
    boolean deduct = true;
    for (int i = 0; i < ops.size(); i++) {
      AggregateOperation<? super T, ?, ?> op =
          Objects.requireNonNull(ops.get(i), "operation " + i + " of allOf");
      this.ops[i] = (AggregateOperation<? super T, Object, Object>) op;
      codecs.add(op.accumulatorCodec());
      deduct &= op.canDeduct();
    }
    this.finisher = Objects.requireNonNull(finisher, "finisher");
    this.canDeduct = deduct;
    this.codec = AllOfAccumulator.codec(codecs);
  }

  @Override
  public AllOfAccumulator create() {
    Object[] parts = new Object[ops.length];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = ops[i].create();
    }
    return new AllOfAccumulator(parts);
  }

  @Override
  public void accumulate(AllOfAccumulator acc, T item) {
    AggregateOperation<? super T, Object, Object>[] ops = this.ops;
    for (int i = 0; i < ops.length; i++) {
      ops[i].accumulate(acc.get(i), item);
    }
  }

  @Override
  public void combine(AllOfAccumulator acc, AllOfAccumulator other) {
    for (int i = 0; i < ops.length; i++) {
      ops[i].combine(acc.get(i), other.get(i));
    }
  }

  @Override
  public boolean canDeduct() {
    return canDeduct;
  }

  @Override
  public void deduct(AllOfAccumulator acc, AllOfAccumulator other) {
    if (!canDeduct) {
      throw new UnsupportedOperationException(
          "allOf cannot deduct: not all of " + List.of(ops) + " can");
    }
    for (int i = 0; i < ops.length; i++) {
      ops[i].deduct(acc.get(i), other.get(i));
    }
  }

  @Override
  public R export(AllOfAccumulator acc) {
    Object[] results = new Object[ops.length];
    for (int i = 0; i < ops.length; i++) {
      results[i] = ops[i].export(acc.get(i));
    }
    return finisher.apply(results);
  }

  @Override
  public StateCodec<AllOfAccumulator> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return "allOf" + List.of(ops);
  }
}
