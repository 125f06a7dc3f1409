package dev.sluice.windowing.aggregate;

import java.util.Objects;

/**
 * A condition on an aggregation's result, as SQL's {@code HAVING}: results that fail it are not
 * emitted. It filters results <em>after</em> export; it never changes what is accumulated.
 *
 * <p>Use it through {@link Aggregations#having}, which wraps an operation so that its export is
 * {@code null} when the condition fails: null means "no result", and a window emits nothing for
 * it (the contract with the window operator, which may also apply a {@code Having} to its
 * results itself). {@code keyBy(..).rollingAggregate(..)} emits a {@code KeyedValue} whose value
 * is {@code null}, which a following {@code filter(kv -> kv.value() != null)} drops.
 *
 * <p>Implementations must be stateless and thread-safe; they are called once per export.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface Having<R> {

  /** True if {@code result} is to be emitted. */
  boolean test(R result);

  /** A condition that holds when both this one and {@code other} hold. */
  default Having<R> and(Having<? super R> other) {
    Objects.requireNonNull(other, "other");
    return r -> test(r) && other.test(r);
  }

  /** A condition that holds when this one does not. */
  default Having<R> negate() {
    return r -> !test(r);
  }
}
