package dev.sluice.cep.join;

/**
 * Builds one output row from a left and a right event: the {@code (left, right) -> result} of
 * every join in this package.
 *
 * <p>In an outer join the missing side is {@code null}: {@code right} for an unmatched left event
 * of a left or full outer join, {@code left} for an unmatched right event of a right or full outer
 * join. Never both. A {@code null} result emits nothing.
 *
 * <p><b>Threading:</b> called on the join operator's thread, one call at a time per instance;
 * must not block. <b>Failure:</b> an exception is a failure of the event being processed and goes
 * to the join stage's error policy (when the join fires on a watermark, the job fails).
 * <b>Events</b> passed in belong to the join's state: do not mutate them or keep them.
 *
 * @param <L> left event type
 * @param <R> right event type
 * @param <O> result type
 */
@FunctionalInterface
public interface JoinFunction<L, R, O> {

  /** The row for {@code left} joined with {@code right} (one of them null in outer joins). */
  O join(L left, R right) throws Exception;
}
