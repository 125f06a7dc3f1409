package dev.sluice.windowing.aggregate;

/**
 * Three results computed in one pass by {@link Aggregations#allOf(dev.sluice.core.aggregate.AggregateOperation,
 * dev.sluice.core.aggregate.AggregateOperation, dev.sluice.core.aggregate.AggregateOperation)}.
 *
 * @param first the result of the first operation
 * @param second the result of the second operation
 * @param third the result of the third operation
 * @param <R1> the first result type
 * @param <R2> the second result type
 * @param <R3> the third result type
 */
public record Tuple3<R1, R2, R3>(R1 first, R2 second, R3 third) {}
