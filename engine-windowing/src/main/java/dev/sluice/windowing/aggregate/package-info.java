/**
 * Aggregate operations for windows and rolling aggregates: {@link
 * dev.sluice.windowing.aggregate.Aggregations} (count, sums, averages, min/max, first/last,
 * percentiles, variance and standard deviation, custom, and the composite ones: allOf, distinct
 * count, top-N, grouping, having), their accumulators with their snapshot codecs, {@link
 * dev.sluice.windowing.aggregate.CompositeKey} for grouping by several fields, and {@link
 * dev.sluice.windowing.aggregate.Having} for conditions on results.
 */
package dev.sluice.windowing.aggregate;
